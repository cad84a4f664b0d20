"""The places of the synthetic extract: municipalities' sizes, housing organisations, departments
and areas with their vulnerability profile.

Everything here is SYNTHETIC except the municipality and region codes and names. The demo
partnership (demo_partnership.py) is always included with its exact ids.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helhed.domain import demo_partnership as demo
from helhed.domain.indicators.geography import MUNICIPALITIES, MUNICIPALITY_BY_CODE

# Approximate populations in thousands (rounded public figures), used only as weights.
_POPULATION_K: dict[str, float] = {
    "101": 650, "147": 105, "151": 49, "153": 35, "155": 14, "157": 75, "159": 70, "161": 23,
    "163": 29, "165": 27, "167": 54, "169": 51, "173": 56, "175": 40, "183": 23, "185": 43,
    "187": 17, "190": 41, "201": 26, "210": 41, "217": 63, "219": 52, "223": 25, "230": 57,
    "240": 44, "250": 45, "253": 50, "259": 61, "260": 31, "265": 90, "269": 23, "270": 41,
    "306": 33, "316": 72, "320": 37, "326": 48, "329": 35, "330": 79, "336": 23, "340": 30,
    "350": 28, "360": 40, "370": 83, "376": 60, "390": 45, "400": 39, "410": 39, "420": 41,
    "430": 51, "440": 24, "450": 32, "461": 205, "479": 59, "480": 29, "482": 12, "492": 6,
    "510": 55, "530": 27, "540": 74, "550": 37, "561": 115, "563": 3.5, "573": 50, "575": 42,
    "580": 58, "607": 51, "615": 93, "621": 94, "630": 120, "657": 89, "661": 59, "665": 20,
    "671": 21, "706": 43, "707": 37, "710": 49, "727": 23, "730": 98, "740": 95, "741": 3.7,
    "746": 62, "751": 360, "756": 41, "760": 56, "766": 47, "773": 20, "779": 46, "787": 43,
    "791": 97, "810": 36, "813": 59, "820": 37, "825": 1.8, "840": 30, "846": 42, "849": 38,
    "851": 220, "860": 64,
}  # fmt: skip
# Suburbs with a large social-housing stock.
_HIGH_SOCIAL = {"153": 0.45, "165": 0.45, "183": 0.42, "169": 0.35, "167": 0.3, "175": 0.3}
RESIDENTS_PER_TENANCY = 1.8
NATIONAL_PERSONS = 5_900_000  # the scale at which department sizes are realistic
_PREFIXES = (
    "Øster", "Vester", "Nørre", "Sønder", "Skov", "Sol", "Birke", "Ege", "Linde", "Rose",
    "Kilde", "Mølle", "Fjord", "Strand", "Bøge", "Hylde", "Ahorn", "Elle", "Kastanje", "Pile",
)  # fmt: skip
_SUFFIXES = ("parken", "gården", "vænget", "haven", "bakken", "højen", "lunden", "engen", "toften")


@dataclass
class Places:
    """Column arrays, one entry per location; location 0..M-1 are the municipalities'
    non-social-housing populations, the rest are housing departments."""

    municipality_code: np.ndarray  # str per location
    department_index: np.ndarray  # -1 for non-social locations, else index into departments
    size: np.ndarray  # persons per location (sums to N)
    vulnerability: np.ndarray  # v per location for the first year
    trend: np.ndarray  # change of v per year
    departments: list[dict[str, object]]  # rows of departments.parquet (one per period)
    original: int  # departments[:original] are one row per department, in location order


def _area_name(rng: np.random.Generator, used: set[str]) -> str:
    for _ in range(50):
        name = f"{_PREFIXES[rng.integers(len(_PREFIXES))]}{_SUFFIXES[rng.integers(len(_SUFFIXES))]}"
        if name not in used:
            used.add(name)
            return name
    name = f"{name} {len(used)}"
    used.add(name)
    return name


def _profile(rng: np.random.Generator, residents: int) -> float:
    """An area's vulnerability: large areas are more often vulnerable, as on the real lists."""
    weights = [0.25, 0.3, 0.3, 0.15] if residents >= 1000 else [0.03, 0.12, 0.4, 0.45]
    band = rng.choice(4, p=weights)
    low, high = [(0.85, 1.1), (0.55, 0.85), (0.25, 0.55), (0.0, 0.25)][band]
    return float(rng.uniform(low, high))


_DEMO_PROFILE = {"657-LYN": (0.8, 0.0), "657-HOL": (0.95, -0.02), "657-BRA": (0.9, 0.02)}
_DEMO_SECOND = (0.92, -0.12)  # Ellekonebakken: on the list, then improving (seed 003)


def build_places(
    persons: int, first_year: int, rng: np.random.Generator, *, full_size_demo: bool = False
) -> Places:
    """`full_size_demo`: the demo partnership's areas get their real-world size (about 2.2
    residents per tenancy) whatever `persons` is, so a small demo extract still has areas of
    1,000+ residents; otherwise they are scaled with the rest of the country."""
    scale = persons / NATIONAL_PERSONS
    codes = [m.code for m in MUNICIPALITIES]
    weights = np.array([_POPULATION_K[c] for c in codes], dtype=float)
    demo_sizes = [
        max(8, round(d.tenancies * RESIDENTS_PER_TENANCY * (1.0 if full_size_demo else scale)))
        for d in (*demo.DEPARTMENTS, *demo.SECOND_DEPARTMENTS)
    ]
    if persons < 10 * sum(demo_sizes):
        raise ValueError(f"mindst {10 * sum(demo_sizes)} personer, så demoområderne får plads")
    municipal = rng.multinomial(persons - sum(demo_sizes), weights / weights.sum())
    loc_muni: list[str] = []
    loc_dept: list[int] = []
    loc_size: list[int] = []
    loc_v: list[float] = []
    loc_trend: list[float] = []
    departments: list[dict[str, object]] = []
    org_number = 1000
    valid_from = first_year - 8

    def add_department(row: dict[str, object], size: int, v: float, trend: float) -> None:
        loc_muni.append(str(row["municipality_code"]))
        loc_dept.append(len(departments))
        loc_size.append(size)
        loc_v.append(v)
        loc_trend.append(trend)
        departments.append(row)

    demo_rows = [(d, demo.HERNING.code, _DEMO_PROFILE[d.area_id]) for d in demo.DEPARTMENTS]
    demo_rows += [(d, demo.VIBORG.code, _DEMO_SECOND) for d in demo.SECOND_DEPARTMENTS]
    area_names = {a.area_id: a.name for a in (*demo.AREAS, demo.SECOND_AREA)}
    demo_size: dict[str, int] = {}
    for (department, code, (v, trend)), size in zip(demo_rows, demo_sizes, strict=True):
        demo_size[code] = demo_size.get(code, 0) + size
        row = {
            "department_id": department.department_id,
            "housing_organisation": department.housing_organisation,
            "area_id": department.area_id,
            "area_name": area_names[department.area_id],
            "municipality_code": code,
            "valid_from": valid_from,
            "valid_to": None,
            "department_name": department.name,
            "tenancies": department.tenancies,
        }
        add_department(row, size, v + float(rng.normal(0, 0.03)), trend)

    for index, code in enumerate(codes):
        total = int(municipal[index])
        share = _HIGH_SOCIAL.get(code, float(rng.uniform(0.09, 0.22)))
        social = max(0, round(total * share) - demo_size.get(code, 0))
        count = round(social / (75 * RESIDENTS_PER_TENANCY)) if social else 0
        if count:
            weights_d = rng.lognormal(0, 0.6, count)
            sizes = rng.multinomial(social, weights_d / weights_d.sum())
        else:
            sizes = np.zeros(0, dtype=int)
        town = MUNICIPALITY_BY_CODE[code].name.removesuffix(" Kommune")
        organisations = []
        for name in (f"Boligselskabet {town}", f"Almene Boliger {town}"):
            org_number += 1
            organisations.append((name, org_number, [0]))
        order = rng.permutation(count)
        position = 0
        used: set[str] = set()
        area_number = 0
        non_social = total - int(sizes.sum())
        loc_muni.append(code)
        loc_dept.append(-1)
        loc_size.append(non_social)
        loc_v.append(float(rng.uniform(-0.08, 0.12)))
        loc_trend.append(0.0)
        while position < count:
            group = order[position : position + 1 + int(rng.poisson(2.5))]
            position += len(group)
            residents = int(sizes[group].sum())
            in_area = rng.random() > 0.15
            v = _profile(rng, residents) if in_area else float(rng.uniform(0.0, 0.4))
            trend = float(rng.normal(0, 0.03))
            area_number += 1
            area_id = f"{code}-A{area_number:03d}" if in_area else None
            area_name = _area_name(rng, used) if in_area else None
            for member in group:
                organisation, number, counter = organisations[int(rng.integers(2))]
                counter[0] += 1
                row = {
                    "department_id": f"{number}-{counter[0]:02d}",
                    "housing_organisation": organisation,
                    "area_id": area_id,
                    "area_name": area_name,
                    "municipality_code": code,
                    "valid_from": valid_from,
                    "valid_to": None,
                    "department_name": f"{area_name or town} afd. {counter[0]}",
                    "tenancies": max(1, round(int(sizes[member]) / RESIDENTS_PER_TENANCY)),
                }
                add_department(row, int(sizes[member]), v + float(rng.normal(0, 0.05)), trend)
    original = len(departments)
    _split_some_periods(departments, first_year, rng)
    return Places(
        municipality_code=np.array(loc_muni),
        department_index=np.array(loc_dept, dtype=np.int64),
        size=np.array(loc_size, dtype=np.int64),
        vulnerability=np.array(loc_v),
        trend=np.array(loc_trend),
        departments=departments,
        original=original,
    )


def _split_some_periods(
    departments: list[dict[str, object]], first_year: int, rng: np.random.Generator
) -> None:
    """About 2 % of generic departments joined their area only in the second data year, so
    area membership by validity period matters (the department counted alone before)."""
    for row in list(departments):
        area = row["area_id"]
        if area is None or "-A" not in str(area) or rng.random() > 0.02:
            continue
        earlier = dict(row, area_id=None, area_name=None, valid_to=first_year)
        row["valid_from"] = first_year + 1
        departments.append(earlier)
