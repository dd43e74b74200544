"""An import's problems as a CSV file that Excel opens safely.

Excel runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, through some import paths, a tab
or carriage return) as a formula; a value copied from an uploaded file must never become one. Such a
cell is prefixed with an apostrophe, which Excel shows as plain text. The UTF-8 byte-order mark makes
Excel read Vietnamese accents correctly.
"""

import csv
import io

from django.utils.translation import gettext as _

from people.imports.messages import problem_message

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def problems_csv(problems: list[dict]) -> bytes:
    """The report, one line per problem: row, column, value, what is wrong (in the active language)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Dòng"), _("Cột"), _("Giá trị"), _("Lỗi")])
    for item in problems:
        row = "" if item.get("row") is None else str(item["row"])
        cells = [row, item.get("column", ""), item.get("value", ""), problem_message(item)]
        writer.writerow([excel_safe(str(cell)) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")
