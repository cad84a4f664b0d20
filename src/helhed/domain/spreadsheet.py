"""Defusing text for CSV and XLSX exports (CSV or formula injection, OWASP).

A name, a note or a reason typed by a user or read from an imported file may begin with `=`,
`+`, `-` or `@` (or a tab or carriage return, which some spreadsheets skip before one of those);
a spreadsheet opening the export would run it as a formula — `=HYPERLINK(…)` sends a click to any
address. Every CSV and XLSX writer in helhed writes its cells through this module:

- CSV: such a *text* value gets a leading apostrophe, which spreadsheets show as text and do not
  evaluate; the apostrophe is visible in a text editor and stays in the value when the file is
  read back by another program.
- XLSX: the value is kept as it is, written as a plain string cell with Excel's "quote prefix"
  (the cell is text, and stays text when edited). openpyxl would otherwise store a string
  beginning with `=` as a formula.

Only `str` values are touched: numbers — negative ones included — stay numbers, and a number
already formatted as text by the caller (e.g. a decimal comma) must be formatted after defusing
its text cells, not passed through here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    """True for a text value a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """The value for a CSV cell: formula-like text with a leading apostrophe, anything else as is."""
    return "'" + value if is_formula_like(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(value) for value in values]


def xlsx_append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """`sheet.append(values)`, with formula-like text written as a plain string cell."""
    from openpyxl.cell.cell import Cell

    row: list[Any] = []
    for value in values:
        if is_formula_like(value):
            cell = Cell(sheet, value=value)
            cell.data_type = "s"  # openpyxl made "=…" a formula ("f") when given the value
            cell.quotePrefix = True
            row.append(cell)
        else:
            row.append(value)
    sheet.append(row)
