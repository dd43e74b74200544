"""Helpers for the import tests: files built in memory, and a small map of two provinces."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tests.factories import CommuneFactory

HEADER = ["full_name", "commune_code", "job_role", "phone", "email", "username"]
CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(rows, *, header=HEADER, bom=True, delimiter=",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(rows, *, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "can-bo.csv", content_type: str = CSV_TYPE) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def row(name="Nguyễn Thị Lan", code="91001", role="one_stop", phone="0912345678", email=None, username=""):
    email = email if email is not None else f"{phone or name.split()[-1]}@example.gov.vn"
    return [name, code, role, phone, email, username]


@pytest.fixture
def communes(province, other_province):
    """Two communes in the department head's province (91001, 91002), one in another (92001)."""
    return {
        "home": CommuneFactory(code="91001", name="Phường Kinh Bắc", province=province),
        "home2": CommuneFactory(code="91002", name="Xã Tiên Du", province=province),
        "away": CommuneFactory(code="92001", name="Phường Hoa Lư", province=other_province),
    }
