"""Housing-organisation aggregates (per department and year): read, validate, roll up.

File format (CSV with , or ; as separator, or XLSX with the header in the first row of the first
sheet), one row per department, year and indicator:

    department_id,year,indicator,value,numerator,denominator
    601-11,2023,move_out_rate,,21,212            ← rates: numerator and denominator
    601-11,2023,vandalism_cost,48500,,           ← totals: value only
    601-11,2023,volunteers,12,,

Rates (`move_out_rate`, `complaints_per_100_tenancies`) need numerator (events) and
denominator (tenancies); a value may be given and must then agree with 100 · numerator /
denominator to within 0.1. Totals (`vandalism_cost`, `volunteers`, `leisure_jobs`) need value
and no numerator/denominator. Numbers use . or , as decimal mark and no thousands separator.
The whole file is validated first; any problem → one AggregateFileError listing file, row and
column of every problem, and nothing is rolled up.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from helhed.domain.indicators.definitions import IndicatorDefinition, Level, Measure
from helhed.domain.indicators.engine import ResultRow
from helhed.domain.indicators.registry import aggregate_definitions
from helhed.domain.indicators.suppression import is_suppressed

COLUMNS = ("department_id", "year", "indicator", "value", "numerator", "denominator")
_TOLERANCE = 0.1


class AggregateFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {problem}" for problem in problems)
        super().__init__(f"Filen har {len(problems)} fejl, intet er indlæst:\n{lines}")


@dataclass(frozen=True)
class AggregateRow:
    department_id: str
    year: int
    indicator: str
    value: float | None
    numerator: float | None
    denominator: float | None


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
    """Validate rows (dicts by column name); `first_row` is the file row of records[0]."""
    known = {d.department_id for d in departments}
    definitions = {d.key: d for d in aggregate_definitions()}
    problems: list[str] = []
    parsed: list[AggregateRow] = []
    seen: dict[tuple[str, int, str], int] = {}
    for offset, record in enumerate(records):
        line = first_row + offset
        if all(record.get(c) in (None, "") for c in COLUMNS):
            continue  # blank line

        def problem(column: str, message: str, line: int = line) -> None:
            problems.append(f"{source}, række {line}, kolonne {column}: {message}")

        department = str(record.get("department_id") or "").strip()
        if department not in known:
            problem("department_id", f"ukendt afdeling '{department}'")
        year: int | None = None
        try:
            number = _number(record.get("year"))
            if number is None or not number.is_integer() or not 1990 <= number <= 2100:
                raise ValueError
            year = int(number)
        except ValueError:
            problem("year", f"skal være et årstal, ikke '{record.get('year')}'")
        key = str(record.get("indicator") or "").strip()
        definition = definitions.get(key)
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
            duplicate = seen.get((department, year, key))
            if duplicate is not None:
                problem("indicator", f"samme afdeling, år og indikator som række {duplicate}")
            seen[(department, year, key)] = line
            parsed.append(
                AggregateRow(
                    department,
                    year,
                    key,
                    values["value"],
                    values["numerator"],
                    values["denominator"],
                )
            )
    if problems:
        raise AggregateFileError(problems)
    return parsed


def _check_shape(
    definition: IndicatorDefinition,
    values: dict[str, float | None],
    problem: Callable[[str, str], None],
) -> None:
    numerator, denominator, value = values["numerator"], values["denominator"], values["value"]
    if definition.measure is Measure.RATE:
        if numerator is None:
            problem("numerator", f"{definition.key} kræver tæller")
        if denominator is None or denominator == 0:
            problem("denominator", f"{definition.key} kræver en nævner større end 0")
        if value is not None and numerator is not None and denominator:
            expected = definition.rate_per * numerator / denominator
            if abs(expected - value) > _TOLERANCE:
                problem("value", f"passer ikke med tæller/nævner (forventet {expected:.1f})")
    else:
        if value is None:
            problem("value", f"{definition.key} kræver en værdi")
        for column in ("numerator", "denominator"):
            if values[column] is not None:
                problem(column, f"{definition.key} har ingen {column}; lad feltet være tomt")


def _result(
    definition: IndicatorDefinition,
    level: Level,
    unit_id: str,
    unit_name: str,
    year: int,
    numerator: float,
    denominator: float | None,
) -> ResultRow:
    if definition.measure is Measure.RATE:
        value = definition.rate_per * numerator / denominator if denominator else None
    else:
        value, denominator = numerator, None
    return ResultRow(
        level.value,
        unit_id,
        unit_name,
        definition.key,
        year,
        value,
        numerator,
        denominator,
        is_suppressed(definition, numerator, denominator),
    )


def rollup_aggregates(
    rows: Iterable[AggregateRow],
    departments: Iterable[DepartmentPeriod],
    municipality_names: dict[str, str] | None = None,
) -> list[ResultRow]:
    """Department rows as given, summed to areas (membership valid that year) and municipalities.

    Rates sum numerators and denominators (so an area's move-out rate weighs departments by
    tenancies); totals sum values. Only departments that reported count in the sums.
    """
    periods = list(departments)
    definitions = {d.key: d for d in aggregate_definitions()}
    names = municipality_names or {}
    sums: dict[tuple[Level, str, str, str, int], list[float]] = {}
    for row in rows:
        definition = definitions[row.indicator]
        numerator = row.numerator if definition.measure is Measure.RATE else row.value
        denominator = row.denominator or 0.0
        mine = [p for p in periods if p.department_id == row.department_id]
        units = [(Level.DEPARTMENT, row.department_id, mine[0].name or row.department_id)]
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
