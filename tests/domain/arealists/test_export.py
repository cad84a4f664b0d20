"""Screening results written as CSV, JSON and XLSX rows."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from openpyxl import load_workbook

from helhed.domain.arealists import (
    AreaResult,
    rows,
    screen,
    screen_area,
    write_csv,
    write_json,
    write_xlsx,
)
from helhed.domain.arealists.export import BASE_COLUMNS

from .builders import ALL_YEARS, area, history

KNOWN = history(known_years=ALL_YEARS)


def udsat_result() -> AreaResult:
    return screen_area(
        area(2021, "Parken", lm=41.2, edu=63, conv=None, pop_18_64=1000, pop_30_59=500),
        history=KNOWN,
    )


def test_row_columns_and_values() -> None:
    columns, table = rows([udsat_result()])
    assert columns[: len(BASE_COLUMNS)] == list(BASE_COLUMNS)
    assert columns[len(BASE_COLUMNS) : len(BASE_COLUMNS) + 7] == [
        "labour_market_value",
        "labour_market_threshold",
        "labour_market_met",
        "labour_market_distance_pp",
        "labour_market_distance_persons",
        "labour_market_population",
        "labour_market_text",
    ]
    assert len(columns) == len(BASE_COLUMNS) + 9 * 7
    row = table[0]
    assert {key: row[key] for key in BASE_COLUMNS} == {
        "year": 2021,
        "area": "Parken",
        "municipality": "Testkommune",
        "residents": 1500,
        "criteria_met": "labour_market;education;fb_labour_market",
        "lists": "udsat",
        "undecided_lists": "",
        "undecided": "convictions;fb_convictions",
        "persons_estimated": "",
    }
    assert (row["labour_market_distance_persons"], row["convictions_met"]) == (12, None)


def test_lists_cell_is_none_only_when_everything_is_decided() -> None:
    results = [
        screen_area(area(2021, "A"), history=KNOWN),
        screen_area(area(2021, "B", lm=45, edu=None), history=KNOWN),
        screen_area(area(2021, "C", lm=45, edu=70, nonwestern=60), history=KNOWN),
    ]
    assert [(r["lists"], r["undecided_lists"]) for r in rows(results)[1]] == [
        ("none", ""),
        ("", "udsat"),
        ("udsat;parallelsamfund", ""),
    ]


def test_years_with_different_criteria_share_one_table() -> None:
    results = screen([area(2012, "Parken", lm=45, nonwestern=60), area(2021, "Parken")])
    columns, table = rows(results)
    assert "education_value" in columns and "fb_income_value" in columns
    assert (table[0]["education_value"], table[0]["lists"]) == (None, "ghetto")
    assert table[1]["education_value"] == 30.0


def test_csv_with_comma_and_decimal_point() -> None:
    out = io.StringIO()
    write_csv([udsat_result()], out)
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(parsed) == 1
    row = parsed[0]
    assert (row["lists"], row["labour_market_value"], row["labour_market_met"]) == (
        "udsat",
        "41.2",
        "ja",
    )
    assert (row["convictions_met"], row["income_met"], row["labour_market_distance_pp"]) == (
        "",
        "nej",
        "1.2",
    )


def test_csv_with_semicolon_and_decimal_comma() -> None:
    out = io.StringIO()
    write_csv([udsat_result()], out, delimiter=";")
    row = next(csv.DictReader(io.StringIO(out.getvalue()), delimiter=";"))
    assert (row["labour_market_value"], row["convictions_threshold"]) == ("41,2", "2,175")


def test_json_keeps_native_types() -> None:
    out = io.StringIO()
    write_json([udsat_result()], out)
    (row,) = json.loads(out.getvalue())
    assert (row["year"], row["labour_market_met"], row["convictions_met"]) == (2021, True, None)
    assert (row["labour_market_distance_pp"], row["labour_market_distance_persons"]) == (1.2, 12)


def test_xlsx_round_trip() -> None:
    buffer = io.BytesIO()
    write_xlsx([udsat_result()], buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet is not None
    assert sheet.title == "Screening"
    header = [cell.value for cell in sheet[1]]
    values = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert (values["lists"], values["labour_market_met"], values["labour_market_value"]) == (
        "udsat",
        "ja",
        41.2,
    )
    assert sheet.freeze_panes == "A2"


def formula_named_result() -> AreaResult:
    """An area whose name (and municipality) would run as formulas; it is 20 points under the
    labour-market threshold, a negative distance."""
    named = replace(area(2021, '=HYPERLINK("http://x")'), municipality="-Testkommune")
    return screen_area(named, history=KNOWN)


def test_csv_defuses_formula_names_but_not_negative_numbers() -> None:
    for delimiter in (",", ";"):
        out = io.StringIO()
        write_csv([formula_named_result()], out, delimiter=delimiter)
        row = next(csv.DictReader(io.StringIO(out.getvalue()), delimiter=delimiter))
        assert (row["area"], row["municipality"], row["labour_market_distance_pp"]) == (
            '\'=HYPERLINK("http://x")',
            "'-Testkommune",
            "-20",
        )


def test_xlsx_writes_formula_names_as_text_cells() -> None:
    buffer = io.BytesIO()
    write_xlsx([formula_named_result()], buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert [(cells[c].value, cells[c].data_type) for c in ("area", "municipality")] == [
        ('=HYPERLINK("http://x")', "s"),
        ("-Testkommune", "s"),
    ]
    distance = cells["labour_market_distance_pp"]
    assert (distance.value, distance.data_type) == (-20, "n")
