"""In a browser: the clerk registers a paper document (the task "register a paper document"), finds it
in the incoming register, and is stopped, without losing what was typed, when entering a secret one."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sandbox.models import ScenarioRun
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _fill(page, *, reference: str, summary: str, secrecy: str = "") -> None:
    page.get_by_label("Cơ quan ban hành").fill("Công an xã Kinh Bắc")
    page.get_by_label("Số, ký hiệu").fill(reference)
    # As the paper reads: dated yesterday (scenario 3 checks the date, the pages and the signer).
    yesterday = timezone.localtime().date() - timedelta(days=1)
    page.get_by_label("Ngày văn bản").fill(yesterday.isoformat())
    page.get_by_label("Loại văn bản").select_option(label="Công văn")
    page.get_by_label("Trích yếu").fill(summary)
    if secrecy:
        page.get_by_label("Độ mật").select_option(label=secrecy)
    page.get_by_label("Số trang").fill("2")
    page.get_by_label("Người ký").fill("Trưởng Công an xã Nguyễn Văn Bình")
    page.get_by_role("button", name="Lưu và vào sổ").click()


def test_clerk_registers_a_paper_document_and_a_secret_one_is_refused(live, page, official, password):
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/scenarios/vb-den-giay/")
    page.get_by_role("button", name="Bắt đầu").click()
    expect(page.get_by_role("heading", name="Nhập văn bản giấy")).to_be_visible()

    _fill(page, reference="7/CAX-M", summary="Tài liệu mật về an ninh", secrecy="Mật")
    expect(page.locator(".messages")).to_contain_text("không được đưa lên hệ thống có kết nối Internet")
    expect(page.get_by_label("Trích yếu")).to_have_value("Tài liệu mật về an ninh")
    expect(page.locator(".scenario-panel .mistake")).to_contain_text("Internet")

    page.get_by_label("Độ mật").select_option(label="Thường (không mật)")
    _fill(page, reference="215/CAX-HC", summary="V/v phối hợp làm sạch dữ liệu dân cư")
    expect(page.locator(".messages")).to_contain_text("Đã vào sổ văn bản đến, số đến:")
    expect(page.locator(".badge", has_text="03 Đã vào sổ")).to_be_visible()

    sandbox_nav = page.get_by_role("navigation", name="Các phân hệ thực hành")
    sandbox_nav.get_by_role("link", name="Văn bản đến", exact=True).click()
    page.get_by_role("link", name="Sổ văn bản đến").click()
    expect(page.locator("table.book")).to_contain_text("215/CAX-HC")
    expect(page.locator("table.book")).to_contain_text("Bản giấy")
    run = ScenarioRun.objects.get(workspace__official=official, slug="vb-den-giay")
    assert run.status == ScenarioRun.Status.COMPLETED and len(run.mistakes) == 1
