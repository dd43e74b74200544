"""In a browser: an official takes the birth-registration receipt scenario end to end with
hand-holding, makes a wrong step on the way (recorded as a mistake, the hint shows the right one),
and finishes with the result written to the progress ledger."""

from datetime import date

import pytest
from playwright.sync_api import expect

from progress.models import ProgressEntry
from sandbox.models import ScenarioRun
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_official_completes_a_dossier_scenario_and_a_wrong_step_is_a_mistake(live, page, official, password):
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/scenarios/hs-khai-sinh-tiep-nhan/")
    expect(
        page.get_by_role("heading", name="Tiếp nhận hồ sơ đăng ký khai sinh, in phiếu hẹn (quy tắc 15 giờ)")
    ).to_be_visible()
    page.get_by_label("Cầm tay chỉ việc: tô sáng nút cần bấm ở mỗi bước").check()
    page.get_by_role("button", name="Bắt đầu").click()
    expect(page.locator(".practice-banner")).to_have_text("MÔI TRƯỜNG THỰC HÀNH — không phải hệ thống thật")
    page.get_by_role("link", name="Mở màn hình cần dùng").click()

    # A wrong step: the clerk's desk may not edit a dossier at the one-stop counter.
    page.get_by_label("Vai trò đang đóng").select_option(label="Văn thư")
    page.get_by_role("button", name="Đổi vai trò").click()
    page.locator("summary", has_text="Sửa thông tin hồ sơ").click()
    page.locator("#update-owner_address").fill("Số 12 đường Lý Thái Tổ, Phường Kinh Bắc, Tỉnh Bắc Ninh")
    page.get_by_role("button", name="Xác nhận: Sửa thông tin hồ sơ").click()
    expect(page.locator(".scenario-panel .mistake")).to_contain_text("Vai trò “Văn thư” không được thực hiện")
    hint = page.locator("#scenario-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("Sửa địa chỉ còn ghi cấp huyện")
    expect(page.locator(".scenario-panel")).to_contain_text("Bước này cần vai trò: Một cửa")
    # What was typed is still there.
    expect(page.locator("#update-owner_address")).to_have_value(
        "Số 12 đường Lý Thái Tổ, Phường Kinh Bắc, Tỉnh Bắc Ninh"
    )

    page.get_by_label("Vai trò đang đóng").select_option(label="Một cửa")
    page.get_by_role("button", name="Đổi vai trò").click()
    expect(page.locator("summary.hh-next")).to_have_text("Sửa thông tin hồ sơ")
    page.locator("summary", has_text="Sửa thông tin hồ sơ").click()
    page.locator("#update-owner_address").fill("Số 12 đường Lý Thái Tổ, Phường Kinh Bắc, Tỉnh Bắc Ninh")
    page.get_by_role("button", name="Xác nhận: Sửa thông tin hồ sơ").click()
    expect(page.get_by_text("Đã thực hiện: Sửa thông tin hồ sơ.")).to_be_visible()

    # Friday 15:20 on the sandbox clock: the 15:00 rule moves the appointment to Monday.
    expect(page.locator("summary.hh-next")).to_have_text("Tiếp nhận hồ sơ")
    page.locator("summary", has_text="Tiếp nhận hồ sơ").click()
    appointment = page.locator("#accept-appointment").input_value()
    page.get_by_role("button", name="Xác nhận: Tiếp nhận hồ sơ").click()
    expect(page.locator(".badge", has_text="2 Được tiếp nhận")).to_be_visible()
    page.get_by_role("link", name="In phiếu tiếp nhận").click()
    expect(page.get_by_role("heading", name="PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")).to_be_visible()
    promised = date.fromisoformat(appointment)
    assert promised.weekday() == 0  # Monday
    expect(page.locator("main.paper")).to_contain_text(f"ngày {promised:%d/%m/%Y}")

    page.goto(f"{live.url}/sandbox/scenarios/hs-khai-sinh-tiep-nhan/")
    result = page.locator(".result")
    expect(result).to_contain_text("Hoàn thành")
    expect(result).to_contain_text("Vai trò “Văn thư” không được thực hiện")
    run = ScenarioRun.objects.get(workspace__official=official, slug="hs-khai-sinh-tiep-nhan")
    assert run.status == ScenarioRun.Status.COMPLETED and len(run.mistakes) == 1
    entry = ProgressEntry.objects.get(official=official, kind="scenario", key="hs-khai-sinh-tiep-nhan")
    assert entry.status == "completed" and entry.detail == {"mistakes": 1}
