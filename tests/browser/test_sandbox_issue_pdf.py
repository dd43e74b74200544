"""In a browser (issue 17, item 1): the clerk numbers, seals and issues a document in scenario 12, then
downloads its PDF, which carries the number and the date on the sandbox's clock, the signer's lines,
the "Nơi nhận" block and two valid signatures made on the sandbox's day."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sandbox import signing
from sandbox.models import OutgoingDocument, ScenarioRun, Workspace
from sandbox.services import sandbox_now
from tests.browser.conftest import sign_in
from tests.sandbox.test_pdf import _page_texts, _text_fields

pytestmark = pytest.mark.browser
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def _check(workspace, pdf_bytes):
    """pyHanko runs its own event loop; Playwright's is running in this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(signing.pdf_check, workspace=workspace, pdf_bytes=pdf_bytes).result()


def _pin(page, live, heading):
    page.goto(f"{live.url}/sandbox/certificates/")
    envelope = page.locator("section.card", has=page.get_by_role("heading", name=heading))
    envelope.get_by_text("Phong bì PIN").click()
    return envelope.locator(".pin").inner_text()


def test_the_clerk_issues_a_document_and_its_pdf_carries_number_signer_recipients_and_signatures(
    live, page, official, password
):
    sign_in(page, live, official.username, password)
    page.goto(f"{live.url}/sandbox/scenarios/vb-di-phat-hanh/")
    page.get_by_role("button", name="Bắt đầu").click()
    page.get_by_role("link", name="Mở màn hình cần dùng").click()
    document_url = page.url
    workspace = Workspace.objects.get(official=official)
    today = timezone.localtime(sandbox_now(workspace)).date()

    page.locator("summary", has_text="Cấp số").click()
    page.get_by_label("Số văn bản").fill("1")
    page.get_by_role("button", name="Xác nhận: Cấp số").click()
    expect(page.locator(".badge", has_text="Đã cấp số")).to_be_visible()
    expect(page.get_by_text("Hạn phát hành")).to_be_visible()

    pin = _pin(page, live, "Chữ ký số cơ quan (con dấu)")
    page.goto(document_url)
    page.get_by_role("link", name="Ký số cơ quan (đóng dấu)").click()
    page.get_by_label("Mã PIN của USB token").fill(pin)
    page.get_by_role("button", name="Ký số", exact=True).click()
    expect(page.get_by_text("Đã ký số thành công.")).to_be_visible()

    page.get_by_role("button", name="Phát hành", exact=True).click()
    page.get_by_role("button", name="Nén tệp đính kèm").click()
    page.goto(document_url)
    page.get_by_role("button", name="Phát hành", exact=True).click()
    expect(page.locator(".badge", has_text="Đã phát hành")).to_be_visible()

    pdf_bytes = page.request.get(f"{document_url}pdf/").body()
    document = OutgoingDocument.objects.get(pk=int(document_url.rstrip("/").split("/")[-1]))
    fields = _text_fields(pdf_bytes)
    assert fields["SoVanBan"] == f"Số: {document.number_display}" == "Số: 01/UBND-VHXH"
    assert fields["NgayBanHanh"].endswith(
        f"ngày {today.day:02d} tháng {today.month:02d} năm {today.year}"
        if today.month < 3
        else f"ngày {today.day:02d} tháng {today.month} năm {today.year}"
    )
    lines = [line for page_lines in _page_texts(pdf_bytes) for line in page_lines]
    signer = lines.index("TM. ỦY BAN NHÂN DÂN")
    assert lines[signer + 1] == "CHỦ TỊCH" and official.get_full_name() in lines[signer + 2 :]
    # One recipient a line (a long one wraps in the narrow column: its continuation joins it).
    recipients: list[str] = []
    for line in lines[lines.index("Nơi nhận:") + 1 :]:
        if line.startswith("- ") or not recipients:
            recipients.append(line)
        else:
            recipients[-1] += " " + line
        if line.startswith("- Lưu"):
            break
    assert recipients[-1] == "- Lưu: VT, VHXH."
    assert all(line.startswith("- ") and line.endswith(";") for line in recipients[:-1]) and recipients[:-1]
    assert not any(";;" in line for line in lines)

    result = _check(workspace, pdf_bytes)
    assert result.valid and [s.field_name for s in result.signatures] == ["ChuKyLanhDao", "ChuKyCoQuan"]
    assert {s.signing_time.astimezone(VIETNAM).date() for s in result.signatures} == {today}
    run = ScenarioRun.objects.get(workspace=workspace, slug="vb-di-phat-hanh")
    assert run.status == ScenarioRun.Status.COMPLETED and run.mistakes == []
