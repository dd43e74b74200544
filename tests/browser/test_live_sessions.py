"""In three browsers at once (a trainer and two officials of one commune): chat, a raised hand, a
help request claimed, a poll, a stuck flag on the trainer's board, and attendance recorded when the
trainer ends the session."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from live_sessions.models import LiveEvent
from live_sessions.services import live_events_prune
from progress.activity import activity_report
from progress.models import ProgressEntry
from tests.browser.conftest import sign_in
from tests.factories import OfficialFactory
from tests.live_sessions.conftest import make_session

pytestmark = pytest.mark.browser


def _enter(new_page, live, user, password, session):
    page = new_page()
    sign_in(page, live, user.username, password)
    page.goto(f"{live.url}/live/{session.pk}/")
    expect(page.locator("#live-status")).to_have_text("Đã kết nối.")
    return page


def test_trainer_and_two_officials_in_a_live_session(live, new_page, trainer, commune, official, password):
    colleague = OfficialFactory(username="canbo3", full_name="Lê Thị Hoa", commune=commune)
    session = make_session(trainer, communes=[commune], title="Hỗ trợ ký số")
    host = _enter(new_page, live, trainer, password, session)
    lan = _enter(new_page, live, official, password, session)
    hoa = _enter(new_page, live, colleague, password, session)

    # Chat: sanitised, and seen by everyone.
    lan.get_by_label("Tin nhắn").fill("Em chưa ký được <b>văn bản</b>")
    lan.get_by_role("button", name="Gửi", exact=True).click()
    for page in (host, lan, hoa):
        expect(page.locator("#chat-log")).to_contain_text("Em chưa ký được văn bản")
    expect(lan.get_by_label("Tin nhắn")).to_have_value("")

    # A raised hand.
    hoa.get_by_role("button", name="Giơ tay").click()
    expect(hoa.locator("#hand-toggle")).to_have_text("Hạ tay")
    expect(host.locator("#hands-list")).to_contain_text("Lê Thị Hoa")

    # A help request, claimed: the official sees who is helping.
    lan.get_by_label("Bạn đang vướng ở đâu?").fill("Token báo khóa sau 3 lần nhập PIN")
    lan.get_by_role("button", name="Xin trợ giúp").click()
    expect(lan.locator("#help-status")).to_have_text("Đã gửi yêu cầu. Xin chờ giảng viên.")
    request = host.locator("#help-queue li", has_text="Nguyễn Thị Lan")
    expect(request).to_contain_text("Token báo khóa sau 3 lần nhập PIN")
    request.get_by_role("button", name="Nhận hỗ trợ").click()
    expect(lan.locator("#help-status")).to_have_text("Giảng viên Trần Văn Hùng đang hỗ trợ bạn.")

    # A quick poll with live results.
    host.get_by_label("Câu hỏi", exact=True).fill("Mọi người đã ký được chưa?")
    host.get_by_label("Các lựa chọn").fill("Được rồi\nChưa được")
    host.get_by_role("button", name="Tạo thăm dò").click()
    lan.get_by_role("button", name="Được rồi").click()
    expect(lan.get_by_role("button", name="Được rồi")).to_have_attribute("aria-pressed", "true")
    expect(host.locator("#polls li", has_text="Được rồi")).to_contain_text("1 phiếu")

    # Stuck: three failed checks in a row in the sandbox show on the trainer's board.
    for _ in range(3):
        activity_report(
            official_id=colleague.pk,
            kind="scenario",
            key="ky-so-usb",
            label="Ký số bằng USB token",
            step="Nhập mã PIN",
            failed=True,
        )
    host.get_by_role("button", name="Làm mới bảng").click()
    row = host.locator("#board-body tr", has_text="Lê Thị Hoa")
    expect(row).to_contain_text("Ký số bằng USB token — Nhập mã PIN")
    expect(row).to_contain_text("Vướng: sai 3 lần liên tiếp")
    expect(host.locator("#board-body tr", has_text="Nguyễn Thị Lan")).not_to_contain_text("Vướng")

    # The trainer ends the session: everyone is told, attendance is recorded.
    host.get_by_role("button", name="Kết thúc buổi hỗ trợ").click()
    for page in (lan, hoa):
        expect(page.locator("#live-final")).to_have_text("Buổi hỗ trợ đã kết thúc. Cảm ơn bạn đã tham dự.")
    expect(host.get_by_role("heading", name="Điểm danh")).to_be_visible()
    expect(host.locator("table")).to_contain_text("Nguyễn Thị Lan")
    expect(host.locator("table")).to_contain_text("Lê Thị Hoa")
    entries = ProgressEntry.objects.filter(kind="live_session", key=str(session.pk), status="completed")
    assert sorted(entries.values_list("official__username", flat=True)) == ["canbo1", "canbo3"]
    assert all(re.fullmatch(r"\d+", str(e.detail["minutes"])) for e in entries)


def test_a_lost_frame_is_asked_for_and_shown_in_order(live, new_page, trainer, commune, official, password):
    """The network (here: Playwright between the page and the server) loses one chat message on its
    way to an official's page: the page notices the gap in the numbers when the next one comes, asks
    for what it missed over the same socket, and shows every message, in order, without reconnecting."""
    session = make_session(trainer, communes=[commune], title="Hỗ trợ ký số")
    host = _enter(new_page, live, trainer, password, session)
    lan = new_page()
    sign_in(lan, live, official.username, password)
    sent_by_page, dropped, opened = [], [], []

    def route(ws):
        opened.append(ws.url)
        server = ws.connect_to_server()

        def to_page(message):
            frame = json.loads(message)
            if frame.get("type") == "chat.message" and frame.get("seq") == 2 and not dropped:
                dropped.append(frame["message"]["body"])  # lost once; the resync reply passes
                return
            ws.send(message)

        def to_server(message):
            sent_by_page.append(json.loads(message))
            server.send(message)

        server.on_message(to_page)
        ws.on_message(to_server)

    lan.route_web_socket(re.compile(r".*/ws/live/.*"), route)
    lan.goto(f"{live.url}/live/{session.pk}/")
    expect(lan.locator("#live-status")).to_have_text("Đã kết nối.")
    _three_messages_arrive(host, lan)
    assert dropped == ["Mở phần mềm ký số"]
    assert {"type": "resync", "session": 1, "own": 0} in sent_by_page
    assert len(opened) == 1  # no reconnect


def _three_messages_arrive(host, lan) -> None:
    """The trainer sends three messages; the official's page ends with all three, in order."""
    bodies = ["Chào cả nhà", "Mở phần mềm ký số", "Cắm USB token vào máy"]
    for body in bodies:
        host.get_by_label("Tin nhắn").fill(body)
        host.get_by_role("button", name="Gửi", exact=True).click()
        expect(host.get_by_label("Tin nhắn")).to_have_value("")
    expect(lan.locator("#chat-log li .body")).to_have_text(bodies)


def test_a_lost_frame_that_was_pruned_makes_the_page_reconnect_for_the_whole_state(
    live, new_page, trainer, commune, official, password
):
    """As above, but the frame the page asks for was pruned meanwhile (issue 19): the server answers
    ``resync_gone`` and closes with 4000; the page connects again at once and the chat replay gives it
    every message, in order (docs/live-protocol.md, "Sequence numbers")."""
    session = make_session(trainer, communes=[commune], title="Hỗ trợ ký số")
    host = _enter(new_page, live, trainer, password, session)
    lan = new_page()
    sign_in(lan, live, official.username, password)
    from_server, opened, dropped = [], [], []

    def route(ws):
        opened.append(ws.url)
        server = ws.connect_to_server()

        def to_page(message):
            frame = json.loads(message)
            from_server.append(frame)
            if frame.get("type") == "chat.message" and frame.get("seq") == 2 and not dropped:
                dropped.append(frame["message"]["body"])
                return
            ws.send(message)

        def to_server(message):
            if json.loads(message).get("type") == "resync":
                # The nightly prune ran since: frames 1 and 2 are a day old and deleted.
                LiveEvent.objects.filter(session=session, seq__lte=2).update(
                    created_at=timezone.now() - timedelta(days=2)
                )
                live_events_prune()
            server.send(message)

        server.on_message(to_page)
        ws.on_message(to_server)

    lan.route_web_socket(re.compile(r".*/ws/live/.*"), route)
    lan.goto(f"{live.url}/live/{session.pk}/")
    expect(lan.locator("#live-status")).to_have_text("Đã kết nối.")
    _three_messages_arrive(host, lan)
    assert dropped == ["Mở phần mềm ký số"]
    assert any(f.get("code") == "resync_gone" for f in from_server)
    assert len(opened) == 2 and "after=" in opened[1]  # connected again, with its last chat id
    expect(lan.locator("#live-status")).to_have_text("Đã kết nối.")
    expect(lan.locator("#live-final")).to_be_hidden()
