"""Screening results as flat rows, written as CSV, JSON or XLSX.

One row per area and year. `lists` holds the lists the area is on, `none` when it is decidedly on
none, and is empty when it is on none for certain but some list is still undecided (those are in
`undecided_lists`). Per criterion: value, threshold, met, distance in percentage points
(value - threshold), distance in persons, the population used and a Danish sentence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from helhed.domain.arealists.screening import AreaResult
from helhed.domain.spreadsheet import csv_cell, xlsx_append

Cell = str | int | float | bool | None

BASE_COLUMNS: tuple[str, ...] = (
    "year",
    "area",
    "municipality",
    "residents",
    "criteria_met",
    "lists",
    "undecided_lists",
    "undecided",
    "persons_estimated",
)
CRITERION_ORDER: tuple[str, ...] = (
    "labour_market",
    "convictions",
    "education",
    "income",
    "nonwestern",
    "fb_labour_market",
    "fb_convictions",
    "fb_income",
    "fb_nonwestern",
)
CRITERION_SUFFIXES: tuple[str, ...] = (
    "value",
    "threshold",
    "met",
    "distance_pp",
    "distance_persons",
    "population",
    "text",
)


def _lists_cell(result: AreaResult) -> str:
    if result.on_lists:
        return ";".join(result.on_lists)
    return "" if result.undecided_lists else "none"


def result_row(result: AreaResult) -> dict[str, Cell]:
    row: dict[str, Cell] = {
        "year": result.year,
        "area": result.area,
        "municipality": result.municipality,
        "residents": result.row.residents,
        "criteria_met": ";".join(result.criteria_met),
        "lists": _lists_cell(result),
        "undecided_lists": ";".join(result.undecided_lists),
        "undecided": ";".join(result.undecided),
        "persons_estimated": ";".join(result.estimated),
    }
    for c in result.criteria:
        row[f"{c.id}_value"] = c.value
        row[f"{c.id}_threshold"] = c.threshold
        row[f"{c.id}_met"] = c.met
        row[f"{c.id}_distance_pp"] = c.distance_pp
        row[f"{c.id}_distance_persons"] = c.persons
        row[f"{c.id}_population"] = c.population
        row[f"{c.id}_text"] = c.text
    return row


def output_columns(results: Sequence[AreaResult]) -> list[str]:
    """Base columns, then every criterion that occurs in any of the results' years."""
    present = {criterion.id for result in results for criterion in result.rules.criteria}
    ordered = [cid for cid in CRITERION_ORDER if cid in present]
    ordered += sorted(present - set(CRITERION_ORDER))
    return [*BASE_COLUMNS, *(f"{cid}_{suffix}" for cid in ordered for suffix in CRITERION_SUFFIXES)]


def rows(results: Iterable[AreaResult]) -> tuple[list[str], list[dict[str, Cell]]]:
    """Columns and rows; a criterion that does not exist in a row's year is None."""
    materialised = list(results)
    columns = output_columns(materialised)
    out = []
    for result in materialised:
        row = result_row(result)
        out.append({column: row.get(column) for column in columns})
    return columns, out


def _plain_number(number: float, decimal_comma: bool) -> str:
    text = f"{number:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal_comma else text


def _csv_cell(value: Cell, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return _plain_number(value, decimal_comma)
    if isinstance(value, str):
        return csv_cell(value)  # names come from imported files: never run as a formula
    return str(value)


def write_csv(results: Iterable[AreaResult], out: TextIO, *, delimiter: str = ",") -> None:
    """CSV with `,` and decimal point, or with `delimiter=";"` decimal comma (Danish Excel)."""
    import csv

    columns, table = rows(results)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    decimal_comma = delimiter == ";"
    for row in table:
        writer.writerow([_csv_cell(row[column], decimal_comma) for column in columns])


def write_json(results: Iterable[AreaResult], out: TextIO) -> None:
    """A JSON array of row objects with native numbers, booleans and null."""
    _, table = rows(results)
    rounded = [
        {k: round(v, 6) if isinstance(v, float) else v for k, v in row.items()} for row in table
    ]
    json.dump(rounded, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_xlsx(results: Iterable[AreaResult], out: str | Path | BinaryIO) -> None:
    """One worksheet "Screening" with a frozen header row; ja/nej for met criteria."""
    from openpyxl import Workbook

    columns, table = rows(results)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "Screening"
    sheet.append(columns)
    for row in table:
        xlsx_append(
            sheet,
            [
                ("ja" if value else "nej") if isinstance(value, bool) else value
                for value in (row[column] for column in columns)
            ],
        )
    sheet.freeze_panes = "A2"
    workbook.save(out)
