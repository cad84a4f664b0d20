"""Export of indicator figures: one row per (unit, indicator, year), as CSV, JSON or XLSX."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from openpyxl import Workbook

from helhed.domain.spreadsheet import csv_cell, xlsx_append
from helhed.indicators.selectors import Figure

COLUMNS = (
    "level",
    "unit_id",
    "unit_name",
    "indicator",
    "year",
    "value",
    "numerator",
    "denominator",
    "suppressed",
)


def export_rows(figures: Iterable[Figure]) -> list[dict]:
    return [
        {
            "level": f.level,
            "unit_id": f.unit_id,
            "unit_name": f.unit_name,
            "indicator": f.indicator,
            "year": f.year,
            "value": f.value,
            "numerator": f.numerator,
            "denominator": f.denominator,
            "suppressed": f.suppressed,
        }
        for f in figures
    ]


def render(rows: list[dict], fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2).encode()
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(
            {k: ("" if v is None else csv_cell(v)) for k, v in row.items()} for row in rows
        )
        return buffer.getvalue().encode("utf-8")
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Indikatorer"
        sheet.append(list(COLUMNS))
        for row in rows:
            xlsx_append(sheet, [row[c] for c in COLUMNS])
        sheet.freeze_panes = "A2"
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
    raise ValueError(f"ukendt format: {fmt}")


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
