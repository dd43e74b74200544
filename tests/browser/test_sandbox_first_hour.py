"""In a browser, the sandbox as a new official meets it (issue 16): "Làm lại từ đầu" asks first and
says what will be lost."""

import pytest
from playwright.sync_api import expect

from sandbox.models import Workspace
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_starting_over_asks_first_and_says_what_is_lost(live, page, official, password):
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/")
    workspace = Workspace.objects.get(official=official)
    dossier = workspace.dossiers.first()
    dossier.owner_name = "Hồ sơ của tôi"
    dossier.save(update_fields=["owner_name"])

    page.get_by_role("link", name="Làm lại từ đầu").click()
    expect(page.get_by_role("heading", name="Làm lại từ đầu?")).to_be_visible()
    lost = page.locator(".reset-lost")
    expect(lost).to_contain_text(f"{workspace.dossiers.count()} hồ sơ một cửa")
    expect(lost).to_contain_text("văn bản đến")
    page.get_by_role("link", name="Không, quay lại").click()
    expect(page.get_by_role("heading", name="Môi trường thực hành")).to_be_visible()
    assert workspace.dossiers.filter(owner_name="Hồ sơ của tôi").exists()

    page.get_by_role("link", name="Làm lại từ đầu").click()
    page.get_by_role("button", name="Có, làm lại từ đầu").click()
    expect(page.get_by_text("Đã làm lại từ đầu")).to_be_visible()
    assert not workspace.dossiers.filter(owner_name="Hồ sơ của tôi").exists()


def test_a_step_done_out_of_order_is_not_ticked_and_the_message_says_how_to_recover(
    live, page, official, password
):
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/scenarios/hs-khai-sinh-tiep-nhan/")
    page.get_by_role("button", name="Bắt đầu").click()
    page.get_by_role("link", name="Mở màn hình cần dùng").click()
    page.get_by_label("Vai trò đang đóng").select_option(label="Một cửa")
    page.get_by_role("button", name="Đổi vai trò").click()

    # "Tiếp nhận hồ sơ" before fixing the address.
    page.locator("summary", has_text="Tiếp nhận hồ sơ").click()
    page.get_by_role("button", name="Xác nhận: Tiếp nhận hồ sơ").click()
    panel = page.locator(".scenario-panel")
    mistake = panel.locator(".mistake")
    expect(mistake).to_contain_text("Bạn vừa làm “Tiếp nhận hồ sơ, hẹn trả đúng quy tắc 15 giờ” khi chưa làm")
    expect(mistake).to_contain_text("nên bước này chưa được tính")
    expect(mistake).to_contain_text("bấm “Kết thúc bài” rồi “Làm lại bài”")
    expect(panel.locator(".steps li.done")).to_have_count(0)
    expect(panel.locator(".steps li.current")).to_contain_text("Sửa địa chỉ còn ghi cấp huyện")

    # Reloading the page does not send the action again (item 9).
    page.reload()
    expect(panel).to_contain_text("1 lỗi đã ghi nhận.")


def test_the_practice_list_is_in_number_order_with_the_officials_own_first(live, page, official, password):
    from tests.courses import builders

    builders.course(
        "Chữ ký số",
        slug="chu-ky-so",
        lessons=1,
        scenarios=["ky-so-usb"],
        assignments=[{"province": official.province}],
    )
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/")
    mine = page.locator("ul.mine > li")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text("Bài 10: Ký số bằng USB token")
    expect(mine).to_contain_text("Chưa làm")
    expect(mine.get_by_role("link", name="Chữ ký số")).to_be_visible()
    documents = page.locator("ul.scenario-list:not(.mine)").nth(1)
    numbers = [
        int(text.split(":")[0].removeprefix("Bài "))
        for text in documents.locator(":scope > li > a").all_inner_texts()
        if text.startswith("Bài ")
    ]
    # "Bài 13" sat between 9 and 10.
    assert numbers == sorted(numbers) and numbers[:3] == [1, 2, 3] and 13 in numbers


def test_the_drills_page_shows_which_faults_are_on_and_turns_them_off(live, page, official, password):
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/drills/")
    row = page.locator("table.drills tbody tr", has_text="Không nhận USB token")
    expect(row).to_contain_text("Đang tắt")
    row.get_by_role("button", name="Bật").click()
    row = page.locator("table.drills tbody tr", has_text="Không nhận USB token")
    expect(row).to_contain_text("Đang bật")
    expect(page.get_by_role("status").filter(has_text="Đang bật 1 tình huống lỗi.")).to_be_visible()
    row.get_by_role("button", name="Tắt").click()
    expect(page.locator("table.drills tbody tr", has_text="Không nhận USB token")).to_contain_text("Đang tắt")
    assert not Workspace.objects.get(official=official).faults


def test_no_request_fails_and_a_stale_address_says_why_in_vietnamese(live, page, official, password):
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/")
    page.goto(f"{live.url}/favicon.ico")
    assert failed == []

    page.goto(f"{live.url}/sandbox/dossiers/999999/")
    expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
    page.get_by_role("link", name="Về môi trường thực hành").click()
    expect(page.get_by_role("heading", name="Môi trường thực hành")).to_be_visible()
