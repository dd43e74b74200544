"""Reading officials' files: formats, encodings, headings, and the checks made before parsing."""

import io
import zipfile

import pytest

from people.imports import files
from people.imports.files import FileProblem, sheet_read, upload_check
from tests.people.conftest import CSV_TYPE, HEADER, XLSX_TYPE, csv_bytes, xlsx_bytes

ROWS = [["Nguyễn Thị Lan", "00070", "Bộ phận một cửa", "0912345678", "lan@example.gov.vn", ""]]


def read(content: bytes, kind: str = "csv"):
    return sheet_read(io.BytesIO(content), kind)


def refused(function, *args, **kwargs) -> dict:
    with pytest.raises(FileProblem) as caught:
        function(*args, **kwargs)
    return caught.value.problem


@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_or_without_byte_order_mark(bom):
    sheet = read(csv_bytes(ROWS, bom=bom))
    assert sheet.headings["full_name"] == "full_name"  # no BOM glued to the first heading
    assert sheet.rows == [
        (
            2,
            {
                "full_name": "Nguyễn Thị Lan",
                "commune_code": "00070",
                "job_role": "Bộ phận một cửa",
                "phone": "0912345678",
                "email": "lan@example.gov.vn",
                "username": "",
            },
        )
    ]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_csv_from_excel_with_vietnamese_regional_settings(delimiter):
    assert read(csv_bytes(ROWS, delimiter=delimiter)).rows[0][1]["commune_code"] == "00070"


def test_xlsx_first_sheet_and_numbers_typed_by_excel():
    content = xlsx_bytes([["Nguyễn Thị Lan", 70, "one_stop", 912345678, "lan@example.gov.vn", None]])
    number, values = read(content, "xlsx").rows[0]
    assert number == 2
    # A typed number comes back as Excel shows it (70, not 70.0); the validator pads commune codes.
    assert values["commune_code"] == "70"
    assert values["phone"] == "912345678"
    assert values["username"] == ""


def test_vietnamese_headings_in_any_order_and_extra_columns_ignored():
    header = ["STT", "Tên đăng nhập", "Họ và tên", "E-mail", "Chức danh", "Mã xã", "Ghi chú"]
    sheet = read(csv_bytes([["1", "", "Lê Văn A", "a@example.gov.vn", "land", "70", "x"]], header=header))
    assert sheet.headings == {
        "username": "Tên đăng nhập",
        "full_name": "Họ và tên",
        "email": "E-mail",
        "job_role": "Chức danh",
        "commune_code": "Mã xã",
    }
    assert sheet.rows[0][1]["commune_code"] == "70"
    assert "phone" not in sheet.rows[0][1]


def test_blank_rows_are_skipped_but_row_numbers_stay_those_of_excel():
    sheet = read(csv_bytes([ROWS[0], ["", "", "", "", "", ""], ROWS[0]]))
    assert [number for number, _values in sheet.rows] == [2, 4]


def test_missing_required_columns_are_named():
    item = refused(read, csv_bytes([["Lê Văn A", "x@example.gov.vn"]], header=["full_name", "email"]))
    assert item["code"] == "missing_columns"
    assert item["row"] == 1
    assert item["params"]["columns"] == "commune_code, job_role"


def test_duplicate_column_is_refused():
    header = ["full_name", "commune_code", "job_role", "email", "Họ và tên"]
    item = refused(read, csv_bytes([["a", "1", "land", "a@b.vn", "b"]], header=header))
    assert (item["code"], item["column"]) == ("duplicate_column", "Họ và tên")


@pytest.mark.parametrize(
    "content, code",
    [
        (b"", "empty"),
        (csv_bytes([]), "no_rows"),
        ("full_name,commune_code,job_role,email\nLê Văn Á,1,land,a@b.vn\n".encode("cp1258"), "not_utf8"),
        (b"full_name,commune_code\x00,job_role,email\n", "not_text"),
    ],
)
def test_unreadable_csv_files(content, code):
    assert refused(read, content)["code"] == code


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 2)
    item = refused(read, csv_bytes(ROWS * 3))
    assert item["code"] == "too_many_rows"
    assert item["params"] == {"count": 3, "limit": 2}


def test_corrupt_xlsx_is_unreadable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not really a workbook")
    assert refused(read, buffer.getvalue(), "xlsx")["code"] == "unreadable"


# --- Checks before parsing -------------------------------------------------------------------------


def check(content: bytes, name="can-bo.csv", content_type=CSV_TYPE) -> str:
    return upload_check(name=name, size=len(content), content_type=content_type, fileobj=io.BytesIO(content))


def test_accepted_uploads():
    assert check(csv_bytes(ROWS)) == "csv"
    # Windows with Excel installed labels a CSV file as an Excel document.
    assert check(csv_bytes(ROWS), content_type="application/vnd.ms-excel") == "csv"
    assert check(xlsx_bytes(ROWS), name="Danh sách.XLSX", content_type=XLSX_TYPE) == "xlsx"
    assert check(csv_bytes(ROWS), content_type=None) == "csv"  # the command line declares nothing


@pytest.mark.parametrize(
    "name, content_type, code",
    [
        ("can-bo.xls", "application/vnd.ms-excel", "old_excel"),
        ("can-bo.pdf", "application/pdf", "extension"),
        ("can-bo", CSV_TYPE, "extension"),
        ("can-bo.csv", "image/png", "content_type"),
        ("can-bo.xlsx", "text/html", "content_type"),
    ],
)
def test_refused_names_and_declared_types(name, content_type, code):
    assert refused(check, csv_bytes(ROWS), name=name, content_type=content_type)["code"] == code


def test_size_limit(monkeypatch):
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 1024 * 1024)
    content = csv_bytes(ROWS * 20_000)
    item = refused(check, content)
    assert (item["code"], item["params"]) == ("too_large", {"limit": 1})


def test_content_must_match_the_extension():
    assert refused(check, csv_bytes(ROWS), name="a.xlsx", content_type=XLSX_TYPE)["code"] == "not_xlsx"
    assert refused(check, xlsx_bytes(ROWS), name="a.csv")["code"] == "not_text"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert refused(check, buffer.getvalue(), name="a.xlsx", content_type=XLSX_TYPE)["code"] == "not_xlsx"


def _bomb(member_size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * member_size)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_parsing():
    content = _bomb(50 * 1024 * 1024)
    assert len(content) < 100 * 1024  # 50 MB of zeros packs into a few dozen kilobytes
    item = refused(check, content, name="bom.xlsx", content_type=XLSX_TYPE)
    assert item["code"] == "xlsx_unpacked_too_large"


def test_total_unpacked_size_is_limited(monkeypatch):
    monkeypatch.setattr(files, "XLSX_MAX_RATIO", 10**9)
    monkeypatch.setattr(files, "XLSX_MAX_UNPACKED_BYTES", 1024 * 1024)
    item = refused(check, _bomb(2 * 1024 * 1024), name="bom.xlsx", content_type=XLSX_TYPE)
    assert item["code"] == "xlsx_unpacked_too_large"


def test_a_real_ten_thousand_row_workbook_passes_the_bomb_check():
    rows = [
        [f"Cán Bộ {n}", "00070", "Bộ phận một cửa", f"09{n:08d}", f"cb{n}@x.vn", ""] for n in range(10_000)
    ]
    assert check(xlsx_bytes(rows), name="a.xlsx", content_type=XLSX_TYPE) == "xlsx"


def test_header_constant_matches_documented_columns():
    assert set(HEADER) == set(files.COLUMNS)
