"""In two browsers: the trainer sends a lesson step picked from the lists (by course, titles only;
the practice's fields hidden once "Bài học" is chosen), and the official receives the card that opens
that step of the lesson."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage
from tests.browser.conftest import sign_in
from tests.courses import builders
from tests.live_sessions.conftest import make_session

pytestmark = pytest.mark.browser


def _enter(new_page, live, user, password, session):
    page = new_page()
    sign_in(page, live, user.username, password)
    page.goto(f"{live.url}/live/{session.pk}/")
    expect(page.locator("#live-status")).to_have_text("Đã kết nối.")
    return page


def test_trainer_picks_a_lesson_step_and_officials_receive_it(
    live, new_page, trainer, commune, official, password
):
    builders.course("Chữ ký số", slug="chu-ky-so", lessons=2)
    lesson = LessonPage.objects.get(title="Bài 2: đăng nhập lần 2")
    session = make_session(trainer, communes=[commune], title="Hỗ trợ ký số")
    host = _enter(new_page, live, trainer, password, session)
    lan = _enter(new_page, live, official, password, session)

    form = host.locator("#card-form")
    practices = form.get_by_role("combobox", name="Bài thực hành", exact=True)
    lesson_list = form.get_by_role("combobox", name="Bài học", exact=True)
    expect(practices).to_be_visible()
    expect(lesson_list).to_be_hidden()
    form.get_by_role("radio", name="Bài học").check()
    expect(practices).to_be_hidden()
    expect(lesson_list.locator("optgroup[label='Chữ ký số'] option")).to_have_text(
        ["Bài 1: đăng nhập lần 1", "Bài 2: đăng nhập lần 2"]
    )
    steps = form.get_by_role("combobox", name="Bước của bài học")
    expect(steps).to_be_hidden()  # no lesson chosen yet
    lesson_list.select_option(label="Bài 2: đăng nhập lần 2")
    expect(steps.locator("option")).to_have_text(
        ["Cả bài", "Bước 1: Nhập tên đăng nhập (bài 2)", "Bước 2: Bấm nút Đăng nhập (bài 2)"]
    )
    steps.select_option(label="Bước 2: Bấm nút Đăng nhập (bài 2)")
    form.get_by_role("button", name="Gửi cho mọi người").click()

    for page in (host, lan):
        link = page.locator("#live-card-link")
        expect(link).to_have_text("Bài 2: đăng nhập lần 2")
        expect(page.locator("#live-card-step")).to_have_text("Bước 2: Bấm nút Đăng nhập (bài 2)")
    expect(lan.locator("#live-card-link")).to_have_attribute(
        "href", re.compile(re.escape(lesson.url) + "#step-")
    )
