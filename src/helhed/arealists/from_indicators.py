"""Criterion values for a list year from the indicator engine's stored snapshots.

The list criteria are indicators like any other (helhed.domain.indicators.registry): this module
turns the newest stored area values of one data year into a criterion file in the import format
and stores it through the ordinary import service, so provenance, validation and the "identical
file" rule are the same as for an uploaded file. Values suppressed for the user come out empty and
the screening then says which criteria are undecided; nothing is guessed.
"""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied

from helhed.arealists import access, services
from helhed.arealists.models import CriterionImport
from helhed.domain.arealists.io import AREA_COLUMNS, POPULATION_COLUMNS
from helhed.domain.indicators.geography import COUNTRY_ID, MUNICIPALITIES
from helhed.domain.indicators.registry import REGISTRY
from helhed.indicators.selectors import current_values
from helhed.partnerships.models import Area

# import column → indicator key (values are the engine's, already averaged over its window)
CRITERIA = {
    "pct_outside_labour_market": "outside_labour_market_18_64",
    "conviction_rate_pct": "convicted_18plus",
    "pct_basic_education": "basic_education_30_59",
    "income_pct_of_region": "gross_income_15_64_pct_of_region",
    "pct_nonwestern": "nonwestern_share",
}
# population column → the indicator whose denominator counts that age group
POPULATIONS = {
    "residents_18_64": "outside_labour_market_18_64",
    "residents_18plus": "convicted_18plus",
    "residents_30_59": "basic_education_30_59",
}
_MUNICIPALITY_NAMES = {m.code: m.name for m in MUNICIPALITIES}


class NoSnapshotError(ValueError):
    pass


def _municipality_of(unit_id: str, partnership: dict[str, str]) -> str:
    """The area's municipality: from the partnership where it is registered, otherwise from the
    extract's area id when it starts with a municipality code (as Statistics Denmark-style ids
    and the synthetic extract do)."""
    if unit_id in partnership:
        return partnership[unit_id]
    prefix = unit_id.split("-", 1)[0]
    return _MUNICIPALITY_NAMES.get(prefix, "ukendt kommune")


def criterion_file_from_indicators(user, *, list_year: int, data_year: int) -> bytes:
    keys = {*CRITERIA.values(), *POPULATIONS.values(), "residents"}
    figures = current_values(user, level="area", indicators=keys, years=[data_year])
    national = current_values(
        user, level="country", indicators=["convicted_18plus"], years=[data_year]
    )
    if not figures:
        raise NoSnapshotError(f"Der er ingen beregnede indikatorer for boligområder i {data_year}.")
    by_area: dict[str, dict[str, object]] = {}
    for f in figures:
        row = by_area.setdefault(f.unit_id, {"area": f.unit_name})
        if f.indicator == "residents":
            row["residents"] = f.value
        for column, key in CRITERIA.items():
            if f.indicator == key:
                row[column] = f.value
        for column, key in POPULATIONS.items():
            if f.indicator == key and f.denominator is not None:
                # a two-year indicator's denominator is the sum over both years: one year's group
                row[column] = round(f.denominator / REGISTRY[key].window)
    national_rate = next((f.value for f in national if f.unit_id == COUNTRY_ID), None)
    partnership = {a.code: a.municipality.name for a in Area.objects.select_related("municipality")}
    out = io.StringIO()
    columns = [*AREA_COLUMNS, *POPULATION_COLUMNS]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for unit_id, row in sorted(by_area.items()):
        if row.get("residents") is None:
            continue  # suppressed or missing size: the area cannot be screened at all
        record: dict[str, object] = {c: "" for c in columns}
        record.update({k: ("" if v is None else v) for k, v in row.items() if k in columns})
        record["year"] = list_year
        record["municipality"] = _municipality_of(unit_id, partnership)
        record["residents"] = round(float(row["residents"]))  # type: ignore[arg-type]  # a number here
        record["national_conviction_rate_pct"] = "" if national_rate is None else national_rate
        for column in CRITERIA:
            value = row.get(column)
            record[column] = "" if value is None else f"{float(value):.2f}"  # type: ignore[arg-type]
        writer.writerow(record)
    return out.getvalue().encode("utf-8")


def criterion_import_from_indicators(*, actor, list_year: int, data_year: int) -> CriterionImport:
    if not access.may_import(actor):
        raise PermissionDenied(services.IMPORT_REFUSED)
    data = criterion_file_from_indicators(actor, list_year=list_year, data_year=data_year)
    return services.criterion_import_store(
        imported_by=actor,
        year=list_year,
        data=data,
        file_name=f"indikatorberegning-{data_year}-til-listeår-{list_year}.csv",
    )
