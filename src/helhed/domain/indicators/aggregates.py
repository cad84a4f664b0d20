"""Delivered figures — housing-organisation aggregates and survey results: read, validate, roll up.

File format (CSV with , or ; as separator, or XLSX with the header in the first row of the first
sheet), one row per department (or area), year and indicator:

    department_id,year,indicator,value,numerator,denominator[,area_id]
    601-11,2023,move_out_rate,,21,212            ← rates: numerator and denominator
    601-11,2023,vandalism_cost,48500,,           ← totals: value only
    601-11,2023,volunteers,12,,
    ,2023,feel_safe_evening,,96,131,657-LYN      ← a survey for a whole area
    601-12,2023,pupil_wellbeing,,153.6,41,       ← a survey mean: summed scores / respondents

Housing-organisation figures are per department. Rates (`move_out_rate`,
`complaints_per_100_tenancies`) need numerator (events) and denominator (tenancies); totals
(`vandalism_cost`, `volunteers`, `leisure_jobs`) need value and no numerator/denominator.

Survey results (`feel_safe_evening`, `worried_about_crime`, `part_of_community`,
`pupil_wellbeing`) are per department (department_id) or per area (the optional column area_id,
department_id empty). Numerator: respondents giving the answer (shares) or the sum of their
scores (means); denominator: respondents, a whole number. A share's numerator cannot exceed its
denominator; a mean must lie on the definition's scale. One area's figure for a year and
indicator comes from either the area row or its departments' rows, never both.

For every measure but totals a value may be given and must then agree with numerator /
denominator (· 100 for shares, · rate_per for rates) to within 0.1. Numbers use . or , as decimal
mark and no thousands separator. The whole file is validated first; any problem → one
AggregateFileError listing file, row and column of every problem, and nothing is rolled up.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from helhed.domain.indicators.definitions import IndicatorDefinition, Level, Measure, Source
from helhed.domain.indicators.engine import ResultRow
from helhed.domain.indicators.registry import delivered_definitions
from helhed.domain.indicators.suppression import is_suppressed

COLUMNS = ("department_id", "year", "indicator", "value", "numerator", "denominator")
AREA_COLUMN = "area_id"  # optional: a survey delivered for a whole area
_TOLERANCE = 0.1


class AggregateFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {problem}" for problem in problems)
        super().__init__(f"Filen har {len(problems)} fejl, intet er indlæst:\n{lines}")


@dataclass(frozen=True)
class AggregateRow:
    department_id: str | None  # None for a row delivered for a whole area
    year: int
    indicator: str
    value: float | None
    numerator: float | None
    denominator: float | None
    area_id: str | None = None


@dataclass(frozen=True)
class DepartmentPeriod:
    """One row of the departments table (see schema.DEPARTMENTS)."""

    department_id: str
    municipality_code: str
    area_id: str | None
    area_name: str | None
    valid_from: int
    valid_to: int | None
    name: str | None = None

    def in_area(self, year: int) -> bool:
        return self.area_id is not None and self.valid_from <= year <= (self.valid_to or 9999)


def file_sha256(path: str | Path) -> str:
    """Provenance: the hash of an imported file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _records(path: Path) -> tuple[list[str], list[list[object]]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    else:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Excel on a Danish Windows machine saves "CSV" as Windows-1252.
            text = raw.decode("cp1252", errors="strict")
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
        rows = [list(row) for row in csv.reader(text.splitlines(), dialect)]
    if not rows:
        return [], []
    header = [str(cell or "").strip() for cell in rows[0]]
    return header, rows[1:]


def _number(cell: object) -> float | None:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool):
        raise ValueError
    number = (
        float(cell) if isinstance(cell, int | float) else float(str(cell).strip().replace(",", "."))
    )
    if not math.isfinite(number):  # "nan", "inf" parse as floats but are no figures
        raise ValueError
    return number


def read_aggregate_file(
    path: str | Path, departments: Iterable[DepartmentPeriod]
) -> list[AggregateRow]:
    """Read and validate a CSV/XLSX aggregate file against the known departments."""
    path = Path(path)
    try:
        header, rows = _records(path)
    except (OSError, csv.Error, ValueError) as error:
        raise AggregateFileError([f"{path.name}: kan ikke læses ({error})"]) from error
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise AggregateFileError([f"{path.name}: mangler kolonnen {name}" for name in missing])
    records = [dict(zip(header, row, strict=False)) for row in rows]
    return parse_aggregate_rows(records, path.name, departments)


def parse_aggregate_rows(
    records: Sequence[dict[str, object]],
    source: str,
    departments: Iterable[DepartmentPeriod],
    first_row: int = 2,
) -> list[AggregateRow]:
    """Validate rows (dicts by column name); `first_row` is the file row of records[0].

    The areas a row may name (area_id) are those of the given department periods.
    """
    periods = _by_department(departments)
    known = set(periods)
    areas = {p.area_id for mine in periods.values() for p in mine if p.area_id is not None}
    definitions = {d.key: d for d in delivered_definitions()}
    problems: list[str] = []
    parsed: list[tuple[int, AggregateRow]] = []
    seen: dict[tuple[Level, str, int, str], int] = {}
    for offset, record in enumerate(records):
        line = first_row + offset
        if all(record.get(c) in (None, "") for c in (*COLUMNS, AREA_COLUMN)):
            continue  # blank line

        def problem(column: str, message: str, line: int = line) -> None:
            problems.append(f"{source}, række {line}, kolonne {column}: {message}")

        key = str(record.get("indicator") or "").strip()
        definition = definitions.get(key)
        level, unit = _unit(record, definition, known, areas, problem)
        year: int | None = None
        try:
            number = _number(record.get("year"))
            if number is None or not number.is_integer() or not 1990 <= number <= 2100:
                raise ValueError
            year = int(number)
        except ValueError:
            problem("year", f"skal være et årstal, ikke '{record.get('year')}'")
        if definition is None:
            problem("indicator", f"ukendt indikator '{key}' (tilladt: {', '.join(definitions)})")
        values: dict[str, float | None] = {}
        for column in ("value", "numerator", "denominator"):
            try:
                values[column] = _number(record.get(column))
            except ValueError:
                problem(column, f"skal være et tal, ikke '{record.get(column)}'")
                values[column] = None
            if (values[column] or 0) < 0:
                problem(column, "må ikke være negativ")
        if definition is not None:
            _check_shape(definition, values, problem)
        if year is not None and definition is not None:
            duplicate = seen.get((level, unit, year, key))
            if duplicate is not None:
                what = "afdeling" if level is Level.DEPARTMENT else "boligområde"
                problem("indicator", f"samme {what}, år og indikator som række {duplicate}")
            seen[(level, unit, year, key)] = line
            parsed.append(
                (
                    line,
                    AggregateRow(
                        unit if level is Level.DEPARTMENT else None,
                        year,
                        key,
                        values["value"],
                        values["numerator"],
                        values["denominator"],
                        unit if level is Level.AREA else None,
                    ),
                )
            )
    problems += _area_and_departments(parsed, periods, source)
    if problems:
        raise AggregateFileError(problems)
    return [row for _, row in parsed]


def _by_department(departments: Iterable[DepartmentPeriod]) -> dict[str, list[DepartmentPeriod]]:
    periods: dict[str, list[DepartmentPeriod]] = {}
    for period in departments:
        periods.setdefault(period.department_id, []).append(period)
    return periods


def _unit(
    record: dict[str, object],
    definition: IndicatorDefinition | None,
    departments: set[str],
    areas: set[str],
    problem: Callable[[str, str], None],
) -> tuple[Level, str]:
    """The department or the area a row is delivered for."""
    department = str(record.get("department_id") or "").strip()
    area = str(record.get(AREA_COLUMN) or "").strip()
    if not area:
        if department not in departments:
            problem("department_id", f"ukendt afdeling '{department}'")
        return Level.DEPARTMENT, department
    if department:
        problem(AREA_COLUMN, "angiv enten department_id eller area_id, ikke begge")
    elif definition is not None and definition.source is not Source.SURVEY:
        problem(AREA_COLUMN, f"{definition.key} indleveres pr. afdeling (department_id)")
    elif area not in areas:
        problem(AREA_COLUMN, f"ukendt boligområde '{area}'")
    return Level.AREA, area


def _area_and_departments(
    parsed: list[tuple[int, AggregateRow]],
    periods: dict[str, list[DepartmentPeriod]],
    source: str,
) -> list[str]:
    """A department row for an area, year and indicator the file also delivers for the whole
    area: the area's figure would count those respondents twice."""
    whole = {(r.area_id, r.year, r.indicator): line for line, r in parsed if r.area_id is not None}
    problems = []
    for line, row in parsed:
        for period in periods.get(row.department_id or "", []):
            area_line = whole.get((period.area_id or "", row.year, row.indicator))
            if area_line is not None and period.in_area(row.year):
                problems.append(
                    f"{source}, række {line}, kolonne department_id: afdelingen hører til "
                    f"{period.area_name or period.area_id} i {row.year}, som har et tal for hele "
                    f"området i række {area_line}; angiv området eller dets afdelinger, ikke begge"
                )
    return problems


def _check_shape(
    definition: IndicatorDefinition,
    values: dict[str, float | None],
    problem: Callable[[str, str], None],
) -> None:
    numerator, denominator, value = values["numerator"], values["denominator"], values["value"]
    if definition.measure is Measure.TOTAL:
        if value is None:
            problem("value", f"{definition.key} kræver en værdi")
        for column in ("numerator", "denominator"):
            if values[column] is not None:
                problem(column, f"{definition.key} har ingen {column}; lad feltet være tomt")
        return
    if numerator is None:
        problem("numerator", f"{definition.key} kræver tæller")
    if denominator is None or denominator == 0:
        problem("denominator", f"{definition.key} kræver en nævner større end 0")
    elif definition.source is Source.SURVEY and not denominator.is_integer():
        problem("denominator", f"antal besvarelser skal være et helt tal, ikke {denominator:g}")
    if numerator is None or not denominator:
        return
    if definition.measure is Measure.SHARE and numerator > denominator:
        problem("numerator", f"kan ikke være større end nævneren ({denominator:g} besvarelser)")
    if definition.scale is not None:
        low, high = definition.scale
        if not low <= numerator / denominator <= high:
            problem(
                "numerator",
                f"gennemsnittet {numerator / denominator:.2f} ligger uden for skalaen "
                f"{low:g}-{high:g} (tælleren er summen af scorerne, nævneren antal besvarelser)",
            )
    expected = definition.value_of(numerator, denominator)
    if value is not None and expected is not None and abs(expected - value) > _TOLERANCE:
        problem("value", f"passer ikke med tæller/nævner (forventet {expected:.1f})")


def _result(
    definition: IndicatorDefinition,
    level: Level,
    unit_id: str,
    unit_name: str,
    year: int,
    numerator: float,
    denominator: float | None,
) -> ResultRow:
    if definition.measure is Measure.TOTAL:
        denominator = None
    return ResultRow(
        level.value,
        unit_id,
        unit_name,
        definition.key,
        year,
        definition.value_of(numerator, denominator),
        numerator,
        denominator,
        is_suppressed(definition, numerator, denominator),
    )


def rollup_aggregates(
    rows: Iterable[AggregateRow],
    departments: Iterable[DepartmentPeriod],
    municipality_names: dict[str, str] | None = None,
) -> list[ResultRow]:
    """Department rows as given, summed to areas (membership valid that year) and municipalities;
    area rows (surveys delivered per area) as given, summed to municipalities.

    Rates, shares and means sum numerators and denominators (so an area's move-out rate weighs
    departments by tenancies, a survey share by respondents); totals sum values. Only the
    departments and areas that reported count in the sums.
    """
    periods = _by_department(departments)
    areas = {p.area_id: p for mine in periods.values() for p in mine if p.area_id is not None}
    definitions = {d.key: d for d in delivered_definitions()}
    names = municipality_names or {}
    sums: dict[tuple[Level, str, str, str, int], list[float]] = {}
    for row in rows:
        definition = definitions[row.indicator]
        numerator = row.value if definition.measure is Measure.TOTAL else row.numerator
        denominator = row.denominator or 0.0
        if row.area_id is not None:
            area = areas[row.area_id]
            units = [(Level.AREA, row.area_id, area.area_name or row.area_id)]
            code = area.municipality_code
        else:
            mine = periods[row.department_id or ""]
            units = [
                (Level.DEPARTMENT, mine[0].department_id, mine[0].name or mine[0].department_id)
            ]
            for period in mine:
                if period.area_id is not None and period.in_area(row.year):
                    units.append((Level.AREA, period.area_id, period.area_name or period.area_id))
            code = mine[0].municipality_code
        units.append((Level.MUNICIPALITY, code, names.get(code, code)))
        for level, unit_id, unit_name in units:
            bucket = sums.setdefault(
                (level, unit_id, unit_name, row.indicator, row.year), [0.0, 0.0]
            )
            bucket[0] += numerator or 0.0
            bucket[1] += denominator
    return [
        _result(definitions[key], level, unit_id, unit_name, year, n, d)
        for (level, unit_id, unit_name, key, year), (n, d) in sorted(
            sums.items(), key=lambda item: (list(Level).index(item[0][0]), *item[0][1:])
        )
    ]


def read_departments(path: str | Path) -> list[DepartmentPeriod]:
    """The departments table of an extract (Parquet or CSV), already validated by the engine."""
    import duckdb

    function = "read_parquet" if str(path).endswith(".parquet") else "read_csv"
    with duckdb.connect() as con:
        cursor = con.execute(f"SELECT * FROM {function}(?)", [str(path)])  # noqa: S608
        columns = [str(column[0]) for column in cursor.description]
        records = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return [
        DepartmentPeriod(
            department_id=str(r["department_id"]),
            municipality_code=str(r["municipality_code"]),
            area_id=None if r["area_id"] is None else str(r["area_id"]),
            area_name=None if r["area_name"] is None else str(r["area_name"]),
            valid_from=int(r["valid_from"]),
            valid_to=None if r["valid_to"] is None else int(r["valid_to"]),
            name=None if r.get("department_name") is None else str(r["department_name"]),
        )
        for r in records
    ]
