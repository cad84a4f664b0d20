"""Read per-area criterion files and history files (CSV or XLSX); write screening results.

Reading is strict and all-or-nothing: every problem in the file is collected and raised together
as one `AreaListInputError`, each naming file, row and column in Danish; nothing is returned from a
file with a problem. Row numbers are spreadsheet rows: the header is row 1.

CSV files may be UTF-8 with or without BOM (Windows-1252 is accepted as a fallback, since that is
what Danish Excel writes), separated by `;`, `,` or tab (detected from the header), with decimal
comma or point. An empty cell is a missing value, which makes the criterion undecided.

A number must be finite and a count fit the database (at most 2.147.483.647); a name may not be
longer than its database column, hold a control character, or begin with `=`, `+`, `-` or `@`
(a spreadsheet would read it as a formula when the name is exported again).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from helhed.domain.arealists.distance import format_da
from helhed.domain.arealists.history import HistoryEntry
from helhed.domain.arealists.rules import LIST_KEYS, RULE_SETS, ListKey
from helhed.domain.arealists.screening import AreaInput

AREA_COLUMNS: tuple[str, ...] = (
    "year",
    "area",
    "municipality",
    "residents",
    "pct_outside_labour_market",
    "conviction_rate_pct",
    "national_conviction_rate_pct",
    "pct_basic_education",
    "income_pct_of_region",
    "pct_nonwestern",
)
POPULATION_COLUMNS: tuple[str, ...] = ("residents_18_64", "residents_18plus", "residents_30_59")
HISTORY_COLUMNS: tuple[str, ...] = ("area", "year", "list")
HISTORY_OPTIONAL_COLUMNS: tuple[str, ...] = ("municipality",)
# The lengths of the database columns the names are stored in (arealists.models), and the largest
# count they hold (a PositiveIntegerField, 32 bits on every database).
AREA_NAME_MAX = 200
MUNICIPALITY_NAME_MAX = 100
MAX_COUNT = 2_147_483_647
_FORMULA_STARTS = ("=", "+", "-", "@")
_PERCENT_COLUMNS = (
    "pct_outside_labour_market",
    "conviction_rate_pct",
    "pct_basic_education",
    "pct_nonwestern",
)


@dataclass(frozen=True)
class InputProblem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"række {self.row}")
        if self.column is not None:
            where.append(f"kolonne {self.column}")
        return f"{', '.join(where)}: {self.message}"


class AreaListInputError(ValueError):
    """Every problem found in an input file; raised instead of returning any rows."""

    def __init__(self, problems: Sequence[InputProblem]) -> None:
        # File-level problems first, then by row; within a row in the order found.
        self.problems = sorted(problems, key=lambda problem: problem.row or 0)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class _CellError(Exception):
    pass


# ---- cell parsing ---------------------------------------------------------------------------

_DA_GROUPED_DECIMAL = re.compile(r"[+-]?\d{1,3}(\.\d{3})+,\d+")
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+")
_POINT_DECIMAL = re.compile(r"[+-]?\d+(\.\d+)?")
_DOT_GROUPED_INT = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")


def _shown(raw: object) -> str:
    text = str(raw)
    return f'"{text if len(text) <= 40 else text[:40] + "…"}"'


def _parse_float(raw: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _CellError(f"{_shown(raw)} er ikke et tal")
    if isinstance(raw, int | float):
        return _finite(raw, float(raw))
    text = raw.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if _DA_GROUPED_DECIMAL.fullmatch(text):
        return _finite(raw, float(text.replace(".", "").replace(",", ".")))
    if _COMMA_DECIMAL.fullmatch(text):
        return _finite(raw, float(text.replace(",", ".")))
    if _POINT_DECIMAL.fullmatch(text):
        return _finite(raw, float(text))
    raise _CellError(f"{_shown(raw)} er ikke et tal")


def _finite(raw: object, number: float) -> float:
    # An XLSX cell may hold inf or NaN, and "999…" with 400 digits is read as inf.
    if math.isnan(number):
        raise _CellError(f"{_shown(raw)} er ikke et tal")
    if math.isinf(number):
        raise _CellError(f"{_shown(raw)} er for stort et tal")
    return number


def _parse_int(raw: object) -> int:
    # "1.250" is one thousand two hundred and fifty in a Danish count, never 1.25 persons.
    if isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace(" ", "")
        if _DOT_GROUPED_INT.fullmatch(text):
            digits = text.replace(".", "")
            if len(digits.lstrip("+-")) > 18:  # int() refuses more than 4300 digits
                raise _CellError(f"{_shown(raw)} er for stort et tal")
            return int(digits)
    number = _parse_float(raw)
    if not number.is_integer():
        raise _CellError(f"{_shown(raw)} er ikke et helt tal")
    return int(number)


def _non_negative(raw: object, number: float) -> None:
    if number < 0:
        raise _CellError(f"{_shown(raw)} må ikke være negativ")


def _percent(raw: object) -> float:
    number = _parse_float(raw)
    _non_negative(raw, number)
    if number > 100:
        raise _CellError(f"{_shown(raw)} ligger uden for 0-100")
    return number


def _positive_percent(raw: object) -> float:
    number = _percent(raw)
    if number == 0:
        raise _CellError(f"{_shown(raw)} skal være større end 0")
    return number


def _income(raw: object) -> float:
    number = _parse_float(raw)
    _non_negative(raw, number)
    return number


def _count(raw: object) -> int:
    number = _parse_int(raw)
    _non_negative(raw, number)
    if number > MAX_COUNT:
        raise _CellError(f"{_shown(raw)} er for stort (højst {format_da(MAX_COUNT)})")
    return number


def _year(raw: object) -> int:
    year = _parse_int(raw)
    if year not in RULE_SETS:
        raise _CellError(f"{_shown(raw)} er ikke et listeår ({min(RULE_SETS)}-{max(RULE_SETS)})")
    return year


def _text(raw: object) -> str:
    return str(raw).strip()


def _name(max_length: int) -> Callable[[object], str]:
    """A name cell: stored in a column of `max_length` and shown again in exported sheets."""

    def parse(raw: object) -> str:
        text = _text(raw)
        shown = _shown(text)
        if len(text) > max_length:
            raise _CellError(f"{shown} er for langt ({len(text)} tegn, højst {max_length})")
        if any(ord(char) < 32 or 127 <= ord(char) < 160 for char in text):
            raise _CellError(f"{shown} indeholder et kontroltegn")
        if text.startswith(_FORMULA_STARTS):
            raise _CellError(
                f'{shown} begynder med "{text[0]}" og ville blive læst som en formel i et '
                "regneark; fjern tegnet"
            )
        return text

    return parse


def _is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


# ---- tables ---------------------------------------------------------------------------------


@dataclass
class _Table:
    filename: str
    header: list[str]
    rows: list[tuple[int, list[object]]]  # (spreadsheet row number, cells)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_table(data: bytes, filename: str) -> _Table:
    text = _decode(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise AreaListInputError([InputProblem(filename, None, None, "filen er tom")])
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:  # e.g. a field longer than csv.field_size_limit()
        message = f"rækken kan ikke læses ({error})"
        raise AreaListInputError([InputProblem(filename, reader.line_num, None, message)]) from None
    start = next((i for i, record in enumerate(records) if any(c.strip() for c in record)), None)
    if start is None:  # only separators, e.g. ";;;"
        raise AreaListInputError([InputProblem(filename, None, None, "filen er tom")])
    header = [cell.strip().lower() for cell in records[start]]
    rows: list[tuple[int, list[object]]] = [(n, list(r)) for n, r in enumerate(records, 1)]
    return _Table(filename, header, rows[start + 1 :])


def _xlsx_table(data: bytes, filename: str) -> _Table:
    from openpyxl import load_workbook  # imported here: only XLSX input pays for it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several unrelated types for a bad file
        message = f"filen kan ikke læses som XLSX ({type(error).__name__})"
        raise AreaListInputError([InputProblem(filename, None, None, message)]) from error
    rows: list[tuple[int, list[object]]] = []
    try:
        for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
            rows.append((number, list(values)))
    except Exception as error:  # a cell openpyxl cannot read, e.g. the number "NaN"
        message = (
            f"filen kan ikke læses som XLSX efter række {len(rows)} ({type(error).__name__}); "
            "gem den igen fra regnearket"
        )
        raise AreaListInputError([InputProblem(filename, None, None, message)]) from error
    finally:
        workbook.close()
    filled = [(number, cells) for number, cells in rows if any(not _is_blank(c) for c in cells)]
    if not filled:
        raise AreaListInputError([InputProblem(filename, None, None, "filen er tom")])
    header_number, header_cells = filled[0]
    header = [_text(cell).lower() if cell is not None else "" for cell in header_cells]
    while header and not header[-1]:
        header.pop()
    return _Table(filename, header, [r for r in rows if r[0] > header_number])


def _table(data: bytes, filename: str) -> _Table:
    suffix = Path(filename).suffix.lower()
    if suffix in (".csv", ".txt"):
        return _csv_table(data, filename)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_table(data, filename)
    message = f'filtypen "{suffix}" kendes ikke (brug .csv eller .xlsx)'
    raise AreaListInputError([InputProblem(filename, None, None, message)])


def _column_problems(
    table: _Table, required: Sequence[str], optional: Sequence[str]
) -> list[InputProblem]:
    problems = [
        InputProblem(table.filename, None, None, f'kolonnen "{name}" mangler')
        for name in required
        if name not in table.header
    ]
    allowed = set(required) | set(optional)
    seen: set[str] = set()
    for name in table.header:
        if name in seen:
            problems.append(
                InputProblem(table.filename, None, None, f'kolonnen "{name}" står to gange')
            )
        elif name not in allowed:
            names = ", ".join((*required, *optional))
            message = f'ukendt kolonne "{name}" (tilladte kolonner: {names})'
            problems.append(InputProblem(table.filename, None, None, message))
        seen.add(name)
    return problems


_Parser = Callable[[object], object]


def _parse_rows(
    table: _Table, parsers: dict[str, _Parser], required_cells: Sequence[str]
) -> tuple[list[tuple[int, dict[str, object]]], list[InputProblem]]:
    """Parse every non-blank row; a blank cell becomes None unless the column is required."""
    problems: list[InputProblem] = []
    parsed: list[tuple[int, dict[str, object]]] = []
    width = len(table.header)
    for number, cells in table.rows:
        if all(_is_blank(cell) for cell in cells):
            continue
        filled = max((i + 1 for i, cell in enumerate(cells) if not _is_blank(cell)), default=0)
        if len(cells) < width or filled > width:
            fields = filled if filled > width else len(cells)
            message = f"rækken har {fields} felter, men overskriften har {width}"
            problems.append(InputProblem(table.filename, number, None, message))
            continue
        values: dict[str, object] = {}
        for name, raw in zip(table.header, cells, strict=False):
            if _is_blank(raw):
                values[name] = None
                if name in required_cells:
                    problems.append(InputProblem(table.filename, number, name, "værdien mangler"))
                continue
            try:
                values[name] = parsers[name](raw)
            except _CellError as error:
                problems.append(InputProblem(table.filename, number, name, str(error)))
        parsed.append((number, values))
    return parsed, problems


# ---- area files -----------------------------------------------------------------------------

_AREA_PARSERS: dict[str, _Parser] = {
    "year": _year,
    "area": _name(AREA_NAME_MAX),
    "municipality": _name(MUNICIPALITY_NAME_MAX),
    "residents": _count,
    "national_conviction_rate_pct": _positive_percent,
    "income_pct_of_region": _income,
    **{name: _percent for name in _PERCENT_COLUMNS},
    **{name: _count for name in POPULATION_COLUMNS},
}


def parse_areas(data: bytes, filename: str) -> list[AreaInput]:
    """Per-area criterion values from the bytes of a CSV or XLSX file (e.g. an upload)."""
    table = _table(data, filename)
    problems = _column_problems(table, AREA_COLUMNS, POPULATION_COLUMNS)
    if problems:
        raise AreaListInputError(problems)
    parsed, problems = _parse_rows(table, _AREA_PARSERS, ("year", "area", "municipality"))
    first_row: dict[tuple[object, object], int] = {}
    for number, values in parsed:
        residents = values.get("residents")
        for name in POPULATION_COLUMNS:
            population = values.get(name)
            if (
                isinstance(population, int)
                and isinstance(residents, int)
                and population > residents
            ):
                message = (
                    f'"{format_da(population)}" er større end residents ({format_da(residents)})'
                )
                problems.append(InputProblem(filename, number, name, message))
        key = (values.get("year"), values.get("area"))
        if None not in key and key in first_row:
            message = f'området "{key[1]}" står også i række {first_row[key]} for året {key[0]}'
            problems.append(InputProblem(filename, number, "area", message))
        first_row.setdefault(key, number)
    if not parsed and not problems:
        problems.append(InputProblem(filename, None, None, "filen har ingen datarækker"))
    if problems:
        raise AreaListInputError(problems)
    return [_area_input(values) for _, values in parsed]


def _area_input(values: dict[str, object]) -> AreaInput:
    # Every value was checked by its column's parser, so the types are those of AreaInput.
    fields = {name: values.get(name) for name in (*AREA_COLUMNS, *POPULATION_COLUMNS)}
    return AreaInput(**fields)  # type: ignore[arg-type]


def read_areas(path: str | Path) -> list[AreaInput]:
    path = Path(path)
    return parse_areas(_read_bytes(path), path.name)


# ---- history files --------------------------------------------------------------------------


def _list_key(raw: object) -> ListKey:
    text = _text(raw).lower()
    if text not in LIST_KEYS:
        raise _CellError(f"{_shown(raw)} er ikke en kendt liste ({', '.join(LIST_KEYS)})")
    return cast(ListKey, text)


_HISTORY_PARSERS: dict[str, _Parser] = {
    "area": _name(AREA_NAME_MAX),
    "year": _year,
    "list": _list_key,
    "municipality": _name(MUNICIPALITY_NAME_MAX),
}


def parse_history(data: bytes, filename: str) -> list[HistoryEntry]:
    """Official list rows `area, year, list` from the bytes of a CSV or XLSX file."""
    table = _table(data, filename)
    problems = _column_problems(table, HISTORY_COLUMNS, HISTORY_OPTIONAL_COLUMNS)
    if problems:
        raise AreaListInputError(problems)
    parsed, problems = _parse_rows(table, _HISTORY_PARSERS, HISTORY_COLUMNS)
    entries: list[HistoryEntry] = []
    for number, values in parsed:
        area, year, key = values.get("area"), values.get("year"), values.get("list")
        if not (isinstance(area, str) and isinstance(year, int) and isinstance(key, str)):
            continue  # already reported
        valid = RULE_SETS[year].list_keys
        if key not in valid:
            message = f'listen "{key}" fandtes ikke i {year} (listerne var: {", ".join(valid)})'
            problems.append(InputProblem(filename, number, "list", message))
            continue
        entries.append(HistoryEntry(area, year, cast(ListKey, key)))
    if problems:
        raise AreaListInputError(problems)
    return entries


def read_history(path: str | Path) -> list[HistoryEntry]:
    path = Path(path)
    return parse_history(_read_bytes(path), path.name)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        message = f"filen kan ikke åbnes ({error.strerror or type(error).__name__})"
        raise AreaListInputError([InputProblem(path.name, None, None, message)]) from error
