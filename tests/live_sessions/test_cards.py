"""The trainer's "send to everyone" card: practices and published lessons picked from lists (never a
typed address), a step from the chosen item's steps, the form that reads only the chosen kind's
fields and works without the page's script, and who may send."""

import pytest
from django.urls import reverse

from courses.models import LessonPage
from live_sessions import selectors, services
from live_sessions.forms import CardForm
from live_sessions.models import PushedCard
from live_sessions.services import LiveError
from tests.courses import builders
from tests.factories import TrainerFactory


@pytest.fixture
def signing_course(db):
    """A published course with two published lessons (two steps each) and a draft lesson."""
    course = builders.course("Chữ ký số", slug="chu-ky-so", lessons=2)
    builders.lesson(course, "Bài nháp", slug="bai-nhap").unpublish()
    return course


def _lesson(title: str) -> LessonPage:
    return LessonPage.objects.get(title=title)


def test_lessons_are_listed_by_course_with_their_steps_and_no_drafts(signing_course):
    items = selectors.card_items("lesson")

    assert [(item.group, item.title) for item in items] == [
        ("Chữ ký số", "Bài 1: đăng nhập lần 1"),
        ("Chữ ký số", "Bài 2: đăng nhập lần 2"),
    ]
    assert [title for _key, title in items[0].steps] == [
        "Nhập tên đăng nhập (bài 1)",
        "Bấm nút Đăng nhập (bài 1)",
    ]


def test_practices_are_listed_by_title_and_number(db):
    items = {item.key: item for item in selectors.card_items("scenario")}

    assert items["ky-so-usb"].title == "10. Ký số bằng USB token" and items["ky-so-usb"].group == "Ký số"
    assert len(items["ky-so-usb"].steps) == 3


def test_a_lesson_step_card_opens_that_step(live_session, trainer, signing_course):
    lesson = _lesson("Bài 2: đăng nhập lần 2")
    step_id = lesson.body.raw_data[2]["id"]

    card = services.card_push(
        session_id=live_session.pk, trainer=trainer, kind="lesson", lesson=lesson.pk, step=step_id
    )

    assert card.title == "Bài 2: đăng nhập lần 2"
    assert card.step == "Bước 2: Bấm nút Đăng nhập (bài 2)"
    assert card.url == f"{lesson.get_url()}#step-{step_id}" and services.same_site_path(card.url)


def test_a_draft_or_unknown_lesson_and_another_lessons_step_are_refused(
    live_session, trainer, signing_course, django_capture_on_commit_callbacks
):
    first, second = _lesson("Bài 1: đăng nhập lần 1"), _lesson("Bài 2: đăng nhập lần 2")
    for lesson, step in (
        (_lesson("Bài nháp").pk, ""),
        (999999, ""),
        (first.pk, second.body.raw_data[1]["id"]),
    ):
        with pytest.raises(LiveError) as refused:
            services.card_push(
                session_id=live_session.pk, trainer=trainer, kind="lesson", lesson=lesson, step=step
            )
        assert refused.value.code == "invalid"
    with django_capture_on_commit_callbacks(execute=True):  # a new version of the published tree
        first.unpublish()
    with pytest.raises(LiveError):
        services.card_push(session_id=live_session.pk, trainer=trainer, kind="lesson", lesson=first.pk)
    assert not PushedCard.objects.exists()


def test_only_the_sessions_trainer_sends(live_session, official, signing_course):
    for who in (official, TrainerFactory(province=live_session.province)):
        with pytest.raises(LiveError):
            services.card_push(session_id=live_session.pk, trainer=who, kind="scenario", slug="ky-so-usb")
    assert not PushedCard.objects.exists()


def test_form_reads_only_the_chosen_kinds_fields(signing_course):
    lesson = _lesson("Bài 1: đăng nhập lần 1")
    step_id = lesson.body.raw_data[1]["id"]

    scenario = CardForm(
        {
            "kind": "scenario",
            "scenario": "ky-so-usb",
            "scenario_step": "",
            "lesson": "rác",
            "lesson_step": "x|y",
        }
    )
    assert scenario.is_valid(), scenario.errors
    assert scenario.card == {"kind": "scenario", "slug": "ky-so-usb", "step": ""}

    chosen = CardForm(
        {
            "kind": "lesson",
            "scenario": "khong-co",
            "lesson": str(lesson.pk),
            "lesson_step": f"{lesson.pk}|{step_id}",
        }
    )
    assert chosen.is_valid(), chosen.errors
    assert chosen.card == {"kind": "lesson", "lesson": str(lesson.pk), "step": step_id}


def test_form_errors_are_next_to_their_fields(signing_course):
    first, second = _lesson("Bài 1: đăng nhập lần 1"), _lesson("Bài 2: đăng nhập lần 2")

    assert list(CardForm({"kind": "lesson", "lesson": ""}).errors) == ["lesson"]
    assert list(CardForm({"kind": "scenario", "scenario": "khong-co"}).errors) == ["scenario"]
    other_step = f"{second.pk}|{second.body.raw_data[1]['id']}"
    assert list(CardForm({"kind": "lesson", "lesson": str(first.pk), "lesson_step": other_step}).errors) == [
        "lesson_step"
    ]
    assert list(CardForm({"kind": "url"}).errors) == ["kind"]


def test_room_lists_titles_never_addresses(client, live_session, trainer, signing_course):
    client.force_login(trainer)

    page = client.get(reverse("live_sessions:detail", args=[live_session.pk])).content.decode()

    assert '<optgroup label="Chữ ký số">' in page and "Bài 1: đăng nhập lần 1" in page
    assert "10. Ký số bằng USB token" in page
    assert "Bài nháp" not in page and _lesson("Bài 1: đăng nhập lần 1").get_url() not in page


def test_without_script_the_form_posts_and_comes_back(client, live_session, trainer, signing_course):
    lesson = _lesson("Bài 1: đăng nhập lần 1")
    client.force_login(trainer)
    url = reverse("live_sessions:card_push", args=[live_session.pk])

    sent = client.post(url, {"kind": "lesson", "lesson": str(lesson.pk), "scenario": "khong-co"})
    assert sent.status_code == 302 and sent["Location"] == reverse(
        "live_sessions:detail", args=[live_session.pk]
    )
    assert PushedCard.objects.get().url == lesson.get_url()

    refused = client.post(url, {"kind": "scenario", "scenario": "ky-so-usb", "scenario_step": "ky-so-usb|9"})
    page = refused.content.decode()
    assert refused.status_code == 200 and "Hãy chọn một bước của bài đã chọn." in page
    assert '<option value="ky-so-usb" selected>' in page  # what was chosen is kept
    assert PushedCard.objects.count() == 1


def test_others_cannot_post_a_card(client, live_session, official, signing_course):
    url = reverse("live_sessions:card_push", args=[live_session.pk])
    data = {"kind": "scenario", "scenario": "ky-so-usb"}
    for who in (official, TrainerFactory(province=live_session.province)):
        client.force_login(who)
        assert client.post(url, data).status_code == 404
    assert not PushedCard.objects.exists()
