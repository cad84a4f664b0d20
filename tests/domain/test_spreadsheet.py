"""Formula-like text is defused in CSV and written as text in XLSX; numbers are left alone."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from helhed.domain.spreadsheet import csv_cell, csv_row, xlsx_append


def test_csv_cells_starting_like_a_formula_get_an_apostrophe() -> None:
    assert csv_row(["=1+1", "+45 1234", "-x", "@SUM(A1)", "\tx", "\rx"]) == [
        "'=1+1",
        "'+45 1234",
        "'-x",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
    ]


def test_csv_leaves_other_text_and_numbers_alone() -> None:
    assert csv_row(["Solparken", "a=b", "", "'=x", -1.5, -3, None, True]) == [
        "Solparken",
        "a=b",
        "",
        "'=x",
        -1.5,
        -3,
        None,
        True,
    ]
    assert csv_cell("-12") == "'-12"  # text, even when it looks like a number


def test_xlsx_formula_like_text_is_a_string_cell_and_numbers_stay_numbers() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    xlsx_append(sheet, ['=HYPERLINK("http://x")', "-x", -1.5, "Solparken"])
    out = io.BytesIO()
    book.save(out)
    loaded = load_workbook(io.BytesIO(out.getvalue())).active
    assert loaded is not None
    (row,) = loaded.iter_rows()
    assert [(c.value, c.data_type, c.quotePrefix) for c in row] == [
        ('=HYPERLINK("http://x")', "s", True),
        ("-x", "s", True),
        (-1.5, "n", False),
        ("Solparken", "s", False),
    ]
