"""The demo partnership, as plain data (synthetic figures).

The structure follows the plan "Plads Til Forskel" described in the source material (Herning
Kommune with the housing organisations Fællesbo, Fruehøjgaard and Lejerbo; 11 departments in three
areas). Department numbers, tenancies and every figure are SYNTHETIC. The same description feeds
`helhed demo` (the app database) and `helhed synth` (the person-level extract), so the demo areas
exist in both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoDepartment:
    department_id: str  # afdelingsnummer, "<organisation>-<department>"
    name: str
    housing_organisation: str
    area_id: str
    tenancies: int


@dataclass(frozen=True)
class DemoArea:
    area_id: str
    name: str
    municipality_code: str


@dataclass(frozen=True)
class DemoMunicipality:
    code: str
    name: str
    region_code: str
    region_name: str


HERNING = DemoMunicipality("657", "Herning Kommune", "1082", "Region Midtjylland")
VIBORG = DemoMunicipality("791", "Viborg Kommune", "1082", "Region Midtjylland")

HOUSING_ORGANISATIONS: tuple[str, ...] = ("Fællesbo", "Fruehøjgaard", "Lejerbo")
SECOND_HOUSING_ORGANISATION = "Viborg Almene Boliger (syntetisk)"

AREAS: tuple[DemoArea, ...] = (
    DemoArea("657-LYN", "Lyngbyen/Gullestrup", HERNING.code),
    DemoArea("657-HOL", "Holtbjerg", HERNING.code),
    DemoArea("657-BRA", "Brændgård-området", HERNING.code),
)
SECOND_AREA = DemoArea("791-ELL", "Ellekonebakken", VIBORG.code)

DEPARTMENTS: tuple[DemoDepartment, ...] = (
    DemoDepartment("601-11", "Lyngbyen I", "Fællesbo", "657-LYN", 212),
    DemoDepartment("601-12", "Lyngbyen II", "Fællesbo", "657-LYN", 168),
    DemoDepartment("601-13", "Gullestrup Have", "Fællesbo", "657-LYN", 140),
    DemoDepartment("603-21", "Holtbjerg Nord", "Lejerbo", "657-HOL", 310),
    DemoDepartment("603-22", "Holtbjerg Syd", "Lejerbo", "657-HOL", 244),
    DemoDepartment("602-23", "Holtbjerg Vest", "Fruehøjgaard", "657-HOL", 120),
    DemoDepartment("602-24", "Holtbjerg Øst", "Fruehøjgaard", "657-HOL", 96),
    DemoDepartment("601-31", "Brændgårdsparken", "Fællesbo", "657-BRA", 280),
    DemoDepartment("601-32", "Brændgårdvej", "Fællesbo", "657-BRA", 150),
    DemoDepartment("602-33", "Fruehøjgaard Brændgård", "Fruehøjgaard", "657-BRA", 132),
    DemoDepartment("602-34", "Søndergade Brændgård", "Fruehøjgaard", "657-BRA", 88),
)
SECOND_DEPARTMENTS: tuple[DemoDepartment, ...] = (
    DemoDepartment("791-01", "Ellekonebakken", SECOND_HOUSING_ORGANISATION, "791-ELL", 420),
)
