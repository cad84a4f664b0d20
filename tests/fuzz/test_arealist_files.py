"""Malformed area-list files (criterion values per area, official lists): stored exactly as
intended, or refused whole with every problem named by row and column — never a crash, never a
partial write (hypothesis-generated, through the service, the API and `helhed lists import`).

Each generated file carries at most one fault per row, so the exact set of (row, column) the
reader must report is known: a refused file must report exactly those, an accepted file must
have had none, and its stored values must be the intended ones.
"""

from __future__ import annotations

import csv
import io
import reprlib
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from helhed.arealists import services
from helhed.arealists.models import (
    CriterionImport,
    CriterionRow,
    OfficialListImport,
    OfficialListRow,
)
from helhed.domain.arealists import (
    RULE_SETS,
    AreaListInputError,
    parse_areas,
    parse_history,
)
from helhed.domain.arealists.io import AREA_COLUMNS, POPULATION_COLUMNS

PERCENT = (
    "pct_outside_labour_market",
    "conviction_rate_pct",
    "pct_basic_education",
    "pct_nonwestern",
)
COUNTS = ("residents", *POPULATION_COLUMNS)
FLOATS = (*PERCENT, "national_conviction_rate_pct", "income_pct_of_region")
LIST_YEARS = sorted(RULE_SETS)
MODELS = (CriterionImport, CriterionRow, OfficialListImport, OfficialListRow)
HUGE = "x" * 140_000  # longer than csv.field_size_limit()

# ---- good values and how a spreadsheet may write them -------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzæøåÆØÅ"
NAMES = st.builds(
    lambda first, rest: (first + rest).rstrip(),
    st.sampled_from("ABCDEHKLMNPRSTVÆØÅ"),
    st.text(alphabet=LETTERS + " -", max_size=14),
)
# A name written in a cell: stripped on reading, so padding is allowed.
PADDING = st.sampled_from(["", "", " ", "  ", "\u00a0"])


def _percent_values(low: str, high: str) -> st.SearchStrategy[Decimal]:
    return st.decimals(Decimal(low), Decimal(high), places=2, allow_nan=False)


FLOAT_VALUES = {
    **{name: _percent_values("0", "100") for name in PERCENT},
    "national_conviction_rate_pct": _percent_values("0.01", "100"),
    "income_pct_of_region": _percent_values("0", "12000"),
}


def _number_renderings(value: Decimal) -> list[str]:
    text = format(value.normalize(), "f")
    comma = text.replace(".", ",")
    out = [text, comma, f"{comma}%", f" {comma} "]
    whole, _, fraction = text.partition(".")
    if int(whole) >= 1000:
        grouped = f"{int(whole):,}".replace(",", ".")
        out.append(f"{grouped},{fraction or '0'}")  # Danish grouped decimal: 1.234,5
    return out


def _count_renderings(value: int) -> list[str]:
    return [str(value), f"{value:,}".replace(",", "."), f" {value} ", f"{value},0"]


# ---- faults: a bad cell per column kind ---------------------------------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", "=SUM(A1:A3)", "+4512345678", "-Parken", "@SUM(A1)"]
# "+4512345678" is a number, so number columns get formulas that are not.
NUMBER_FORMULAS = ["=cmd|' /C calc'!A0", "=SUM(A1:A3)", "+A1", "-A1", "@SUM(A1)"]
BAD_NUMBERS = [
    "abc",
    "tyve",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e3",
    "1,2,3",
    "9" * 400,
    *NUMBER_FORMULAS,
]
BAD_CELLS: dict[str, list[Any]] = {
    "year": ["2009", "2026", "20x1", "2021,5", "", "1850", "=2021"],
    "area": ["", "   ", *FORMULAS, "A" * 201, "Ap\x00rken", HUGE],
    "municipality": ["", *FORMULAS, "B" * 101, "Her\x07ning", HUGE],
    "residents": ["-1", "12,5", "1.5", "3000000000", "9" * 30, *BAD_NUMBERS, -4, 10**20],
    "income_pct_of_region": ["-1", "-0,5", *BAD_NUMBERS, -2.5],
    "national_conviction_rate_pct": ["0", "0,0", "100,5", "-1", *BAD_NUMBERS],
    **{name: ["-0,5", "100,01", "101", "250%", *BAD_NUMBERS, 150.5] for name in PERCENT},
    **{name: ["-1", "12,5", "abc", "=1", "3000000000", 10**12] for name in POPULATION_COLUMNS},
}
NOT_IN_XLSX = {"Ap\x00rken", "Her\x07ning"}  # openpyxl cannot write control characters


@dataclass(repr=False)
class Spec:
    kind: str  # csv | xlsx
    encoding: str
    separator: str
    line_end: str
    year: int
    header: list[str]
    lines: list[list[Any] | None]  # None: a blank line; the header is lines[0]
    expected: set[tuple[int | None, str | None]] = field(default_factory=set)
    file_faults: list[str] = field(default_factory=list)  # words the file-level message names
    stops_at: int | None = None  # the CSV reader gives up at this line (a huge cell)
    intended: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel: str = "service"

    @property
    def file_name(self) -> str:
        return f"områder.{self.kind}"

    def __repr__(self) -> str:  # a falsifying example is shown without its 140 kB cells
        shown = reprlib.Repr()
        shown.maxstring, shown.maxlist, shown.maxlevel = 60, 30, 4
        return "Spec(" + ", ".join(f"{k}={shown.repr(v)}" for k, v in vars(self).items()) + ")"


@st.composite
def area_rows(draw, year: int, columns: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(intended values, cells) of one good row."""
    residents = draw(st.one_of(st.none(), st.integers(0, 60_000)))
    values: dict[str, Any] = {"year": year, "municipality": draw(NAMES)}
    values["residents"] = residents
    for name in FLOATS:
        values[name] = draw(st.one_of(st.none(), FLOAT_VALUES[name]))
    for name in POPULATION_COLUMNS:
        top = residents if residents is not None else 60_000
        values[name] = draw(st.one_of(st.none(), st.integers(0, top))) if name in columns else None
    cells: dict[str, Any] = {}
    for name in columns:
        cells[name] = draw(_cell(name, values.get(name)))
    return values, cells


def _cell(name: str, value: Any) -> st.SearchStrategy[Any]:
    if value is None:
        return st.sampled_from(["", "", "  ", None])
    if name == "year":
        return st.sampled_from([str(value), f" {value} ", f"{value},0", value, float(value)])
    if name in ("area", "municipality"):
        return PADDING.map(lambda pad: f"{pad}{value}{pad}")
    if name in COUNTS:
        return st.sampled_from([*_count_renderings(value), value, float(value)])
    return st.sampled_from([*_number_renderings(value), float(value)])


@st.composite
def area_specs(draw) -> Spec:
    kind = draw(st.sampled_from(["csv", "csv", "xlsx"]))
    year = draw(st.sampled_from(LIST_YEARS))
    optional = draw(st.lists(st.sampled_from(POPULATION_COLUMNS), unique=True, max_size=3))
    columns = [*AREA_COLUMNS, *optional]
    columns = draw(st.permutations(columns)).copy() if draw(st.booleans()) else columns
    spec = Spec(
        kind=kind,
        encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])),
        separator=draw(st.sampled_from([";", ",", "\t"])),
        line_end=draw(st.sampled_from(["\n", "\r\n"])),
        year=year,
        header=[draw(st.sampled_from([c, c.upper(), f" {c} "])) for c in columns],
        lines=[],
        channel=draw(st.sampled_from(["service", "service", "api", "cli"])),
    )
    names = draw(st.lists(NAMES, min_size=0, max_size=7, unique_by=str.casefold))
    rows: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    for name in names:
        values, cells = draw(area_rows(year, columns))
        values["area"] = name
        cells["area"] = draw(_cell("area", name))
        rows.append((name, values, cells))
    if draw(st.booleans()):
        spec.lines.append(None)  # a blank line before the header is skipped
    spec.lines.append(list(spec.header))
    faulty = draw(st.integers(0, 2)) > 0  # a third of the files are meant to be imported
    header_fault = None
    if faulty:
        header_fault = draw(st.sampled_from([None] * 6 + ["missing", "unknown", "twice"]))
    clean: list[str] = []
    year_other = False
    for name, values, cells in rows:
        if draw(st.integers(0, 5)) == 0:
            spec.lines.append(None)  # blank lines between rows are skipped
        number = len(spec.lines) + 1
        fault = None
        if faulty:
            fault = draw(
                st.sampled_from(
                    [None] * 5 + ["cell", "cell", "width", "duplicate", "population", "other_year"]
                )
            )
        row = [cells[c] for c in columns]
        if fault == "cell":
            column = draw(st.sampled_from(columns))
            bad = draw(st.sampled_from(BAD_CELLS[column]))
            if kind == "xlsx" and bad in NOT_IN_XLSX:
                bad = "=1+2" if column in COUNTS or column in FLOATS else "=x"
            row[columns.index(column)] = bad
            spec.expected.add((number, column))
        elif fault == "width":
            shorter = kind == "csv" and draw(st.booleans())  # XLSX pads short rows
            row = row[:-1] if shorter else [*row, "ekstra"]
            spec.expected.add((number, None))
        elif fault == "duplicate" and clean:
            source_name = draw(st.sampled_from(clean))
            row[columns.index("area")] = source_name
            row[columns.index("year")] = year
            spec.expected.add((number, "area"))
        elif fault == "population" and optional and values["residents"] is not None:
            column = draw(st.sampled_from(optional))
            row[columns.index(column)] = values["residents"] + draw(st.integers(1, 500))
            spec.expected.add((number, column))
        elif fault == "other_year":
            other = draw(st.sampled_from([y for y in LIST_YEARS if y != year]))
            row[columns.index("year")] = str(other)
            year_other = True
        else:
            clean.append(name)
            spec.intended[name] = values
        spec.lines.append(row)
    if header_fault == "missing":
        column = draw(st.sampled_from(AREA_COLUMNS))
        index = columns.index(column)
        _drop_column(spec, index)
        spec.file_faults = [f'kolonnen "{column}" mangler']
    elif header_fault == "unknown":
        extra = draw(st.sampled_from(["ekstra", "område", "residents_18_65", "befolkning"]))
        _add_column(spec, extra, "1")
        spec.file_faults = [f'ukendt kolonne "{extra}"']
    elif header_fault == "twice":
        column = draw(st.sampled_from(columns))
        _add_column(spec, column, "1")
        spec.file_faults = [f'kolonnen "{column}" står to gange']
    if kind == "csv":
        spec.stops_at = _first_huge_line(spec)
    if not spec.file_faults and spec.stops_at is None and not spec.expected:
        if not rows:
            spec.file_faults = ["ingen datarækker"]
        elif year_other:
            spec.expected = {(None, "year")}
    return spec


def _drop_column(spec: Spec, index: int) -> None:
    for line in spec.lines:
        if line is not None and len(line) > index:
            del line[index]


def _add_column(spec: Spec, name: str, value: Any) -> None:
    header = next(i for i, line in enumerate(spec.lines) if line is not None)
    for index, line in enumerate(spec.lines):
        if line is not None:
            line.append(name if index == header else value)


def _first_huge_line(spec: Spec) -> int | None:
    """The CSV reader gives up at the first line with a cell beyond its field limit."""
    for number, line in enumerate(spec.lines, 1):
        if line is not None and HUGE in line:
            return number
    return None


def render(spec: Spec) -> bytes:
    if spec.kind == "xlsx":
        book = Workbook()
        sheet = book.active
        for number, line in enumerate(spec.lines, 1):
            for column, value in enumerate(line or [], 1):
                if value is None or value == "":
                    continue
                cell = sheet.cell(row=number, column=column, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula, as a user typed it
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=spec.separator, lineterminator=spec.line_end)
    for line in spec.lines:
        writer.writerow(["" if v is None else v for v in line] if line is not None else [])
    return out.getvalue().encode(spec.encoding)


# ---- running one file through a channel ---------------------------------------------------------


@dataclass
class Outcome:
    stored: Any = None  # the import row
    problems: list[tuple[int | None, str | None, str]] = field(
        default_factory=list
    )  # row, col, text


def _run(channel: str, personas, api_for, *, history: bool, data: bytes, name: str, year: int):
    if channel == "service":
        try:
            if history:
                return Outcome(
                    stored=services.official_list_import_create(
                        actor=personas.alice, data=data, file_name=name
                    )
                )
            return Outcome(
                stored=services.criterion_import_create(
                    actor=personas.alice, year=year, data=data, file_name=name
                )
            )
        except AreaListInputError as error:
            assert str(error) == "\n".join(str(p) for p in error.problems)
            return Outcome(problems=[(p.row, p.column, str(p)) for p in error.problems])
    if channel == "api":
        upload = SimpleUploadedFile(name, data)
        if history:
            response = api_for("alice").post(
                "/api/area-list-history-imports/", {"file": upload}, format="multipart"
            )
            model: Any = OfficialListImport
        else:
            response = api_for("alice").post(
                "/api/area-list-imports/", {"file": upload, "year": str(year)}, format="multipart"
            )
            model = CriterionImport
        assert response.status_code in (201, 400), response.content[:500]
        body = response.json()
        if response.status_code == 201:
            return Outcome(stored=model.objects.get(pk=body["id"]))
        assert body["detail"] == "Filen indeholder fejl; intet er gemt."
        return Outcome(problems=[(p["row"], p["column"], p["text"]) for p in body["problems"]])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        args = ["--history", str(path)] if history else ["--criteria", str(path), "--year"]
        if not history:
            args.append(str(year))
        out = io.StringIO()
        try:
            call_command("lists", "import", *args, "--as-user", "alice", stdout=out)
        except CommandError as error:
            text = str(error)
            assert text.startswith("Filen kan ikke bruges (intet er gemt):\n"), text[:300]
            return Outcome(problems=[_parse_line(line) for line in text.splitlines()[1:]])
    model = OfficialListImport if history else CriterionImport
    assert out.getvalue().startswith("Importeret: ")
    return Outcome(stored=model.objects.order_by("-pk").first())


def _parse_line(line: str) -> tuple[int | None, str | None, str]:
    """'områder.csv, række 3, kolonne area: …' → (3, 'area', line)."""
    where = line.split(": ", 1)[0]
    row = column = None
    for part in where.split(", ")[1:]:
        if part.startswith("række "):
            row = int(part.removeprefix("række "))
        elif part.startswith("kolonne "):
            column = part.removeprefix("kolonne ")
    return row, column, line


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in MODELS)


def _check_refusal(spec: Spec, outcome: Outcome) -> None:
    assert outcome.problems, "a refused file must say why"
    for row, column, text in outcome.problems:
        assert text.startswith(spec.file_name), text
        if row is not None:
            assert f"række {row}" in text, text
        if column is not None:
            assert f"kolonne {column}" in text, text
        assert len(text) < 600, "a message must not repeat a huge cell"
    if spec.stops_at is not None:
        assert [(r, c) for r, c, _ in outcome.problems] == [(spec.stops_at, None)]
        assert "rækken kan ikke læses" in outcome.problems[0][2]
    elif spec.file_faults:
        assert {(r, c) for r, c, _ in outcome.problems} == {(None, None)}, outcome.problems
        texts = " | ".join(t for _, _, t in outcome.problems)
        for words in spec.file_faults:
            assert words in texts, (words, texts)
    else:
        found = {(r, c) for r, c, _ in outcome.problems}
        assert found == spec.expected, (found, spec.expected)


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(spec=area_specs())
def test_criterion_file_is_stored_exactly_or_refused_whole(personas, api_for, spec):
    data = render(spec)
    note(repr(spec))
    with transaction.atomic():
        before = _counts()
        outcome = _run(
            spec.channel,
            personas,
            api_for,
            history=False,
            data=data,
            name=spec.file_name,
            year=spec.year,
        )
        refused = bool(spec.expected or spec.file_faults or spec.stops_at)
        event(f"{spec.channel} {spec.kind}: {'refused' if refused else 'stored'}")
        if outcome.stored is None:
            assert refused, outcome.problems
            _check_refusal(spec, outcome)
            assert _counts() == before
        else:
            assert not refused, (spec.expected, spec.file_faults, spec.stops_at)
            source = outcome.stored
            assert (source.year, source.file_name) == (spec.year, spec.file_name)
            assert source.row_count == len(spec.intended)
            stored = {row.area_name: row for row in CriterionRow.objects.filter(source=source)}
            assert set(stored) == set(spec.intended)
            for name, values in spec.intended.items():
                row = stored[name]
                assert (row.year, row.municipality_name) == (spec.year, values["municipality"])
                for column in (*COUNTS, *FLOATS):
                    intended = values[column]
                    expected = float(intended) if isinstance(intended, Decimal) else intended
                    assert getattr(row, column) == expected, (name, column, getattr(row, column))
            after = _counts()
            assert after[0] == before[0] + 1 and after[1] == before[1] + len(spec.intended)
            assert after[2:] == before[2:]
        transaction.set_rollback(True)


# ---- official lists (history) ---------------------------------------------------------------------

HISTORY_COLUMNS = ["area", "year", "list"]
BAD_HISTORY: dict[str, list[Any]] = {
    "area": ["", *FORMULAS, "A" * 201, "Ap\x00rken"],
    "year": ["2009", "2026", "tyve", "", "2021,5", "=2021"],
    "list": ["", "martian", "ghetto-liste", "=udsat", "udsat;ghetto"],
    "municipality": [*FORMULAS, "B" * 101],
}


@st.composite
def history_specs(draw) -> Spec:
    kind = draw(st.sampled_from(["csv", "csv", "xlsx"]))
    with_municipality = draw(st.booleans())
    columns = [*HISTORY_COLUMNS, *(["municipality"] if with_municipality else [])]
    columns = draw(st.permutations(columns)).copy()
    spec = Spec(
        kind=kind,
        encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])),
        separator=draw(st.sampled_from([";", ","])),
        line_end="\n",
        year=0,
        header=list(columns),
        lines=[list(columns)],
        channel=draw(st.sampled_from(["service", "service", "api", "cli"])),
    )
    entries: set[tuple[str, int, str]] = set()
    for _ in range(draw(st.integers(0, 8))):
        year = draw(st.sampled_from(LIST_YEARS))
        key = draw(st.sampled_from(RULE_SETS[year].list_keys))
        area = draw(NAMES)
        cells = {
            "area": draw(_cell("area", area)),
            "year": draw(st.sampled_from([str(year), year, f"{year},0"])),
            "list": draw(st.sampled_from([key, key.upper(), f" {key} "])),
            "municipality": draw(NAMES),
        }
        row = [cells[c] for c in columns]
        number = len(spec.lines) + 1
        fault = draw(st.sampled_from([None] * 9 + ["cell", "wrong_list", "width", "repeat"]))
        if fault == "cell":
            column = draw(st.sampled_from(columns))
            bad = draw(st.sampled_from(BAD_HISTORY[column]))
            if kind == "xlsx" and "\x00" in str(bad):
                bad = "=x"
            row[columns.index(column)] = bad
            spec.expected.add((number, column))
        elif fault == "wrong_list":
            early = draw(st.sampled_from([y for y in LIST_YEARS if y < 2021]))
            row[columns.index("year")] = str(early)
            row[columns.index("list")] = "parallelsamfund"
            spec.expected.add((number, "list"))
        elif fault == "width":
            spec.expected.add((number, None))
            row = [*row, "ekstra"]
        else:
            entries.add((area, year, key))
            if fault == "repeat":  # the same placement twice is stored once
                spec.lines.append(row)
        spec.lines.append(row)
    header_fault = draw(st.sampled_from([None] * 6 + ["missing", "unknown"]))
    if header_fault == "missing":
        column = draw(st.sampled_from(HISTORY_COLUMNS))
        _drop_column(spec, columns.index(column))
        spec.file_faults = [f'kolonnen "{column}" mangler']
    elif header_fault == "unknown":
        _add_column(spec, "kommentar", "x")
        spec.file_faults = ['ukendt kolonne "kommentar"']
    elif not spec.expected and not entries:
        spec.file_faults = ["ingen datarækker"]
    spec.intended = {f"{a}|{y}|{k}": {"area": a, "year": y, "list": k} for a, y, k in entries}
    return spec


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=history_specs())
def test_official_list_file_is_stored_exactly_or_refused_whole(personas, api_for, spec):
    data = render(spec)
    note(repr(spec))
    name = f"lister.{spec.kind}"
    with transaction.atomic():
        before = _counts()
        outcome = _run(spec.channel, personas, api_for, history=True, data=data, name=name, year=0)
        event(f"{spec.channel} {spec.kind}: {'stored' if outcome.stored else 'refused'}")
        if outcome.stored is None:
            assert spec.expected or spec.file_faults, outcome.problems
            for row, column, text in outcome.problems:
                assert text.startswith(name), text
                if row is not None:
                    assert f"række {row}" in text
                if column is not None:
                    assert f"kolonne {column}" in text
            found = {(r, c) for r, c, _ in outcome.problems}
            if spec.file_faults:
                assert found == {(None, None)}, outcome.problems
                assert any(spec.file_faults[0] in text for _, _, text in outcome.problems)
            else:
                assert found == spec.expected, (found, spec.expected)
            assert _counts() == before
        else:
            assert not (spec.expected or spec.file_faults), (spec.expected, spec.file_faults)
            rows = OfficialListRow.objects.filter(source=outcome.stored)
            stored = {(r.area_name, r.year, r.list_key) for r in rows}
            intended = {(v["area"], v["year"], v["list"]) for v in spec.intended.values()}
            assert stored == intended
            assert outcome.stored.row_count == len(intended) == rows.count()
            assert _counts()[:2] == before[:2]
        transaction.set_rollback(True)


# ---- empty and unreadable files -------------------------------------------------------------------

EMPTY_FILES = [
    ("områder.csv", b"", "filen er tom"),
    ("områder.csv", b"\xef\xbb\xbf", "filen er tom"),
    ("områder.csv", b"\n \n\r\n", "filen er tom"),
    ("områder.csv", b";;;\n;;;\n", "filen er tom"),
    ("områder.csv", b",,,\n", "filen er tom"),
    ("områder.csv", ",".join(AREA_COLUMNS).encode() + b"\n", "ingen datarækker"),
    ("områder.xlsx", b"", "kan ikke læses som XLSX"),
    ("områder.xlsx", b"PK\x03\x04 not a zip", "kan ikke læses som XLSX"),
    ("områder.ods", b"year,area\n", "filtypen"),
]


@pytest.mark.parametrize(("name", "data", "words"), EMPTY_FILES)
def test_empty_or_unreadable_file_is_refused_with_its_name(personas, name, data, words):
    before = _counts()
    with pytest.raises(AreaListInputError) as caught:
        services.criterion_import_create(actor=personas.alice, year=2021, data=data, file_name=name)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == (name, None, None)
    assert words in problem.message
    assert _counts() == before


# ---- regressions found by the fuzzers above ---------------------------------------------------------

HEADER = ",".join(AREA_COLUMNS)


def _problems(data: bytes, name: str = "områder.csv") -> list[str]:
    with pytest.raises(AreaListInputError) as caught:
        parse_areas(data, name)
    return [str(p) for p in caught.value.problems]


def test_separators_only_is_an_empty_file_not_a_crash():
    # Was StopIteration: the first line is not blank, but no record holds a value.
    assert _problems(b",,,\n") == ["områder.csv: filen er tom"]


def test_a_cell_longer_than_the_csv_limit_names_its_row():
    # Was _csv.Error: field larger than field limit (131072).
    data = f"{HEADER}\n2021,Aparken,Aby,1,1,1,1,1,1,1\n2021,{HUGE},Aby,1,1,1,1,1,1,1\n"
    [problem] = _problems(data.encode())
    assert problem.startswith("områder.csv, række 3: rækken kan ikke læses")


def test_infinite_and_too_large_numbers_are_refused():
    # Was accepted: 400 digits are read as inf (stored as Infinity), and a count beyond the
    # database's integer range failed on PostgreSQL (and beyond int64 on SQLite) at save time.
    data = (
        f"{HEADER}\n2021,Aparken,Aby,1,1,1,1,1,{'9' * 400},1\n"
        "2021,Bparken,Bby,3000000000,1,1,1,1,1,1\n"
        f"2021,Cparken,Cby,1{'.000' * 1500},1,1,1,1,1,1\n"
    )
    assert _problems(data.encode()) == [
        'områder.csv, række 2, kolonne income_pct_of_region: "9999999999999999999999999999999999999999…"'
        " er for stort et tal",
        'områder.csv, række 3, kolonne residents: "3000000000" er for stort (højst 2.147.483.647)',
        'områder.csv, række 4, kolonne residents: "1.000.000.000.000.000.000.000.000.000.00…"'
        " er for stort et tal",
    ]


def test_names_that_do_not_fit_the_database_or_look_like_formulas_are_refused():
    # Was accepted: a 201-character name or a NUL failed on PostgreSQL at save time, and
    # "=cmd|…" was stored and written back as a formula by the XLSX export.
    data = (
        f"{HEADER}\n2021,{'A' * 201},Aby,1,1,1,1,1,1,1\n2021,Ap\x00rken,Aby,1,1,1,1,1,1,1\n"
        "2021,=cmd|' /C calc'!A0,Aby,1,1,1,1,1,1,1\n2021,Dparken,@SUM(A1),1,1,1,1,1,1,1\n"
    )
    assert _problems(data.encode()) == [
        'områder.csv, række 2, kolonne area: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA…" er for '
        "langt (201 tegn, højst 200)",
        'områder.csv, række 3, kolonne area: "Ap\x00rken" indeholder et kontroltegn',
        'områder.csv, række 4, kolonne area: "=cmd|\' /C calc\'!A0" begynder med "=" og ville '
        "blive læst som en formel i et regneark; fjern tegnet",
        'områder.csv, række 5, kolonne municipality: "@SUM(A1)" begynder med "@" og ville blive '
        "læst som en formel i et regneark; fjern tegnet",
    ]
    with pytest.raises(AreaListInputError, match="kolonne area"):
        parse_history(b"area,year,list\n-Parken,2021,udsat\n", "lister.csv")


def test_an_xlsx_cell_openpyxl_cannot_read_is_refused_not_a_crash():
    # Was ValueError from openpyxl while reading the rows (only opening the file was guarded).
    import zipfile

    book = Workbook()
    book.active.append(list(AREA_COLUMNS))
    book.active.append([2021, "Aparken", "Aby", 1, 123456.5, 1, 1, 1, 1, 1])
    buffer = io.BytesIO()
    book.save(buffer)
    patched = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(patched, "w") as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                content = content.replace(b"123456.5", b"NaN")
            target.writestr(item, content)
    assert _problems(patched.getvalue(), "områder.xlsx") == [
        "områder.xlsx: filen kan ikke læses som XLSX efter række 1 (ValueError); gem den igen "
        "fra regnearket"
    ]


def test_a_refused_name_stores_nothing_on_either_database(personas):
    before = _counts()
    data = f"{HEADER}\n2021,Aparken,Aby,1,1,1,1,1,1,1\n2021,{'B' * 250},Bby,1,1,1,1,1,1,1\n"
    with pytest.raises(AreaListInputError, match="række 3, kolonne area"):
        services.criterion_import_create(
            actor=personas.alice, year=2021, data=data.encode(), file_name="områder.csv"
        )
    assert _counts() == before
