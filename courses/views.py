"""Course views besides the Wagtail pages themselves (which serve the course and lesson pages)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses import page_store, selectors, services
from courses.forms import SearchForm


@never_cache
def screenshot_preview(request, image_id: int):
    """The admin's step form draws the highlighted area on this copy of the chosen screenshot (at most
    1024 px wide, the width of the drawn mock-ups). An admin URL: Wagtail asks for admin access."""
    image = selectors.screenshot_for_editor_or_404(user=request.user, image_id=image_id)
    return redirect(image.get_rendition("max-1024x1024").url)


@never_cache
@login_required
def my_courses(request):
    """ "Khóa học của tôi": what the official must learn, how far they are, and where to continue."""

    def page(progress):
        rows = (
            selectors.my_courses(official=request.user, request=request, progress=progress)
            if request.user.is_official
            else []
        )
        return render(request, "courses/my_courses.html", {"rows": rows, "search_form": SearchForm()})

    # An official's page is kept until their progress, the courses or the day change.
    return page_store.my_courses_response(request=request, render=page)


@require_POST
@login_required
def lesson_complete(request, lesson_id: int):
    """The "Đã xong bài này" button at the end of a lesson; then on to the next lesson."""
    lesson = selectors.lesson_for_user_or_404(user=request.user, lesson_id=lesson_id)
    view = selectors.lesson_view(user=request.user, lesson=lesson)
    if request.user.is_official:
        services.lesson_complete(official=request.user, lesson=lesson)
        if selectors.course_completed(official=request.user, course_id=view.course.pk):
            messages.success(request, _("Chúc mừng! Bạn đã hoàn thành khóa học “%s”.") % view.course.title)
        else:
            messages.success(request, _("Đã ghi nhận: bạn đã xong bài “%s”.") % lesson.title)
    return redirect(view.next.url if view.next else view.course.url)


@never_cache
@login_required
def search(request):
    """Search the courses the user may open, with or without diacritics."""
    form = SearchForm(request.GET or None)
    hits = []
    if form.is_valid():
        hits = selectors.course_content_search(user=request.user, query=form.cleaned_data["q"])
    return render(request, "courses/search.html", {"form": form, "hits": hits})


@never_cache
@login_required
def course_print(request, course_id: int):
    """The whole course as one clean printable guide."""
    course = selectors.course_for_user_or_404(user=request.user, course_id=course_id)
    return render(
        request,
        "courses/print.html",
        {"course": course, "lessons": selectors.course_print(course=course), "img_loading": "eager"},
    )
