"""Dashboard views as tables, written to CSV or XLSX (openpyxl's write-only mode, constant memory).

An XLSX file is one a department head can pass on as it is: every sheet starts with a title block
(what the figures cover, the filters, the day it was made), then the header row, frozen and with
Excel's filter buttons; columns are as wide as their contents; counts are numbers, rates are
percentages and days are dates, each with its number format, so Excel sorts and sums them.

Every text cell goes through :func:`inert`: a spreadsheet treats a cell starting with ``= + - @``
(or a tab or carriage return) as a formula, so a name such as ``=HYPERLINK(...)`` typed into an
account would run when a department head opens the file. Such cells get a leading apostrophe, and in
XLSX every text cell is also written with the string type, never as a formula.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from typing import IO

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reports.selectors import Level, Report, ReportFilters, Row, job_role_label

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# What a column holds, for its cell type and number format in XLSX.
TEXT, NUMBER, PERCENT, DATE = "text", "number", "percent", "date"
NUMBER_FORMATS = {NUMBER: "#,##0", PERCENT: "0.0%", DATE: "dd/mm/yyyy"}
# Rows above the header: title, filters, date, a blank line.
CAPTION_ROWS = 4
# Widths are measured on the first rows of a table (a long list is streamed, not held in memory).
WIDTH_SAMPLE_ROWS = 1000
MIN_WIDTH, MAX_WIDTH = 8, 50


def inert(value):
    """A cell value a spreadsheet will show, never evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


@dataclass
class Table:
    """One sheet: a title, headers and rows (an iterable, so large ones stream), and what each column
    holds (text unless said otherwise)."""

    title: str
    headers: list[str]
    rows: Iterable[list]
    kinds: list[str] = field(default_factory=list)

    def kind(self, column: int) -> str:
        return self.kinds[column] if column < len(self.kinds) else TEXT


@dataclass
class Caption:
    """The title block of every sheet of a workbook."""

    title: str
    filters: str
    made_on: date


FIGURE_HEADERS = [
    _("Số khóa học được giao"),
    _("Đã hoàn thành"),
    _("Đang học"),
    _("Chưa bắt đầu"),
    _("Quá hạn"),
    _("Tỷ lệ hoàn thành (%)"),
]
FIGURE_KINDS = [NUMBER, NUMBER, NUMBER, NUMBER, NUMBER, PERCENT]


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
OFFICIAL_KINDS = [TEXT] * len(OFFICIAL_HEADERS) + FIGURE_KINDS


def report_caption(report: Report, filters: ReportFilters, made_on: date) -> Caption:
    """What the file covers, in words: the scope, the filters in force and the day it was made."""
    if report.level == Level.NATIONAL:
        title = gettext("Tiến độ đào tạo toàn quốc")
    else:
        title = gettext("Tiến độ đào tạo: %(name)s") % {"name": report.title}
    parts = []
    if filters.course_id:
        course = dict(report.course_options).get(filters.course_id) or f"#{filters.course_id}"
        parts.append(gettext("Khóa học: %(course)s") % {"course": course})
    if filters.job_role:
        parts.append(gettext("Chức danh: %(role)s") % {"role": job_role_label(filters.job_role)})
    if filters.due_from:
        parts.append(gettext("Hạn hoàn thành từ %(day)s") % {"day": f"{filters.due_from:%d/%m/%Y}"})
    if filters.due_to:
        parts.append(gettext("Hạn hoàn thành đến %(day)s") % {"day": f"{filters.due_to:%d/%m/%Y}"})
    shown = "; ".join(parts) if parts else gettext("không lọc (tất cả khóa học, chức danh và thời hạn)")
    return Caption(title=title, filters=gettext("Bộ lọc: %(filters)s") % {"filters": shown}, made_on=made_on)


def report_tables(report: Report, rows: list[Row]) -> list[Table]:
    """The view's main table (rows in the page's order), then its per-course, per-job-role and
    per-week tables."""
    if report.level == Level.COMMUNE:
        main = Table(
            str(_("Cán bộ")),
            [str(h) for h in (*OFFICIAL_HEADERS, *FIGURE_HEADERS)],
            [official_line(row) for row in rows],
            OFFICIAL_KINDS,
        )
    else:
        name = _("Tỉnh/thành phố") if report.level == Level.NATIONAL else _("Xã/phường")
        main = Table(
            str(_("Tổng hợp")),
            [str(h) for h in (name, *FIGURE_HEADERS)],
            [[row.label, *_figures(row)] for row in rows],
            [TEXT, *FIGURE_KINDS],
        )
    return [
        main,
        Table(
            str(_("Theo khóa học")),
            [str(h) for h in (_("Khóa học"), *FIGURE_HEADERS)],
            [[row.label, *_figures(row)] for row in report.by_course],
            [TEXT, *FIGURE_KINDS],
        ),
        Table(
            str(_("Theo chức danh")),
            [str(h) for h in (_("Chức danh"), *FIGURE_HEADERS)],
            [[str(row.label), *_figures(row)] for row in report.by_job_role],
            [TEXT, *FIGURE_KINDS],
        ),
        Table(
            str(_("Theo tuần")),
            [str(_("Tuần bắt đầu ngày")), str(_("Số khóa học hoàn thành"))],
            [[week, done] for week, done in report.trend],
            [DATE, NUMBER],
        ),
    ]


def detail_table(lines: Iterator[list]) -> Table:
    headers = [str(h) for h in (*OFFICIAL_HEADERS, *FIGURE_HEADERS)]
    return Table(str(_("Danh sách cán bộ")), headers, lines, OFFICIAL_KINDS)


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


def write_xlsx(tables: list[Table], out: IO[bytes], on_row: Callable[[], None], caption: Caption) -> None:
    workbook = Workbook(write_only=True)
    for table in tables:
        _write_sheet(workbook.create_sheet(title=table.title[:31]), table, on_row, caption)
    workbook.save(out)


def _write_sheet(sheet, table: Table, on_row: Callable[[], None], caption: Caption) -> None:
    """Widths and the frozen header must be set before the first row of a write-only sheet; the filter's
    range is written after the last one."""
    rows = iter(table.rows)
    sample = list(islice(rows, WIDTH_SAMPLE_ROWS))
    for column, width in enumerate(_widths(table, sample), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    header_row = CAPTION_ROWS + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    # Printed: landscape, as wide as one page, the header on every page.
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    sheet.append([_styled(sheet, caption.title, font=Font(bold=True, size=14))])
    sheet.append([_text(sheet, caption.filters)])
    sheet.append([_text(sheet, gettext("Ngày xuất")), _typed(sheet, caption.made_on, DATE)])
    sheet.append([])
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([_styled(sheet, header, font=Font(bold=True), alignment=wrap) for header in table.headers])
    last_row = header_row
    for row in chain(sample, rows):
        sheet.append([_typed(sheet, value, table.kind(column)) for column, value in enumerate(row)])
        last_row += 1
        on_row()
    last_column = get_column_letter(max(len(table.headers), 1))
    sheet.auto_filter.ref = f"A{header_row}:{last_column}{last_row}"


def _widths(table: Table, sample: list[list]) -> list[float]:
    """Each column as wide as its longest value in the sample, within limits; a long header wraps."""
    widths = []
    for column, header in enumerate(table.headers):
        kind = table.kind(column)
        longest = max((len(_shown(row[column], kind)) for row in sample if column < len(row)), default=0)
        header_words = max((len(word) for word in str(header).split()), default=0)
        wanted = max(longest, min(len(str(header)), 20), header_words) + 2
        widths.append(float(min(max(wanted, MIN_WIDTH), MAX_WIDTH)))
    return widths


def _shown(value, kind: str) -> str:
    """Roughly the text Excel shows for a value, for the column's width."""
    if value is None or value == "":
        return ""
    if kind == DATE:
        return "00/00/0000"
    if kind == PERCENT:
        return f"{value:.1f}%"
    if kind == NUMBER and isinstance(value, int):
        return f"{value:,}"
    return str(inert(value))


def _typed(sheet, value, kind: str) -> WriteOnlyCell:
    """A cell of the column's type: a number, a percentage (the fraction, shown with %), a date."""
    if value is None or value == "":
        return WriteOnlyCell(sheet, value=None)
    if kind == PERCENT and isinstance(value, int | float):
        cell = WriteOnlyCell(sheet, value=value / 100)
    elif kind in (NUMBER, DATE) and isinstance(value, int | float | date):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        return _text(sheet, value)
    cell.number_format = NUMBER_FORMATS[kind]
    return cell


def _text(sheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=inert(value))
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _styled(sheet, value, **style) -> WriteOnlyCell:
    cell = _text(sheet, value)
    for name, style_value in style.items():
        setattr(cell, name, style_value)
    return cell
