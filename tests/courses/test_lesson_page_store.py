"""Lesson pages kept whole for everyone who would see the same page (``courses.page_store``): the next
official in the same state is served without rendering, yet each person gets their own name, token,
menus, progress and messages, and nothing changed is served stale.

``response.templates`` lists the templates rendered for a response: empty when the page was kept."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from courses.services import course_assignments_sync
from tests.courses import builders
from tests.factories import AdministratorFactory, OfficialFactory, TrainerFactory
from tests.quizzes.factories import make_question, make_quiz


def _client(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def _done_url(lesson) -> str:
    return reverse("courses:lesson_complete", args=[lesson.pk])


def _who(response) -> str:
    return re.search(r'<span class="who">([^<]*)</span>', response.text).group(1)


@pytest.fixture
def colleague(course, commune):
    """A second official of the same commune, with the same course."""
    colleague = OfficialFactory(username="canbo-hai", first_name="Thị Hai", last_name="Lê", commune=commune)
    course_assignments_sync(course_id=course.pk)
    return colleague


def test_the_next_official_in_the_same_state_gets_the_kept_page_with_their_own_name(
    course, lessons, assigned, colleague
):
    first = _client(assigned).get(lessons[0].url)
    assert first.status_code == 200 and first.templates, "the first view renders the page"
    kept = _client(colleague).get(lessons[0].url)
    assert kept.status_code == 200
    assert kept.templates == [], "the second official's page was not rendered again"
    assert _who(kept) == colleague.get_full_name()
    assert assigned.get_full_name() not in kept.text
    # The same page otherwise: the lesson, its steps, its button.
    for text in ("Nhập tên đăng nhập (bài 1)", "Đã xong bài này", "Bài 1/3"):
        assert text in kept.text
    assert kept["Cache-Control"].startswith("max-age=0")


def test_the_kept_page_carries_each_users_own_csrf_token(course, lessons, assigned, colleague):
    _client(assigned).get(lessons[0].url)
    client = _client(colleague, enforce_csrf_checks=True)
    kept = client.get(lessons[0].url)
    assert kept.templates == []
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept.text))
    assert len(tokens) == 1 and "\x00" not in tokens.pop() + kept.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept.text).group(1)
    done = client.post(_done_url(lessons[0]), {"csrfmiddlewaretoken": token})
    assert done.status_code == 302, "the token filled in is one the colleague's session accepts"
    assert "Bạn đã xong bài này." in client.get(lessons[0].url).text


def test_what_an_official_has_done_is_their_own(course, lessons, assigned, colleague):
    client = _client(assigned)
    client.get(lessons[0].url)
    client.post(_done_url(lessons[0]))
    client.get(lessons[1].url)  # the message of the button is shown there
    done = client.get(lessons[0].url)
    assert "Bạn đã xong bài này." in done.text
    assert "Đã xong bài này</button>" not in done.text
    other = _client(colleague).get(lessons[0].url)
    assert other.templates == [], "the colleague's state is the first official's before: kept"
    assert "Đã xong bài này</button>" in other.text and "Bạn đã xong bài này." not in other.text
    again = client.get(lessons[0].url)
    assert again.templates == [] and "Bạn đã xong bài này." in again.text


def test_a_message_waiting_is_shown_once_and_never_kept_for_others(course, lessons, assigned, colleague):
    client = _client(assigned)
    client.get(lessons[1].url)
    client.post(_done_url(lessons[0]))
    with_message = client.get(lessons[1].url)
    assert "Đã ghi nhận: bạn đã xong bài" in with_message.text
    assert with_message.templates, "a page with a message is rendered"
    assert "Đã ghi nhận" not in client.get(lessons[1].url).text
    assert "Đã ghi nhận" not in _client(colleague).get(lessons[1].url).text


def test_each_role_gets_its_own_menus(course, lessons, assigned, province):
    trainer = TrainerFactory(province=province, first_name="Huấn", last_name="Luyện")
    _client(assigned).get(lessons[0].url)
    trainers = _client(trainer).get(lessons[0].url)
    assert trainers.status_code == 200 and trainers.templates, "another role: another page"
    assert "Buổi hỗ trợ" in trainers.text and "Tiến độ của tôi" not in trainers.text
    assert "Đã xong bài này</button>" not in trainers.text, "only an official records a lesson"
    officials = _client(assigned).get(lessons[0].url)
    assert officials.templates == []
    assert "Tiến độ của tôi" in officials.text and "Phân tích câu hỏi" not in officials.text
    administrator = AdministratorFactory(is_staff=True)
    administrators = _client(administrator).get(lessons[0].url)
    assert administrators.templates, "an administrator's menus are not a trainer's"
    assert "Nhập danh sách cán bộ" in administrators.text and "Buổi hỗ trợ" not in administrators.text


def test_a_renamed_official_sees_the_new_name_at_once(course, lessons, assigned, colleague):
    _client(colleague).get(lessons[0].url)
    assigned.full_name = "Trần Văn <Mới>"
    assigned.save()
    page = _client(assigned).get(lessons[0].url)
    assert page.templates == []
    assert _who(page) == "Trần Văn &lt;Mới&gt;"


def test_each_language_is_kept_apart(course, lessons, assigned, colleague):
    _client(assigned).get(lessons[0].url)
    client = _client(colleague)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(lessons[0].url)
    assert english.templates, "no Vietnamese page for an English reader"
    assert 'lang="en"' in english.text and "My courses" in english.text


def test_a_new_revision_is_served_at_once(course, lessons, assigned, colleague):
    lesson = lessons[0]
    _client(assigned).get(lesson.url)
    lesson.refresh_from_db()
    lesson.title = "Bài 1: tiêu đề mới"
    lesson.save_revision().publish()
    page = _client(colleague).get(lesson.url)
    assert page.templates and "Bài 1: tiêu đề mới" in page.text


def test_a_query_string_is_rendered_not_kept(course, lessons, assigned, colleague):
    _client(assigned).get(lessons[0].url + "?tu=zalo")
    assert _client(colleague).get(lessons[0].url).templates, "nothing was kept from the first"


@pytest.mark.django_db(transaction=True)
def test_a_renamed_course_shows_on_its_lessons_at_once(province, commune, image):
    course = builders.course(image=image, assignments=[{"province": province}])
    first = OfficialFactory(commune=commune)
    second = OfficialFactory(commune=commune)
    course_assignments_sync(course_id=course.pk)
    lesson = course.get_children().live().first().specific
    assert "Đăng nhập và tài khoản" in _client(first).get(lesson.url).text
    course.title = "Tài khoản VNeID"
    course.save_revision().publish()  # the tree's version is new once this commits
    page = _client(second).get(lesson.url)
    assert page.templates and "Tài khoản VNeID" in page.text


def test_the_last_lesson_with_requirements_left_is_never_kept(db, province, commune, image):
    quiz = make_quiz(
        [make_question("true_false", options=[("Đúng", True), ("Sai", False)])], slug="kiem-tra-cuoi"
    )
    course = builders.course(
        image=image, lessons=1, quizzes=["kiem-tra-cuoi"], assignments=[{"province": province}]
    )
    official = OfficialFactory(commune=commune)
    course_assignments_sync(course_id=course.pk)
    lesson = course.get_children().live().first().specific
    client = _client(official)
    client.post(_done_url(lesson))
    client.get(lesson.url)  # shows the message
    assert "Bài kiểm tra thử</a>" in client.get(lesson.url).text
    quiz.title = "Kiểm tra cuối khóa"
    quiz.save()
    page = client.get(lesson.url)
    assert page.templates and "Kiểm tra cuối khóa</a>" in page.text


@pytest.mark.django_db(transaction=True)
def test_a_kept_lesson_costs_two_cache_round_trips_two_queries_and_no_write(
    province, commune, image, monkeypatch
):
    """The session, then the route with the official's progress and the board's last position; the
    course's shape and the page in its state are kept by the process. The user's row and the page's
    live revision from the database."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    course = builders.course(image=image, assignments=[{"province": province}])
    official = OfficialFactory(commune=commune)
    course_assignments_sync(course_id=course.pk)
    lesson = course.get_children().live().first().specific
    client = _client(official)
    for _view in range(2):  # the first records the visit and keeps the page
        assert client.get(lesson.url).status_code == 200
    cache = caches["default"]
    reads, depth = [], []

    def spy(real, name):
        def read(*args, **kwargs):
            if not depth:  # the file cache's get_many calls get: one read asked for
                reads.append((name, args[0]))
            depth.append(name)
            try:
                return real(*args, **kwargs)
            finally:
                depth.pop()

        return read

    for method in ("get", "get_many"):
        monkeypatch.setattr(cache, method, spy(getattr(cache, method), method))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(lesson.url)
    assert page.status_code == 200 and page.templates == []
    assert len(reads) == 2, reads
    assert len(queries) == 2, [q["sql"] for q in queries]
    assert not [q for q in queries if not q["sql"].startswith("SELECT")]
