"""In a browser: a department head uploads a list of officials, watches the import's progress, reads
the result and prints the slips; then uploads a bad file and reads, and downloads, its report."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from people.models import ImportState, Role, User
from people.services import import_job_create, import_job_run
from tests.browser.conftest import sign_in
from tests.factories import CommuneFactory

pytestmark = pytest.mark.browser


def csv_file(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["full_name", "commune_code", "job_role", "phone", "email"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


GOOD = [
    ["Nguyễn Thị Lan", "91001", "Bộ phận một cửa", "0900000001", "lan@example.gov.vn"],
    ["Trần Văn Hùng", "91002", "Địa chính - Xây dựng", "0900000002", "hung@example.gov.vn"],
]
BAD = [
    ["Lê Minh Châu", "91001", "giám đốc", "0900000003", "chau@example.gov.vn"],
    ["Phạm Quốc Bảo", "92001", "land", "12345", "bao@example.gov.vn"],
]


@pytest.fixture
def places(province, other_province):
    CommuneFactory(code="91001", name="Phường Kinh Bắc", province=province)
    CommuneFactory(code="91002", name="Xã Tiên Du", province=province)
    CommuneFactory(code="92001", name="Phường Hoa Lư", province=other_province)


def upload(page, live, name: str, content: bytes) -> None:
    page.goto(f"{live.url}/accounts/import/")
    page.get_by_label("Tệp danh sách cán bộ (.xlsx hoặc .csv)").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Tải lên và kiểm tra").click()


def test_department_head_imports_a_file_then_reads_a_bad_files_report(
    live, page, department_head, password, places
):
    sign_in(page, live, department_head.username, password)
    upload(page, live, "can-bo.csv", csv_file(GOOD))
    expect(page.get_by_role("heading", name="Đã nhập xong")).to_be_visible()
    expect(page.get_by_text("Đã tạo 2 tài khoản mới.")).to_be_visible()
    expect(page.locator("progress")).to_have_count(0)
    assert User.objects.filter(role=Role.OFFICIAL).count() == 2

    page.get_by_role("link", name="In phiếu của tất cả các xã").click()
    expect(page.locator(".slip")).to_have_count(2)
    expect(page.locator(".slip-sheet h2").first).to_contain_text("Phường Kinh Bắc")
    expect(page.locator(".slip").first).to_contain_text("lannt.91001")

    upload(page, live, "sai.csv", csv_file(BAD))
    expect(page.get_by_role("heading", name="Tệp bị từ chối: không nhập cán bộ nào")).to_be_visible()
    rows = page.locator("table.problems tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Chức danh không có trong danh sách")
    expect(rows.nth(1)).to_contain_text("ngoài tỉnh bạn quản lý")
    expect(rows.nth(2)).to_contain_text("Số điện thoại di động phải có 10 chữ số")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải báo cáo lỗi (CSV, mở bằng Excel)").click()
    report = download_info.value
    assert report.suggested_filename.startswith("loi-nhap-can-bo-")
    with open(report.path(), encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    assert [line[:2] for line in lines] == [
        ["Dòng", "Cột"],
        ["2", "job_role"],
        ["3", "commune_code"],
        ["3", "phone"],
    ]
    assert User.objects.filter(role=Role.OFFICIAL).count() == 2  # nothing from the bad file


def test_the_progress_bar_follows_a_running_import_to_its_result(
    live, page, department_head, password, places
):
    job = import_job_create(
        uploaded_by=department_head,
        fileobj=SimpleUploadedFile("can-bo.csv", csv_file(GOOD), content_type="text/csv"),
        name="can-bo.csv",
        content_type="text/csv",
        dry_run=False,
    )
    sign_in(page, live, department_head.username, password)
    page.goto(f"{live.url}/accounts/import/{job.pk}/")
    expect(page.get_by_role("heading", name="Đang xử lý")).to_be_visible()
    expect(page.locator("#import-state")).to_have_text("Đang chờ xử lý")
    expect(page.locator("progress#import-bar")).to_have_attribute("value", "0")
    # A task worker picks the job up; the page, polling, shows the result without a click.
    assert import_job_run(job_id=job.pk).state == ImportState.DONE
    expect(page.get_by_role("heading", name="Đã nhập xong")).to_be_visible()
    expect(page.get_by_text("Đã tạo 2 tài khoản mới.")).to_be_visible()
