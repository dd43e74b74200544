"""Exports: built by a background task, Vietnamese headers, inert against formula injection, and
downloadable only by the person who asked."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from progress.models import ProgressStatus
from reports.exports import inert
from reports.models import ExportJob, ExportStatus
from tests.factories import DepartmentHeadFactory, OfficialFactory
from tests.reports.conftest import assign

EVIL = '=HYPERLINK("http://example.com/x","Bấm vào đây")'


@pytest.fixture
def evil_official(commune, course):
    official = OfficialFactory(commune=commune, full_name=EVIL, phone="+84912345678")
    assign(official, course, status=ProgressStatus.COMPLETED)
    return official


def _export(client, django_capture_on_commit_callbacks, **data) -> ExportJob:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:export_create"), data)
    job = ExportJob.objects.latest("created_at")
    assert response.status_code == 302
    assert response.url == reverse("reports:export_detail", args=[job.pk])
    return job


def _download(client, job) -> bytes:
    response = client.get(reverse("reports:export_download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+84912", "'+84912"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Nguyễn Văn A", "Nguyễn Văn A"),
        (-5, -5),
    ],
)
def test_inert(value, expected):
    assert inert(value) == expected


def test_csv_export_is_inert_and_in_vietnamese(
    client, department_head, commune, evil_official, django_capture_on_commit_callbacks
):
    client.force_login(department_head)
    job = _export(
        client, django_capture_on_commit_callbacks, scope="commune", scope_id=commune.pk, format="csv"
    )

    job.refresh_from_db()
    assert (job.status, job.progress, job.rows) == (ExportStatus.DONE, 100, 1)
    content = _download(client, job).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Tỉnh/thành phố", "Xã/phường", "Họ và tên"]
    assert "Tỷ lệ hoàn thành (%)" in rows[0]
    names = [row[2] for row in rows[1:]]
    assert "'" + EVIL in names
    phones = [row[4] for row in rows[1:]]
    assert "'+84912345678" in phones
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_xlsx_export_writes_text_never_formulas(
    client, department_head, province, commune, evil_official, django_capture_on_commit_callbacks
):
    client.force_login(department_head)
    job = _export(
        client,
        django_capture_on_commit_callbacks,
        scope="province",
        scope_id=province.pk,
        format="xlsx",
        detail="on",
    )

    workbook = load_workbook(io.BytesIO(_download(client, job)))
    assert workbook.sheetnames == [
        "Tổng hợp",
        "Theo khóa học",
        "Theo chức danh",
        "Theo tuần",
        "Danh sách cán bộ",
    ]
    summary = workbook["Tổng hợp"]
    assert [cell.value for cell in summary[5]][:2] == ["Xã/phường", "Số khóa học được giao"]
    assert summary["A6"].value == commune.name
    detail = workbook["Danh sách cán bộ"]
    cells = [cell for row in detail.iter_rows() for cell in row]
    evil = next(cell for cell in cells if isinstance(cell.value, str) and EVIL in cell.value)
    assert evil.value == "'" + EVIL
    assert evil.data_type == "s"
    assert not any(cell.data_type == "f" for cell in cells)


def test_only_the_requester_downloads(
    client, department_head, commune, evil_official, django_capture_on_commit_callbacks
):
    client.force_login(department_head)
    job = _export(
        client, django_capture_on_commit_callbacks, scope="commune", scope_id=commune.pk, format="xlsx"
    )
    status = client.get(reverse("reports:export_status", args=[job.pk])).json()
    assert status["status"] == "done"
    assert status["download_url"] == reverse("reports:export_download", args=[job.pk])

    colleague = DepartmentHeadFactory(province=commune.province)
    client.force_login(colleague)
    for name in ("reports:export_detail", "reports:export_status", "reports:export_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404, name


def test_a_requester_who_lost_the_province_cannot_download(
    client, department_head, commune, other_province, evil_official, django_capture_on_commit_callbacks
):
    client.force_login(department_head)
    job = _export(
        client, django_capture_on_commit_callbacks, scope="commune", scope_id=commune.pk, format="csv"
    )
    department_head.province = other_province
    department_head.save()

    assert client.get(reverse("reports:export_download", args=[job.pk])).status_code == 404


def test_a_tampered_export_request_is_refused_with_a_message(client, department_head):
    client.force_login(department_head)

    response = client.post(
        reverse("reports:export_create"), {"scope": "planet", "format": "pdf"}, follow=True
    )

    assert "Không tạo được tệp xuất" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_national_export_by_an_administrator(
    client, administrator, province, evil_official, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    job = _export(client, django_capture_on_commit_callbacks, scope="national", format="csv", detail="on")

    rows = list(csv.reader(io.StringIO(_download(client, job).decode("utf-8-sig"))))
    assert rows[0][2] == "Họ và tên"
    assert rows[1][0] == province.name


def test_xlsx_export_is_ready_to_hand_on(
    client, department_head, province, commune, course, django_capture_on_commit_callbacks
):
    """A title block saying what the file covers, a frozen header with filters, fitting columns, and
    numbers, percentages and dates as real cells with their formats."""
    done = OfficialFactory(commune=commune, full_name="Đỗ Thị Lan", phone="0912345678")
    assign(done, course, status=ProgressStatus.COMPLETED, due=date(2026, 12, 31))
    waiting = OfficialFactory(commune=commune, full_name="Bùi Văn An")
    assign(waiting, course, due=date(2026, 12, 31))
    client.force_login(department_head)
    job = _export(
        client,
        django_capture_on_commit_callbacks,
        scope="province",
        scope_id=province.pk,
        format="xlsx",
        detail="on",
        course=course.pk,
        due_to="2026-12-31",
    )

    workbook = load_workbook(io.BytesIO(_download(client, job)))
    for sheet in workbook.worksheets:
        assert sheet["A1"].value == f"Tiến độ đào tạo: {province.name}", sheet.title
        assert sheet["A1"].font.bold
        assert sheet["A2"].value == "Bộ lọc: Khóa học: Chữ ký số; Hạn hoàn thành đến 31/12/2026"
        assert sheet["A3"].value == "Ngày xuất"
        assert sheet["B3"].is_date and sheet["B3"].value.date() == timezone.localdate()
        assert sheet["B3"].number_format == "dd/mm/yyyy"
        assert sheet.freeze_panes == "A6"
        assert all(cell.font.bold for cell in sheet[5] if cell.value)
        last_column = get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A5:{last_column}{sheet.max_row}"
        assert sheet.print_title_rows == "$5:$5"
        assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth) == ("landscape", 1)

    summary = workbook["Tổng hợp"]
    assert [cell.value for cell in summary[6]] == [commune.name, 2, 1, 0, 1, 0, 0.5]
    assigned, rate = summary["B6"], summary["G6"]
    assert (assigned.data_type, assigned.number_format) == ("n", "#,##0")
    assert (rate.data_type, rate.number_format) == ("n", "0.0%")
    # Each column fits its longest value (or its header's longest word) and no more than 50 wide.
    assert len(commune.name) < summary.column_dimensions["A"].width <= 50
    assert len("Số khóa học được giao") <= summary.column_dimensions["B"].width <= 50
    assert len("100.0%") < summary.column_dimensions["G"].width <= 50

    detail = workbook["Danh sách cán bộ"]
    assert detail.auto_filter.ref == "A5:K7"
    lines = {row[2].value: row for row in detail.iter_rows(min_row=6)}
    assert set(lines) == {"Đỗ Thị Lan", "Bùi Văn An"}
    lan = lines["Đỗ Thị Lan"]
    assert (lan[4].value, lan[4].data_type) == ("0912345678", "s")
    assert (lan[6].value, lan[6].data_type, lan[6].number_format) == (1, "n", "#,##0")
    assert (lan[10].value, lan[10].number_format) == (1, "0.0%")
    assert detail.column_dimensions["C"].width >= len("Đỗ Thị Lan")

    weeks = workbook["Theo tuần"]
    week = weeks["A6"]
    assert week.is_date and week.number_format == "dd/mm/yyyy"
    assert weeks["B6"].data_type == "n"


def test_csv_export_keeps_plain_figures(
    client, department_head, commune, course, django_capture_on_commit_callbacks
):
    official = OfficialFactory(commune=commune, full_name="Lê Văn Tâm")
    assign(official, course, status=ProgressStatus.COMPLETED)
    client.force_login(department_head)
    job = _export(
        client, django_capture_on_commit_callbacks, scope="commune", scope_id=commune.pk, format="csv"
    )

    rows = list(csv.reader(io.StringIO(_download(client, job).decode("utf-8-sig"))))
    assert rows[0][0] == "Tỉnh/thành phố"
    assert rows[1][2:3] == ["Lê Văn Tâm"]
    assert rows[1][5:] == ["1", "1", "0", "0", "0", "100.0"]
