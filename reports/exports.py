"""Dashboard views as tables, written to CSV or XLSX (openpyxl's write-only mode, constant memory).

Every text cell goes through :func:`inert`: a spreadsheet treats a cell starting with ``= + - @``
(or a tab or carriage return) as a formula, so a name such as ``=HYPERLINK(...)`` typed into an
account would run when a department head opens the file. Such cells get a leading apostrophe, and in
XLSX every text cell is also written with the string type, never as a formula.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from reports.selectors import Level, Report, Row, job_role_label

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """A cell value a spreadsheet will show, never evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


@dataclass
class Table:
    """One sheet: a title, headers and rows (an iterable, so large ones stream)."""

    title: str
    headers: list[str]
    rows: Iterable[list]


FIGURE_HEADERS = [
    _("Số khóa học được giao"),
    _("Đã hoàn thành"),
    _("Đang học"),
    _("Chưa bắt đầu"),
    _("Quá hạn"),
    _("Tỷ lệ hoàn thành (%)"),
]


def _figures(row: Row) -> list:
    counts = row.counts
    rate = counts.rate
    return [
        counts.assigned,
        counts.completed,
        counts.in_progress,
        counts.not_started,
        counts.overdue,
        rate if rate is not None else "",
    ]


def official_line(row: Row) -> list:
    return [
        row.extra["province"],
        row.extra["commune"],
        row.label,
        str(job_role_label(row.extra["job_role"])),
        row.extra["phone"],
        *_figures(row),
    ]


OFFICIAL_HEADERS = [_("Tỉnh/thành phố"), _("Xã/phường"), _("Họ và tên"), _("Chức danh"), _("Số điện thoại")]


def report_tables(report: Report, rows: list[Row]) -> list[Table]:
    """The view's main table (rows in the page's order), then its per-course and per-job-role tables."""
    if report.level == Level.COMMUNE:
        main = Table(
            str(_("Cán bộ")),
            [str(h) for h in (*OFFICIAL_HEADERS, *FIGURE_HEADERS)],
            [official_line(row) for row in rows],
        )
    else:
        name = _("Tỉnh/thành phố") if report.level == Level.NATIONAL else _("Xã/phường")
        main = Table(
            str(_("Tổng hợp")),
            [str(h) for h in (name, *FIGURE_HEADERS)],
            [[row.label, *_figures(row)] for row in rows],
        )
    return [
        main,
        Table(
            str(_("Theo khóa học")),
            [str(h) for h in (_("Khóa học"), *FIGURE_HEADERS)],
            [[row.label, *_figures(row)] for row in report.by_course],
        ),
        Table(
            str(_("Theo chức danh")),
            [str(h) for h in (_("Chức danh"), *FIGURE_HEADERS)],
            [[str(row.label), *_figures(row)] for row in report.by_job_role],
        ),
    ]


def detail_table(lines: Iterator[list]) -> Table:
    return Table(str(_("Danh sách cán bộ")), [str(h) for h in (*OFFICIAL_HEADERS, *FIGURE_HEADERS)], lines)


def write_csv(table: Table, out: IO[bytes], on_row: Callable[[], None]) -> None:
    """A CSV file holds one table. UTF-8 with a byte-order mark so Excel shows Vietnamese correctly."""
    out.write("\ufeff".encode())
    text = _TextWriter(out)
    writer = csv.writer(text)
    writer.writerow([inert(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([inert(value) for value in row])
        on_row()


class _TextWriter:
    """The csv module writes text; the export file is binary."""

    def __init__(self, out: IO[bytes]):
        self.out = out

    def write(self, value: str) -> None:
        self.out.write(value.encode("utf-8"))


def write_xlsx(tables: list[Table], out: IO[bytes], on_row: Callable[[], None]) -> None:
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.column_dimensions["A"].width = 32
        header = []
        for value in table.headers:
            cell = _cell(sheet, value)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append([_cell(sheet, value) for value in row])
            on_row()
    workbook.save(out)


def _cell(sheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=inert(value))
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
