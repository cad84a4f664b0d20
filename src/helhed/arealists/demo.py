"""Synthetic list data for the demo: criterion values 2019-2024 and official lists 2015-2018.

Every figure is invented. The four demo areas of the partnership (three in Herning, Ellekonebakken
in Viborg) are linked to their partnership areas by name; ten areas marked "(syntetisk)" elsewhere
show the cases the rules know: an area coming off the list (Ellekonebakken, by more residents in
work), one going on (Fyrreparken), five-year rules from official and screened years (Nordparken,
Solhaven), an undecided area with a missing value (Kastanjegården), values exactly at the
thresholds (Birkely), too few residents (Engparken) and areas close to a threshold for the watch
list (Brændgård-området). The files go through the same import service as an upload.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from helhed.arealists.models import CriterionImport, OfficialListImport
from helhed.arealists.services import criterion_import_store, official_list_import_store
from helhed.domain.arealists.io import AREA_COLUMNS, POPULATION_COLUMNS

YEARS = range(2019, 2025)
# Synthetic two-year national conviction rates (%); the thresholds are 3x and 2x these.
NATIONAL_CONVICTION_RATE = {2019: 0.66, 2020: 0.70, 2021: 0.72, 2022: 0.725, 2023: 0.78, 2024: 0.76}
HISTORY_FILE = "syntetisk-officielle-lister-2015-2018.csv"
HISTORY_ROWS = (
    ("Nordparken (syntetisk)", 2015, "ghetto"),
    ("Nordparken (syntetisk)", 2016, "ghetto"),
    ("Nordparken (syntetisk)", 2017, "ghetto"),
    ("Nordparken (syntetisk)", 2018, "ghetto"),
    ("Ellekonebakken", 2018, "udsat"),
    ("Holtbjerg", 2018, "udsat"),
)

Span = tuple[float, float] | None  # value in 2019 and in 2024, linear in between; None = missing


@dataclass(frozen=True)
class DemoListArea:
    name: str
    municipality: str
    residents: tuple[int, int]
    labour_market: Span
    convictions: Span
    education: Span
    income: Span
    nonwestern: Span
    populations: tuple[int, int, int] | None = None  # 18-64, 18+, 30-59
    # Explicit values by year where a straight line does not tell the story.
    overrides: dict[int, dict[str, float]] = field(default_factory=dict)


AREAS = (
    DemoListArea(
        "Lyngbyen/Gullestrup",
        "Herning Kommune",
        (1480, 1510),
        (36.5, 33.0),
        (1.10, 0.95),
        (55.0, 52.5),
        (60.5, 62.0),
        (36.0, 37.5),
        populations=(890, 1060, 560),
    ),
    DemoListArea(
        "Holtbjerg",
        "Herning Kommune",
        (2150, 2080),
        (44.0, 37.0),
        (1.60, 1.40),
        (62.5, 59.0),
        (51.0, 56.5),
        (47.0, 45.0),
        populations=(1290, 1530, 810),
    ),
    DemoListArea(
        "Brændgård-området",
        "Herning Kommune",
        (1160, 1190),
        (35.5, 38.6),
        (0.90, 1.00),
        (57.0, 59.3),
        (57.5, 56.2),
        (24.0, 28.4),
        populations=(700, 840, 450),
    ),
    DemoListArea(
        "Ellekonebakken",
        "Viborg Kommune",
        (1050, 1010),
        (42.1, 29.5),
        (1.20, 1.20),
        (57.5, 56.0),
        (53.8, 57.5),
        (41.0, 40.0),
        overrides={
            2020: {"pct_outside_labour_market": 38.6, "income_pct_of_region": 54.5},
            2021: {"pct_outside_labour_market": 35.0, "income_pct_of_region": 55.2},
            2022: {"pct_outside_labour_market": 32.4, "income_pct_of_region": 56.0},
            2023: {"pct_outside_labour_market": 29.8, "income_pct_of_region": 56.8},
        },
    ),
    DemoListArea(
        "Nordparken (syntetisk)",
        "Aarhus Kommune",
        (3200, 3050),
        (46.0, 42.5),
        (2.50, 2.40),
        (66.0, 63.0),
        (47.0, 50.0),
        (62.0, 59.0),
    ),
    DemoListArea(
        "Solhaven (syntetisk)",
        "Odense Kommune",
        (2400, 2400),
        (43.0, 41.0),
        (1.50, 1.50),
        (61.5, 61.0),
        (52.0, 53.5),
        (55.0, 56.0),
    ),
    DemoListArea(
        "Kastanjegården (syntetisk)",
        "Esbjerg Kommune",
        (1300, 1300),
        (41.5, 40.8),
        None,
        (58.0, 58.0),
        (56.0, 56.0),
        (40.0, 40.0),
    ),
    DemoListArea(
        "Birkely (syntetisk)",
        "Randers Kommune",
        (1250, 1250),
        (39.5, 40.0),
        (1.90, 1.90),
        (60.0, 60.0),
        (55.0, 55.0),
        (29.5, 29.5),
    ),
    DemoListArea(
        "Engparken (syntetisk)",
        "Kolding Kommune",
        (960, 985),
        (45.0, 45.0),
        (1.00, 1.00),
        (63.0, 63.0),
        (50.0, 50.0),
        (52.0, 52.0),
    ),
    DemoListArea(
        "Rosenhøj (syntetisk)",
        "Aalborg Kommune",
        (1800, 1800),
        (43.0, 41.5),
        (1.20, 1.20),
        (62.0, 61.0),
        (54.0, 55.5),
        (35.0, 36.0),
    ),
    DemoListArea(
        "Fyrreparken (syntetisk)",
        "Vejle Kommune",
        (1400, 1400),
        (36.0, 42.5),
        (1.00, 1.30),
        (58.0, 61.5),
        (58.0, 54.0),
        (33.0, 38.0),
    ),
    DemoListArea(
        "Højvang (syntetisk)",
        "Næstved Kommune",
        (1100, 1100),
        (25.0, 24.0),
        (0.60, 0.55),
        (40.0, 39.0),
        (80.0, 81.0),
        (12.0, 13.0),
    ),
    DemoListArea(
        "Skovbrynet (syntetisk)",
        "Holbæk Kommune",
        (1600, 1600),
        (28.0, 28.0),
        (1.70, 1.70),
        (50.0, 50.0),
        (60.0, 60.0),
        (33.0, 33.0),
    ),
    DemoListArea(
        "Stjernehusene (syntetisk)",
        "Slagelse Kommune",
        (1700, 1700),
        (39.0, 39.0),
        (2.30, 2.20),
        (62.0, 59.0),
        (56.0, 56.0),
        (53.0, 53.0),
    ),
)


def _at(span: Span, year: int, decimals: int) -> float | None:
    if span is None:
        return None
    start, end = span
    share = (year - YEARS[0]) / (YEARS[-1] - YEARS[0])
    return round(start + (end - start) * share, decimals)


def _row(area: DemoListArea, year: int) -> dict[str, object]:
    residents = round(_at((float(area.residents[0]), float(area.residents[1])), year, 0) or 0)
    row: dict[str, object] = {
        "year": year,
        "area": area.name,
        "municipality": area.municipality,
        "residents": residents,
        "pct_outside_labour_market": _at(area.labour_market, year, 1),
        "conviction_rate_pct": _at(area.convictions, year, 2),
        "national_conviction_rate_pct": NATIONAL_CONVICTION_RATE[year],
        "pct_basic_education": _at(area.education, year, 1),
        "income_pct_of_region": _at(area.income, year, 1),
        "pct_nonwestern": _at(area.nonwestern, year, 1),
    }
    if area.populations:
        row.update(zip(POPULATION_COLUMNS, area.populations, strict=True))
    row.update(area.overrides.get(year, {}))
    return row


def criteria_csv(year: int) -> bytes:
    """The synthetic criterion file of one list year."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=[*AREA_COLUMNS, *POPULATION_COLUMNS], lineterminator="\n"
    )
    writer.writeheader()
    for area in AREAS:
        writer.writerow({k: "" if v is None else v for k, v in _row(area, year).items()})
    return out.getvalue().encode("utf-8")


def history_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["area", "year", "list"])
    writer.writerows(HISTORY_ROWS)
    return out.getvalue().encode("utf-8")


def load_demo_lists() -> dict[str, list[str]]:
    """Import the synthetic files once (idempotent); returns the names of the files imported."""
    imported: list[str] = []
    if not OfficialListImport.objects.filter(file_name=HISTORY_FILE).exists():
        official_list_import_store(imported_by=None, data=history_csv(), file_name=HISTORY_FILE)
        imported.append(HISTORY_FILE)
    for year in YEARS:
        name = f"syntetiske-kriterier-{year}.csv"
        if not CriterionImport.objects.filter(year=year, file_name=name).exists():
            criterion_import_store(
                imported_by=None, year=year, data=criteria_csv(year), file_name=name
            )
            imported.append(name)
    return {"imported": imported}
