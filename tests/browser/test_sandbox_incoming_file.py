"""In a browser: the clerk opens an arriving document's PDF, checks its signature and registers it
(practice task 1); in the drill, a document whose signature is broken is returned with a reason; the
checked document, its edXML package and a refused import pass axe-core."""

import pytest
from playwright.sync_api import expect

from sandbox.models import ScenarioRun
from sandbox.services import workspace_get_or_create
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _start(page, live, official, slug: str) -> ScenarioRun:
    page.goto(f"{live.url}/sandbox/scenarios/{slug}/")
    page.get_by_role("button", name="Bắt đầu").click()
    page.wait_for_load_state()
    return ScenarioRun.objects.get(workspace__official=official, slug=slug, status="active")


def test_clerk_opens_the_pdf_checks_the_signature_and_registers(live, page, official, password):
    sign_in(page, live, official.username, password)
    run = _start(page, live, official, "vb-den-tiep-nhan")
    page.goto(f"{live.url}/sandbox/incoming/{run.refs['vb'][1]}/")

    link = page.get_by_role("link", name="Mở văn bản (PDF)")
    response = page.request.get(live.url + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.get_by_role("button", name="Kiểm tra chữ ký").click()
    verdict = page.locator("[data-verdict]")
    expect(verdict).to_have_attribute("data-verdict", "valid")
    expect(verdict).to_contain_text("Chữ ký số hợp lệ")
    expect(verdict).to_contain_text("Người ký: Sở Khoa học và Công nghệ")

    page.get_by_role("button", name="Vào sổ văn bản đến").click()
    expect(page.locator(".badge", has_text="03 Đã vào sổ")).to_be_visible()
    sandbox_nav = page.get_by_role("navigation", name="Các phân hệ thực hành")
    sandbox_nav.get_by_role("link", name="Văn bản đến", exact=True).click()
    page.get_by_role("link", name="Sổ văn bản đến").click()
    expect(page.locator("table.book")).to_contain_text("SKHCN-CĐS")
    run.refresh_from_db()
    assert run.status == ScenarioRun.Status.COMPLETED and run.mistakes == []


def test_the_broken_signature_drill_is_returned_with_a_reason(live, page, official, password):
    sign_in(page, live, official.username, password)
    run = _start(page, live, official, "vb-den-chu-ky-loi")
    page.goto(f"{live.url}/sandbox/incoming/{run.refs['hong'][1]}/")

    page.get_by_role("button", name="Kiểm tra chữ ký").click()
    verdict = page.locator("[data-verdict]")
    expect(verdict).to_have_attribute("data-verdict", "invalid")
    expect(verdict).to_contain_text("Chữ ký số KHÔNG hợp lệ")

    page.locator("summary", has_text="Từ chối tiếp nhận (trả lại)").click()
    page.get_by_label("Lý do").fill("Chữ ký số không hợp lệ: tệp bị hỏng trên đường truyền")
    page.get_by_role("button", name="Xác nhận: Từ chối tiếp nhận (trả lại)").click()
    expect(page.locator(".badge", has_text="02 Từ chối tiếp nhận")).to_be_visible()
    evaluation_done = [event.action for event in run.events.filter(ok=True).order_by("id")]
    assert evaluation_done[-2:] == ["check_signature", "return"]


def test_the_package_view_and_a_refused_import_are_accessible(live, page, official, password):
    sign_in(page, live, official.username, password)
    failures: list[str] = []
    document = workspace_get_or_create(official=official).incoming.filter(status="01").first()
    page.goto(f"{live.url}/sandbox/incoming/{document.pk}/")
    page.get_by_role("button", name="Kiểm tra chữ ký").click()
    expect(page.locator("[data-verdict]")).to_be_visible()
    assert_accessible(page, "an incoming document with its signature checked", failures)

    page.get_by_role("link", name="Xem gói tin edXML").click()
    expect(page.locator("[data-edxml-header]")).to_contain_text(document.reference)
    assert_accessible(page, "an edXML package", failures)

    page.goto(f"{live.url}/sandbox/incoming/import/")
    page.get_by_label("Gói tin edXML").set_input_files(
        files=[{"name": "goi-tin.edxml", "mimeType": "application/xml", "buffer": b"<edXML:edXMLEnvelope"}]
    )
    page.get_by_role("button", name="Nhận gói tin").click()
    expect(page.locator("[data-package-errors]")).to_contain_text("Tệp không phải XML hợp lệ")
    assert_accessible(page, "a refused edXML import", failures)
    assert not failures, "axe-core found WCAG 2.1 A/AA violations:\n\n" + "\n\n".join(failures)
