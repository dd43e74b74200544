"""Wagtail's routing and anonymous pages, cached (portal.page_cache): served from the cache while the
published tree stands, and never served stale once an editor publishes, renames, moves, unpublishes,
deletes or restricts a page."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from portal import page_cache
from tests.courses import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(db):
    home = builders.site_home()
    home.title = "Nền tảng hỗ trợ xã"
    home.save_revision().publish()
    return home


@pytest.fixture
def lesson_client(client, official, province, django_capture_on_commit_callbacks):
    """A signed-in official with a course of three lessons assigned."""
    from courses.services import course_assignments_sync

    with django_capture_on_commit_callbacks(execute=True):
        course = builders.course(assignments=[{"province": province, "due_date": builders.due(10)}])
        course_assignments_sync(course_id=course.pk)
    client.force_login(official)
    client.course = course
    return client


def page_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if '"wagtailcore_page"' in q["sql"]]


def test_a_lesson_is_routed_and_loaded_from_the_cache_in_one_plain_query(lesson_client):
    lesson = lesson_client.course.get_children().live().first().specific
    with CaptureQueriesContext(connection) as first:
        assert lesson_client.get(lesson.url).status_code == 200
    with CaptureQueriesContext(connection) as again:
        response = lesson_client.get(lesson.url)
    assert response.status_code == 200
    assert lesson.title in response.text
    # Wagtail walks the tree level by level (two queries a level) the first time; then the cached
    # route holds the page's row too, and one plain query checks it is live at the same revision.
    assert len(page_queries(first)) > 4
    assert page_queries(again) == [
        f'SELECT "live", "live_revision_id" FROM "wagtailcore_page" WHERE "id" = {lesson.pk}'
    ]


def test_a_republished_lesson_shows_its_new_text_at_once(lesson_client, django_capture_on_commit_callbacks):
    lesson = lesson_client.course.get_children().live().first().specific
    assert lesson_client.get(lesson.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        lesson.title = "Bài một, viết lại"
        lesson.summary = "Tóm tắt mới của bài một"
        lesson.save_revision().publish()
    response = lesson_client.get(lesson.url)
    assert "Bài một, viết lại" in response.text
    assert "Tóm tắt mới của bài một" in response.text


def test_a_renamed_page_moves_to_its_new_address_at_once(lesson_client, django_capture_on_commit_callbacks):
    lesson = lesson_client.course.get_children().live().first().specific
    old_url = lesson.url
    assert lesson_client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        lesson.slug = "bai-mot-moi"
        lesson.save_revision().publish()
    new_url = Page.objects.get(pk=lesson.pk).url
    # Not the cached route: Wagtail's own redirect from the old address to the new.
    assert lesson_client.get(old_url)["Location"] == new_url
    assert lesson_client.get(new_url).status_code == 200


def test_a_renamed_course_moves_its_lessons_too(lesson_client, django_capture_on_commit_callbacks):
    course = lesson_client.course
    lesson = course.get_children().live().first()
    old_url = lesson.specific.url
    assert lesson_client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        course.slug = "khoa-moi"
        course.save_revision().publish()
    new_url = Page.objects.get(pk=lesson.pk).url
    assert "/khoa-moi/" in new_url
    assert lesson_client.get(old_url)["Location"] == new_url
    assert lesson_client.get(new_url).status_code == 200


def test_an_unpublished_lesson_is_gone_at_once(lesson_client, django_capture_on_commit_callbacks):
    lesson = lesson_client.course.get_children().live().first().specific
    assert lesson_client.get(lesson.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        lesson.unpublish()
    assert lesson_client.get(lesson.url).status_code == 404


def test_an_unpublished_page_is_not_served_even_before_the_new_version(lesson_client):
    """The cached route keeps the page's row, but whether it is still live (at the same revision) is
    read on every request, so a page taken down outside Wagtail's signals is not served either."""
    lesson = lesson_client.course.get_children().live().first().specific
    assert lesson_client.get(lesson.url).status_code == 200
    Page.objects.filter(pk=lesson.pk).update(live=False)
    assert lesson_client.get(lesson.url).status_code == 404


def test_a_moved_lesson_leaves_its_old_address(lesson_client, province, django_capture_on_commit_callbacks):
    lesson = lesson_client.course.get_children().live().first()
    old_url = lesson.specific.url
    assert lesson_client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        other = builders.course(
            "Ký số",
            slug="ky-so",
            lessons=0,
            assignments=[{"province": province, "due_date": builders.due(5)}],
        )
        lesson.move(other, pos="last-child")
    new_url = Page.objects.get(pk=lesson.pk).url
    assert "/ky-so/" in new_url
    assert lesson_client.get(old_url)["Location"] == new_url


def test_a_deleted_lesson_is_gone_at_once(lesson_client, django_capture_on_commit_callbacks):
    lesson = lesson_client.course.get_children().live().first().specific
    url = lesson.url
    assert lesson_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        lesson.delete()
    assert lesson_client.get(url).status_code == 404


def test_privacy_set_after_a_page_was_cached_is_honoured(home, django_capture_on_commit_callbacks):
    visitor = Client()
    assert "Nền tảng hỗ trợ xã" in visitor.get("/").text
    assert "Nền tảng hỗ trợ xã" in visitor.get("/").text  # now from the cache
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=home, restriction_type=PageViewRestriction.PASSWORD, password="mk"
        )
    response = visitor.get("/")
    assert "Nền tảng hỗ trợ xã" not in response.text
    assert 'name="password"' in response.text


def test_the_anonymous_home_page_is_served_without_the_database(home):
    visitor = Client()
    assert visitor.get("/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get("/")
    assert response.status_code == 200
    assert "Nền tảng hỗ trợ xã" in response.text
    assert list(queries) == []


def test_a_cached_page_carries_each_visitors_own_working_csrf_token(home):
    first = Client(enforce_csrf_checks=True)
    first.get("/")
    second = Client(enforce_csrf_checks=True)
    page = second.get("/").text  # from the cache
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert tokens, "the language switch form carries a token"
    assert "\x00" not in page
    response = second.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": tokens[0]}
    )
    assert response.status_code == 302
    assert "Learn step by step" in second.get("/").text


def test_each_language_has_its_own_cached_page(home):
    visitor = Client()
    assert "Học từng bước" in visitor.get("/").text
    english = Client()
    english.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Learn step by step" in english.get("/").text
    assert "Học từng bước" in visitor.get("/").text


def test_a_visitor_with_a_message_waiting_sees_it(home):
    Client().get("/")  # the page is cached
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    messages.success(request, "Bạn đã đăng xuất.")
    response = page_cache.serve(request, "")
    response.render()
    assert "Bạn đã đăng xuất." in response.content.decode()


def test_a_newly_published_home_page_replaces_the_cached_one(home, django_capture_on_commit_callbacks):
    visitor = Client()
    assert "Nền tảng hỗ trợ xã" in visitor.get("/").text
    with django_capture_on_commit_callbacks(execute=True):
        home.title = "Trang chủ mới"
        home.save_revision().publish()
    assert "Trang chủ mới" in visitor.get("/").text


def test_a_signed_in_users_page_is_never_served_to_a_visitor(home, client, official):
    client.force_login(official)
    assert "Vào trang làm việc" in client.get("/").text
    visitor = Client().get("/").text
    assert "Vào trang làm việc" not in visitor
    assert "Đăng nhập để bắt đầu" in visitor
    assert official.full_name not in visitor


def test_a_password_protected_page_is_never_shared_between_visitors(home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=home, restriction_type=PageViewRestriction.PASSWORD, password="mk"
        )
    knows = Client()
    form = knows.get("/").text
    assert 'name="password"' in form
    assert "Trang này cần mật khẩu" in form  # the site's own form, in Vietnamese
    action = re.search(r'action="([^"]*authenticate_with_password[^"]*)"', form).group(1)
    wrong = knows.post(action, {"password": "sai", "return_url": "/"})
    assert "Mật khẩu không đúng. Hãy nhập lại." in wrong.text
    assert knows.post(action, {"password": "mk", "return_url": "/"}).status_code == 302
    assert "Nền tảng hỗ trợ xã" in knows.get("/").text
    assert "Nền tảng hỗ trợ xã" in knows.get("/").text

    stranger = Client().get("/").text
    assert "Nền tảng hỗ trợ xã" not in stranger
    assert 'name="password"' in stranger
    assert "Nền tảng hỗ trợ xã" in knows.get("/").text, "the password form is not served back to them"
