"""Sign in, sign out, password change and reset, the lockout page axes shows; and, for department
heads and administrators, bulk import of officials and the officials' and communes' screens.

Every object is looked up through ``people.permissions``: out of scope answers 404; a role that has no
business here answers 403.
"""

import csv
import io
from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from core.collation import by_name
from people.forms import CommuneFilterForm, ImportUploadForm, OfficialFilterForm, OfficialForm, SignInForm
from people.imports.files import MAX_UPLOAD_BYTES, FileProblem, problem
from people.imports.messages import problem_message
from people.imports.report import excel_safe, problems_csv
from people.models import JobRole
from people.permissions import (
    can_manage_officials,
    can_read_credentials,
    communes_visible_to,
    import_jobs_visible_to,
    officials_visible_to,
)
from people.selectors import (
    commune_summary,
    communes_list,
    import_slip_communes,
    import_slips,
    officials_list,
)
from people.services import (
    account_unlock_time,
    import_credentials_clear,
    import_job_submit,
    official_update,
    user_password_chosen,
)
from people.uploads import UploadLimitHandler

PER_PAGE = 50
PROBLEMS_SHOWN = 200


class SignInView(auth_views.LoginView):
    template_name = "people/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "people/password_change.html"
    success_url = reverse_lazy("people:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        user_password_chosen(user=form.user)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        user_password_chosen(user=form.user)
        return response


def lockout(request, response=None, credentials=None, *args, **kwargs):
    """Axes calls this when an account is locked: say, in the user's language, when it unlocks."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    unlock_at = account_unlock_time(username=username)
    minutes = None
    if unlock_at is not None:
        minutes = max(1, int((unlock_at - timezone.now()).total_seconds() // 60) + 1)
    return render(
        request,
        "people/locked.html",
        {"username": username, "unlock_at": unlock_at, "minutes": minutes},
        status=403,
    )


def manager_required(view):
    """Department heads (own province) and administrators only; anyone else signed in gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage_officials(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _csv_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Bulk import -------------------------------------------------------------------------------------


@csrf_exempt
@manager_required
def import_page(request):
    """Upload a file of officials; lists the recent imports of the viewer's province."""
    # The limit must be in place before anything reads the request body, CSRF checking included;
    # hence this view is exempt and the inner one protected, as Django's documentation shows.
    request.upload_handlers.insert(0, UploadLimitHandler(request, MAX_UPLOAD_BYTES))
    return _import_page(request)


@csrf_protect
def _import_page(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_job_submit(
                uploaded_by=request.user,
                fileobj=upload,
                name=upload.name,
                content_type=upload.content_type,
                dry_run=form.cleaned_data["dry_run"],
            )
        except FileProblem as fault:
            form.add_error("file", problem_message(fault.problem))
        else:
            return redirect("people:import_job", pk=job.pk)
    if getattr(request, "upload_too_large", False):
        form.errors["file"] = form.error_class(
            [problem_message(problem("too_large", limit=MAX_UPLOAD_BYTES // (1024 * 1024)))]
        )
    jobs = import_jobs_visible_to(request.user)[:10]
    return render(request, "people/import_form.html", {"form": form, "jobs": jobs})


@require_GET
@manager_required
def import_example(request):
    """A file to start from: the columns, and example rows with real commune codes of the viewer's
    scope."""
    communes = list(communes_visible_to(request.user).order_by("code")[:2])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["full_name", "commune_code", "job_role", "phone", "email", "username"])
    examples = [
        ("Nguyễn Thị Lan", JobRole.ONE_STOP, "0912345678", "lannt", ""),
        ("Trần Văn Hùng", JobRole.CIVIL_STATUS, "0987654321", "hungtv", "hungtv.canbo"),
    ]
    for (name, role, phone, mailbox, username), commune in zip(examples, communes, strict=False):
        writer.writerow([name, commune.code, role.label, phone, f"{mailbox}@example.gov.vn", username])
    return _csv_response(buffer.getvalue().encode("utf-8-sig"), "mau-danh-sach-can-bo.csv")


def _visible_job(request, pk: int):
    return get_object_or_404(import_jobs_visible_to(request.user), pk=pk)


@never_cache
@require_GET
@manager_required
def import_job(request, pk: int):
    """An import's progress while it runs, then its result and every problem found."""
    job = _visible_job(request, pk)
    problems = [{**item, "message": problem_message(item)} for item in job.errors[:PROBLEMS_SHOWN]]
    slip_communes = import_slip_communes(job=job) if can_read_credentials(request.user, job) else []
    return render(
        request,
        "people/import_job.html",
        {
            "job": job,
            "problems": problems,
            "problems_hidden": max(0, len(job.errors) - PROBLEMS_SHOWN),
            "slip_communes": slip_communes,
            "slips_total": sum(count for _commune, count in slip_communes),
        },
    )


@never_cache
@require_GET
@manager_required
def import_job_status(request, pk: int):
    """The small JSON the progress bar polls."""
    job = _visible_job(request, pk)
    return JsonResponse(
        {
            "state": job.state,
            "label": job.get_state_display(),
            "finished": job.is_finished,
            "done": job.progress_done,
            "total": job.progress_total,
            "percent": job.percent,
        }
    )


@never_cache
@require_GET
@manager_required
def import_job_report(request, pk: int):
    """Every problem of an import as a CSV file (row, column, value, what is wrong)."""
    job = _visible_job(request, pk)
    return _csv_response(problems_csv(job.errors), f"loi-nhap-can-bo-{job.pk}.csv")


@never_cache
@require_GET
@manager_required
def import_job_slips(request, pk: int):
    """Printable credential slips, one sheet per commune; only for the uploader of this job."""
    job = _visible_job(request, pk)
    if not can_read_credentials(request.user, job):
        raise Http404
    commune = request.GET.get("commune", "")
    sheets = import_slips(job=job, commune_code=commune)
    response = render(
        request,
        "people/import_slips.html",
        {
            "job": job,
            "sheets": sheets,
            "sign_in_url": request.build_absolute_uri(reverse_lazy("people:login")),
        },
    )
    response["Cache-Control"] = "no-store, private"
    return response


@require_POST
@manager_required
def import_job_slips_clear(request, pk: int):
    """The uploader has handed the slips out: erase the one-time passwords now."""
    job = _visible_job(request, pk)
    if not can_read_credentials(request.user, job):
        raise Http404
    count = import_credentials_clear(job=job, user=request.user)
    messages.success(request, _("Đã xóa %(count)s mật khẩu cấp lần đầu của lần nhập này.") % {"count": count})
    return redirect("people:import_job", pk=job.pk)


# --- Officials and communes ------------------------------------------------------------------------


@require_GET
@manager_required
def official_list(request):
    form = OfficialFilterForm(request.GET or None, viewer=request.user)
    commune = form.cleaned("commune")
    officials = officials_list(
        viewer=request.user,
        query=form.cleaned("q", ""),
        province_id=getattr(form.cleaned("province"), "pk", None),
        commune_id=getattr(commune, "pk", None),
        job_role=form.cleaned("job_role", ""),
        status=form.cleaned("status", ""),
    )
    return render(request, "people/official_list.html", {"form": form, "page": _page(request, officials)})


@manager_required
def official_edit(request, pk: int):
    official = get_object_or_404(
        officials_visible_to(request.user).select_related("commune__province"), pk=pk
    )
    form = OfficialForm(request.POST or None, instance=official)
    if request.method == "POST" and form.is_valid():
        official_update(official=official, **form.cleaned_data)
        messages.success(request, _("Đã lưu thông tin của %(name)s.") % {"name": official.full_name})
        return redirect("people:official_edit", pk=official.pk)
    return render(request, "people/official_edit.html", {"form": form, "official": official})


@require_GET
@manager_required
def commune_list(request):
    form = CommuneFilterForm(request.GET or None, viewer=request.user)
    communes = communes_list(
        viewer=request.user,
        query=form.cleaned("q", ""),
        province_id=getattr(form.cleaned("province"), "pk", None),
        division_type=form.cleaned("division_type", ""),
    )
    return render(request, "people/commune_list.html", {"form": form, "page": _page(request, communes)})


@require_GET
@manager_required
def commune_codes(request):
    """Every commune in the viewer's scope with its code, to fill the commune_code column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Mã xã"), _("Xã/phường"), _("Tỉnh/thành phố")])
    for code, name, province in (
        communes_visible_to(request.user)
        .order_by(*by_name("province__name", "name"))
        .values_list("code", "name", "province__name")
    ):
        writer.writerow([excel_safe(code), excel_safe(name), excel_safe(province)])
    return _csv_response(buffer.getvalue().encode("utf-8-sig"), "ma-xa-phuong.csv")


@require_GET
@manager_required
def commune_detail(request, code: str):
    commune = get_object_or_404(communes_visible_to(request.user).select_related("province"), code=code)
    summary = commune_summary(commune=commune)
    by_role = [(label, summary["by_job_role"].get(value, 0)) for value, label in JobRole.choices]
    return render(
        request, "people/commune_detail.html", {"commune": commune, "summary": summary, "by_role": by_role}
    )
