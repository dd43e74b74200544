"""Checking an uploaded officials' file before anything parses it, and reading its rows.

Only ``.csv`` (UTF-8, with or without the byte-order mark Excel writes; comma, semicolon or tab
separated, as Excel writes it under Vietnamese regional settings) and ``.xlsx`` (first worksheet, read
with openpyxl in read-only mode) are accepted. The first non-empty row holds the column headings;
row numbers are those Excel shows, so a report's "row 7" is row 7 on the department head's screen.
"""

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from unidecode import unidecode

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# An XLSX file is a zip archive of XML: a few kilobytes can inflate to gigabytes (a "zip bomb"). The
# sizes declared in the archive's directory are checked before openpyxl opens it; Python's zipfile
# never inflates a member beyond its declared size, so a lying archive cannot get past the check.
XLSX_MAX_UNPACKED_BYTES = 60 * 1024 * 1024
XLSX_MAX_RATIO = 100
XLSX_MAX_MEMBERS = 200
ZIP_MAGIC = b"PK\x03\x04"

# What browsers and operating systems send for each format (Windows with Excel installed labels a
# .csv file "application/vnd.ms-excel"; some browsers send octet-stream for anything).
CONTENT_TYPES = {
    "csv": frozenset(
        {
            "text/csv",
            "text/plain",
            "text/comma-separated-values",
            "application/csv",
            "application/vnd.ms-excel",
            "application/octet-stream",
        }
    ),
    "xlsx": frozenset(
        {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/zip",
            "application/x-zip-compressed",
            "application/octet-stream",
        }
    ),
}

# Column key -> other headings accepted for it (compared without case, accents or punctuation).
COLUMNS: dict[str, tuple[str, ...]] = {
    "full_name": ("Họ và tên", "Họ tên"),
    "commune_code": ("Mã xã", "Mã xã/phường", "Mã đơn vị"),
    "job_role": ("Chức danh", "Chức vụ"),
    "phone": ("Số điện thoại", "Điện thoại"),
    "email": ("E-mail", "Thư điện tử"),
    "username": ("Tên đăng nhập",),
}
REQUIRED_COLUMNS = ("full_name", "commune_code", "job_role", "email")


def problem(code: str, *, row: int | None = None, column: str = "", value: str = "", **params) -> dict:
    """One problem as stored on the job (see ``people.imports.messages``)."""
    return {"row": row, "column": column, "code": code, "value": value, "params": params}


class FileProblem(Exception):
    """The file as a whole cannot be imported; carries the problem to report."""

    def __init__(self, code: str, *, row: int | None = None, column: str = "", **params):
        super().__init__(code)
        self.problem = problem(code, row=row, column=column, **params)


@dataclass
class Sheet:
    """The rows of a file, by column key."""

    headings: dict[str, str]  # column key -> its heading as written in the file
    rows: list[tuple[int, dict[str, str]]]  # (row number as Excel shows it, {column key: text})


def file_format(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in CONTENT_TYPES:
        return extension
    if extension in ("xls", "xlsm", "xlsb"):
        raise FileProblem("old_excel")
    raise FileProblem("extension")


def upload_check(*, name: str, size: int, content_type: str | None, fileobj: BinaryIO) -> str:
    """Check an upload before it is stored or parsed; return its format (``csv`` or ``xlsx``).

    ``content_type`` is what the browser declared (None from the command line). Leaves the file at its
    start.
    """
    kind = file_format(name)
    if size > MAX_UPLOAD_BYTES:
        raise FileProblem("too_large", limit=MAX_UPLOAD_BYTES // (1024 * 1024))
    if size == 0:
        raise FileProblem("empty")
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared and declared not in CONTENT_TYPES[kind]:
        raise FileProblem("content_type", content_type=declared, extension=f".{kind}")
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    if kind == "xlsx":
        if not head.startswith(ZIP_MAGIC):
            raise FileProblem("not_xlsx")
        _xlsx_archive_check(fileobj)
    elif head.startswith(ZIP_MAGIC) or b"\x00" in head:
        raise FileProblem("not_text")
    return kind


def _xlsx_archive_check(fileobj: BinaryIO) -> None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileProblem("not_xlsx") from error
    finally:
        fileobj.seek(0)
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise FileProblem("not_xlsx")
    unpacked = sum(member.file_size for member in members)
    if (
        len(members) > XLSX_MAX_MEMBERS
        or unpacked > XLSX_MAX_UNPACKED_BYTES
        or any(m.file_size > XLSX_MAX_RATIO * max(m.compress_size, 1024) for m in members)
    ):
        raise FileProblem("xlsx_unpacked_too_large")


def _heading_key(text: str) -> str:
    text = unidecode(unicodedata.normalize("NFC", text)).casefold()
    for mark in "_-/":
        text = text.replace(mark, " ")
    return " ".join(text.split())


_HEADINGS = {_heading_key(alias): key for key, aliases in COLUMNS.items() for alias in (key, *aliases)}


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores typed numbers as floats: 70.0 is the commune code 70.
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _csv_records(fileobj: BinaryIO) -> list[list[str]]:
    try:
        text = fileobj.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem("not_utf8") from error
    if "\x00" in text:
        raise FileProblem("not_text")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FileProblem("unreadable") from error


def _xlsx_records(fileobj: BinaryIO) -> list[list[str]]:
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return [[_cell_text(v) for v in values] for values in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except (zipfile.BadZipFile, InvalidFileException, ParseError, KeyError, IndexError, ValueError) as error:
        raise FileProblem("unreadable") from error


def sheet_read(fileobj: BinaryIO, kind: str) -> Sheet:
    """Read a checked file into rows keyed by column; raise ``FileProblem`` for a file-wide fault."""
    records = _csv_records(fileobj) if kind == "csv" else _xlsx_records(fileobj)
    numbered = [(number, [cell.strip() for cell in record]) for number, record in enumerate(records, 1)]
    numbered = [(number, cells) for number, cells in numbered if any(cells)]
    if not numbered:
        raise FileProblem("empty")
    heading_row, heading_cells = numbered[0]
    positions: dict[str, int] = {}
    headings: dict[str, str] = {}
    for position, heading in enumerate(heading_cells):
        key = _HEADINGS.get(_heading_key(heading))
        if key is None:
            continue
        if key in positions:
            raise FileProblem("duplicate_column", row=heading_row, column=heading)
        positions[key], headings[key] = position, heading
    missing = [key for key in REQUIRED_COLUMNS if key not in positions]
    if missing:
        raise FileProblem("missing_columns", row=heading_row, columns=", ".join(missing))
    rows = []
    for number, cells in numbered[1:]:
        values = {key: cells[pos] if pos < len(cells) else "" for key, pos in positions.items()}
        if any(values.values()):
            rows.append((number, values))
    if not rows:
        raise FileProblem("no_rows")
    if len(rows) > MAX_ROWS:
        raise FileProblem("too_many_rows", count=len(rows), limit=MAX_ROWS)
    return Sheet(headings=headings, rows=rows)
