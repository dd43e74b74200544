"""In a browser: an official signs a document with the practice USB token (after the “token not
detected” drill) and checks the real signature; then signs remotely, confirming on the simulated
phone in a second tab while the first one waits."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from progress.models import ProgressEntry
from sandbox import signing
from sandbox.models import OutgoingDocument, ScenarioRun, Workspace
from tests.browser.conftest import leader_pin, sign_in

pytestmark = pytest.mark.browser


def _valid(workspace, pdf_bytes) -> bool:
    """pyHanko runs its own event loop; Playwright's is running in this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(signing.pdf_check, workspace=workspace, pdf_bytes=pdf_bytes).result().valid


def _start(page, live, slug):
    page.goto(f"{live.url}/sandbox/scenarios/{slug}/")
    page.get_by_role("button", name="Bắt đầu").click()
    page.get_by_role("link", name="Mở màn hình cần dùng").click()


def test_official_signs_with_the_usb_token_and_the_signature_validates(live, page, official, password):
    sign_in(page, live, official.username, password)
    _start(page, live, "ky-so-usb")
    document_url = page.url
    page.get_by_role("link", name="Ký số (lãnh đạo)").click()
    sign_url = page.url

    pin = leader_pin(page, live)

    page.goto(sign_url)
    page.get_by_label("Mã PIN của USB token").fill(pin)
    page.get_by_role("button", name="Ký số", exact=True).click()
    expect(page.locator(".fault-box")).to_contain_text("Không tìm thấy thiết bị ký số")
    page.get_by_role("button", name="Cắm lại USB token").click()
    page.get_by_label("Mã PIN của USB token").fill(pin)
    page.get_by_role("button", name="Ký số", exact=True).click()

    expect(page.get_by_text("Đã ký số thành công.")).to_be_visible()
    assert page.url == document_url
    expect(page.locator(".badge", has_text="Đã ký")).to_be_visible()
    page.get_by_role("button", name="Kiểm tra chữ ký số").click()
    expect(page.locator(".validation")).to_contain_text("Hợp lệ")
    expect(page.locator(".validation")).to_contain_text(official.full_name)

    pdf_bytes = page.request.get(f"{document_url}pdf/").body()
    workspace = Workspace.objects.get(official=official)
    assert pdf_bytes.startswith(b"%PDF") and _valid(workspace, pdf_bytes)
    run = ScenarioRun.objects.get(workspace=workspace, slug="ky-so-usb")
    assert run.status == ScenarioRun.Status.COMPLETED and run.mistakes == []
    assert (
        ProgressEntry.objects.get(official=official, kind="scenario", key="ky-so-usb").status == "completed"
    )


def test_official_signs_remotely_confirming_on_the_phone(live, page, official, password):
    sign_in(page, live, official.username, password)
    _start(page, live, "ky-so-tu-xa")
    page.get_by_role("link", name="Ký số (lãnh đạo)").click()
    page.get_by_role("button", name="Gửi yêu cầu ký từ xa").click()
    expect(page.get_by_role("heading", name="Ký từ xa: chờ xác nhận trên điện thoại")).to_be_visible()

    phone = page.context.new_page()
    phone.goto(f"{live.url}/sandbox/phone/")
    expect(phone.get_by_text("Không có yêu cầu ký nào.")).to_be_visible()

    page.get_by_role("button", name="Hủy và gửi lại yêu cầu").click()
    transaction = page.locator("strong.code").inner_text()
    phone.reload()
    expect(phone.get_by_text(transaction)).to_be_visible()
    phone.get_by_role("button", name="Xác nhận ký").click()
    expect(phone.get_by_text("Đã xác nhận: văn bản đã được ký số từ xa.")).to_be_visible()

    # The waiting tab notices by itself and goes back to the signed document.
    expect(page.locator(".badge", has_text="Đã ký")).to_be_visible(timeout=15_000)
    document = OutgoingDocument.objects.get(workspace__official=official, status="signed")
    workspace = Workspace.objects.get(official=official)
    assert _valid(workspace, bytes(document.pdf))
    run = ScenarioRun.objects.get(workspace=workspace, slug="ky-so-tu-xa")
    assert run.status == ScenarioRun.Status.COMPLETED
