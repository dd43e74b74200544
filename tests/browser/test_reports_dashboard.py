"""In a browser: a department head watches a commune's completion rate change when an official
completes a course, then exports the view as XLSX and downloads it."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from progress.models import ProgressKind, ProgressStatus
from progress.services import progress_record
from tests.browser.conftest import sign_in
from tests.factories import OfficialFactory
from tests.reports.conftest import assign, make_course_page

pytestmark = pytest.mark.browser


def test_department_head_sees_the_rate_change_and_exports_xlsx(
    live, page, department_head, commune, official, password, tmp_path
):
    course = make_course_page("Chữ ký số", "chu-ky-so-trinh-duyet")
    assign(official, course)
    assign(OfficialFactory(commune=commune), course)

    sign_in(page, live, department_head.username, password)
    expect(page.get_by_role("heading", level=1)).to_contain_text(commune.province.name)
    row = page.locator("#main-table tbody tr", has=page.get_by_role("link", name=commune.name))
    expect(row.locator(".rate-value")).to_have_text("0%")

    progress_record(
        official=official, kind=ProgressKind.COURSE, key=str(course.pk), status=ProgressStatus.COMPLETED
    )
    page.reload()

    expect(row.locator(".rate-value")).to_have_text("50%")
    page.get_by_role("button", name="Xuất Excel (XLSX)").click()
    expect(page.get_by_role("heading", name="Tệp xuất báo cáo")).to_be_visible()
    download_link = page.get_by_role("link", name="Tải tệp xuống")
    expect(download_link).to_be_visible()
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    workbook = load_workbook(saved, read_only=True)
    rows = list(workbook["Tổng hợp"].iter_rows(values_only=True))
    # A title block (scope, filters, date), a blank row, then the table's header on row 5.
    assert rows[0][0] == f"Tiến độ đào tạo: {commune.province.name}"
    assert rows[4][0] == "Xã/phường"
    commune_row = next(line for line in rows[5:] if line[0] == commune.name)
    assert commune_row[1:3] == (2, 1)
    assert commune_row[-1] == 0.5  # a number, shown as 50.0 % by the cell's format
