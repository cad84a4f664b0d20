"""Writes of the arealists app: imports of criterion values and of the official lists.

An import is all-or-nothing. The file is read by the rule core's strict readers, which collect
every problem (file, row, column, in Danish) and return nothing from a bad file; the checks added
here (one list year per criterion file, no re-import of the current file) raise the same
`AreaListInputError`. Only a file without any problem is stored, inside one transaction, with its
provenance: who, when, the original file name, its SHA-256 and the number of rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from helhed.arealists import access
from helhed.arealists.models import (
    CriterionImport,
    CriterionRow,
    OfficialListImport,
    OfficialListRow,
)
from helhed.domain.arealists import (
    RULE_SETS,
    AreaInput,
    AreaListInputError,
    HistoryEntry,
    InputProblem,
    parse_areas,
    parse_history,
)
from helhed.partnerships.models import Area

IMPORT_REFUSED = "Du har ikke adgang til at importere områdelister."


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _normalise(name: str) -> str:
    return " ".join(name.casefold().split())


def _municipality_key(name: str) -> str:
    # "Herning" in a national file and "Herning Kommune" in the partnership are the same place.
    return _normalise(name).removesuffix(" kommune")


def _area_index() -> tuple[dict[tuple[str, str], int], dict[str, list[int]]]:
    """Partnership areas by (name, municipality) and by name alone."""
    by_place: dict[tuple[str, str], int] = {}
    by_name: dict[str, list[int]] = {}
    for area in Area.objects.select_related("municipality"):
        name = _normalise(area.name)
        by_place[(name, _municipality_key(area.municipality.name))] = area.pk
        by_name.setdefault(name, []).append(area.pk)
    return by_place, by_name


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


def _refuse(file_name: str, column: str | None, message: str) -> AreaListInputError:
    return AreaListInputError([InputProblem(file_name, None, column, message)])


def _check_single_year(rows: Iterable[AreaInput], year: int, file_name: str) -> None:
    if year not in RULE_SETS:
        raise _refuse(
            file_name, None, f"{year} er ikke et listeår ({min(RULE_SETS)}-{max(RULE_SETS)})"
        )
    others: dict[int, list[str]] = {}
    for row in rows:
        if row.year != year:
            others.setdefault(row.year, []).append(row.area)
    if others:
        problems = []
        for other, areas in sorted(others.items()):
            shown = ", ".join(f'"{area}"' for area in areas[:3])
            more = f" og {len(areas) - 3} flere" if len(areas) > 3 else ""
            problems.append(
                InputProblem(
                    file_name,
                    None,
                    "year",
                    f"området {shown}{more} har året {other}, men importen gælder listeåret "
                    f"{year} (importér ét listeår ad gangen)",
                )
            )
        raise AreaListInputError(problems)


def criterion_import_create(*, actor, year: int, data: bytes, file_name: str) -> CriterionImport:
    """Import one list year's criterion values for the actor (coordinator or analyst)."""
    if not access.may_import(actor):
        raise PermissionDenied(IMPORT_REFUSED)
    return criterion_import_store(imported_by=actor, year=year, data=data, file_name=file_name)


def criterion_import_store(
    *, imported_by, year: int, data: bytes, file_name: str
) -> CriterionImport:
    """Validate and store a criterion file. No permission check: used by the service above and
    by the demo loader (imported_by=None)."""
    rows = parse_areas(data, file_name)
    _check_single_year(rows, year, file_name)
    digest = _digest(data)
    current = CriterionImport.objects.filter(year=year).order_by("-imported_at", "-pk").first()
    if current is not None and current.sha256 == digest:
        raise _refuse(
            file_name,
            None,
            f"filen er identisk med den gældende import for {year} ({current.file_name}, "
            f"importeret {_when(current.imported_at)} af {current.imported_by_label}); "
            "intet er gemt",
        )
    by_place, _ = _area_index()
    with transaction.atomic():
        source = CriterionImport.objects.create(
            year=year,
            imported_by=imported_by,
            file_name=file_name,
            sha256=digest,
            row_count=len(rows),
        )
        CriterionRow.objects.bulk_create(
            CriterionRow(
                source=source,
                year=row.year,
                area_name=row.area,
                municipality_name=row.municipality,
                area_id=by_place.get((_normalise(row.area), _municipality_key(row.municipality))),
                residents=row.residents,
                pct_outside_labour_market=row.pct_outside_labour_market,
                conviction_rate_pct=row.conviction_rate_pct,
                national_conviction_rate_pct=row.national_conviction_rate_pct,
                pct_basic_education=row.pct_basic_education,
                income_pct_of_region=row.income_pct_of_region,
                pct_nonwestern=row.pct_nonwestern,
                residents_18_64=row.residents_18_64,
                residents_18plus=row.residents_18plus,
                residents_30_59=row.residents_30_59,
            )
            for row in rows
        )
    return source


def official_list_import_create(*, actor, data: bytes, file_name: str) -> OfficialListImport:
    """Import published lists (`area, year, list`) as history for the actor."""
    if not access.may_import(actor):
        raise PermissionDenied(IMPORT_REFUSED)
    return official_list_import_store(imported_by=actor, data=data, file_name=file_name)


def official_list_import_store(*, imported_by, data: bytes, file_name: str) -> OfficialListImport:
    """Validate and store a history file. No permission check (see criterion_import_store).

    Each list year in the file replaces that year's earlier official rows when screening (the
    latest import holding a year is that year's complete list; see selectors.official_history).
    A repeated identical row is stored once; the history file has no municipality the core
    keeps, so a row is linked to a partnership area only when exactly one area has its name.
    """
    entries: list[HistoryEntry] = list(dict.fromkeys(parse_history(data, file_name)))
    if not entries:
        raise _refuse(file_name, None, "filen har ingen datarækker")
    digest = _digest(data)
    current = OfficialListImport.objects.order_by("-imported_at", "-pk").first()
    if current is not None and current.sha256 == digest:
        raise _refuse(
            file_name,
            None,
            f"filen er identisk med den seneste import af officielle lister ({current.file_name}, "
            f"importeret {_when(current.imported_at)} af {current.imported_by_label}); "
            "intet er gemt",
        )
    _, by_name = _area_index()
    with transaction.atomic():
        source = OfficialListImport.objects.create(
            imported_by=imported_by, file_name=file_name, sha256=digest, row_count=len(entries)
        )
        OfficialListRow.objects.bulk_create(
            OfficialListRow(
                source=source,
                area_name=entry.area,
                year=entry.year,
                list_key=entry.list,
                area_id=_unique(by_name.get(_normalise(entry.area), [])),
            )
            for entry in entries
        )
    return source


def _unique(ids: list[int]) -> int | None:
    return ids[0] if len(ids) == 1 else None
