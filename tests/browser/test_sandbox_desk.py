"""In a browser (issue 17): a component scan is attached at the counter and viewed; the "timestamp
server unreachable" drill refuses the signature until the connection is back, then the signature
carries the sandbox TSA's timestamp; the menu's "Hồ sơ công việc", "Tra cứu" and "Báo cáo" screens
work."""

import pytest
from playwright.sync_api import expect

from sandbox import fake
from sandbox.models import ComponentFile
from sandbox.services import workspace_get_or_create, workspace_role_set
from tests.browser.conftest import leader_pin, sign_in

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_component_scan_is_attached_and_viewed(live, page, official, password, tmp_path):
    workspace = workspace_get_or_create(official=official)
    dossier = workspace.dossiers.filter(status="4").first()
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/dossiers/{dossier.pk}/")
    wrong = tmp_path / "ghi-chu.txt"
    wrong.write_text("không phải bản chụp")
    page.get_by_label("Tệp PDF, JPEG hoặc PNG, tối đa 5 MB").set_input_files(str(wrong))
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.locator("#attach-error")).to_contain_text("Chỉ nhận tệp PDF, JPEG hoặc PNG")

    scan = tmp_path / "giay-to.pdf"
    scan.write_bytes(PDF)
    component = dossier.components[-1]["name"]
    page.get_by_label("Thành phần hồ sơ").select_option(label=component)
    page.get_by_label("Tệp PDF, JPEG hoặc PNG, tối đa 5 MB").set_input_files(str(scan))
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_text("Đã đính kèm giay-to.pdf.")).to_be_visible()
    link = page.get_by_role("link", name="Xem bản chụp giay-to.pdf")
    expect(link).to_be_visible()
    shown = page.request.get(live.url + link.get_attribute("href"))
    assert shown.status == 200 and shown.headers["content-type"] == "application/pdf" and shown.body() == PDF
    assert ComponentFile.objects.get(dossier=dossier).component == component
    expect(page.locator(".timeline")).to_contain_text("Đính kèm bản chụp giấy tờ")


def test_the_timestamp_server_drill_and_the_signature_timestamp(live, page, official, password):
    workspace = workspace_get_or_create(official=official)
    document = fake.outgoing_build(workspace, seed=3, status="signing")
    document.save()
    workspace_role_set(workspace=workspace, role="leader")
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/drills/")
    row = page.locator("table.drills tbody tr", has_text="Không kết nối được máy chủ cấp dấu thời gian")
    row.get_by_role("button", name="Bật").click()
    expect(page.locator("table.drills tbody tr", has_text="máy chủ cấp dấu thời gian")).to_contain_text(
        "Đang bật"
    )
    pin = leader_pin(page, live)

    page.goto(f"{live.url}/sandbox/outgoing/{document.pk}/sign/")
    page.get_by_label("Mã PIN của USB token").fill(pin)
    page.get_by_role("button", name="Ký số", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("không kết nối được máy chủ cấp dấu thời gian (TSA)")
    page.locator(".fault-box").get_by_role("button", name="Kết nối lại máy chủ dấu thời gian").click()
    page.get_by_label("Mã PIN của USB token").fill(pin)
    page.get_by_role("button", name="Ký số", exact=True).click()
    expect(page.get_by_text("Đã ký số thành công.")).to_be_visible()
    page.get_by_role("button", name="Kiểm tra chữ ký số").click()
    expect(page.locator(".validation")).to_contain_text("Hợp lệ")
    expect(page.locator(".validation")).to_contain_text(
        "có dấu thời gian của máy chủ cấp dấu thời gian (TSA)"
    )


def test_the_work_file_lookup_and_report_screens_from_the_menu(live, page, official, password):
    workspace = workspace_get_or_create(official=official)
    incoming = workspace.incoming.first()
    dossier = workspace.dossiers.first()
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/")
    menu = page.get_by_role("navigation", name="Các phân hệ thực hành")

    menu.get_by_role("link", name="Hồ sơ công việc").click()
    page.get_by_label("Số và ký hiệu hồ sơ (theo danh mục hồ sơ)").fill("01.VP")
    page.get_by_label("Tiêu đề hồ sơ").fill("Chuyển đổi số năm 2026")
    page.get_by_role("button", name="Lập hồ sơ").click()
    expect(page.locator(".error-summary")).to_contain_text("thời hạn bảo quản")
    expect(page.get_by_label("Tiêu đề hồ sơ")).to_have_value("Chuyển đổi số năm 2026")
    page.get_by_label("Thời hạn bảo quản").select_option("10 năm")
    page.get_by_role("button", name="Lập hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("01.VP — Chuyển đổi số năm 2026")
    page.get_by_label("Văn bản hoặc hồ sơ").select_option(f"incoming:{incoming.pk}")
    page.get_by_role("button", name="Đưa vào hồ sơ").click()
    expect(page.locator("table.grid")).to_contain_text(incoming.reference)
    expect(page.locator(".timeline")).to_contain_text("Đưa văn bản vào hồ sơ công việc")

    menu = page.get_by_role("navigation", name="Các phân hệ thực hành")
    menu.get_by_role("link", name="Tra cứu").click()
    page.get_by_label("Loại", exact=True).select_option(label="Hồ sơ một cửa")
    page.get_by_role("searchbox").fill(dossier.owner_name)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("p[role=status]")).to_contain_text("Tìm thấy")
    page.get_by_role("link", name=dossier.code).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(dossier.code)

    menu = page.get_by_role("navigation", name="Các phân hệ thực hành")
    menu.get_by_role("link", name="Báo cáo").click()
    expect(page.get_by_role("heading", name="Báo cáo tình hình xử lý")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Hồ sơ một cửa: {workspace.dossiers.count()}")).to_be_visible()
