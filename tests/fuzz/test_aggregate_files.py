"""Malformed housing-organisation and survey files: a clear error or a correct import — never a
crash, never a partial write (hypothesis-generated)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from helhed.domain.indicators.aggregates import AggregateFileError
from helhed.indicators.models import AggregateRecord, ComputationRun, IndicatorValue
from helhed.indicators.services import aggregates_import

COLUMNS = ["department_id", "year", "indicator", "value", "numerator", "denominator", "area_id"]
AREAS = ["", "", "", "657-LYN", "657-BRA", "657-HOL", "791-ELL", "X"]  # mostly none; foreign
DEPARTMENTS = [
    "601-11",
    "601-12",
    "601-13",
    "603-21",
    "999-99",
    "",
    "601‑11",
]  # incl. foreign, empty, odd dash
INDICATORS = [
    "move_out_rate",
    "volunteers",
    "vandalism_cost",
    "leisure_jobs",
    "complaints_per_100_tenancies",
    "feel_safe_evening",
    "worried_about_crime",
    "part_of_community",
    "pupil_wellbeing",
    "hærværk",
    "",
]
CELLS = st.one_of(
    st.sampled_from(
        ["", "12", "12,5", "1.234", "-3", "nan", "inf", "=SUM(A1:A3)", "1e3", "tyve", " 7 ", "0"]
    ),
    st.integers(-5, 500).map(str),
    st.text(alphabet="0123456789,.-æøåÆØÅ= ", max_size=8),
)
ROW = st.fixed_dictionaries(
    {
        "department_id": st.sampled_from(DEPARTMENTS),
        "year": st.sampled_from(["2020", "2021", "20x1", "", "1850", "2020,0"]),
        "indicator": st.sampled_from(INDICATORS),
        "value": CELLS,
        "numerator": CELLS,
        "denominator": CELLS,
        "area_id": st.sampled_from(AREAS),
    }
)
FILES = st.fixed_dictionaries(
    {
        "rows": st.lists(ROW, min_size=0, max_size=12),
        "columns": st.one_of(
            st.just(COLUMNS),
            st.permutations(COLUMNS).map(list),
            st.lists(
                st.sampled_from([*COLUMNS, "ekstra", "Afdeling"]),
                min_size=1,
                max_size=8,
                unique=True,
            ),
        ),
        "separator": st.sampled_from([",", ";"]),
        "encoding": st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
        "kind": st.sampled_from(["csv", "csv", "xlsx"]),
    }
)


def _write(spec: dict, directory: Path) -> Path:
    header = spec["columns"]
    rows = [[row.get(column, "x") for column in header] for row in spec["rows"]]
    if spec["kind"] == "xlsx":
        path = directory / "tal.xlsx"
        book = Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        book.save(path)
        return path
    path = directory / "tal.csv"
    sep = spec["separator"]
    text = "\n".join(
        [sep.join(header), *(sep.join(cell.replace(sep, " ") for cell in row) for row in rows)]
    )
    path.write_bytes(text.encode(spec["encoding"], errors="replace"))
    return path


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=FILES)
def test_any_file_is_imported_whole_or_refused_whole(personas, spec):
    from helhed.partnerships.models import Organisation

    org = Organisation.objects.get(name="Fællesbo")
    before = (
        ComputationRun.objects.count(),
        AggregateRecord.objects.count(),
        IndicatorValue.objects.count(),
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(spec, Path(tmp))
        try:
            run = aggregates_import(actor=personas.carol, organisation=org, path=path)
        except AggregateFileError as error:
            assert error.problems and all(p.startswith("tal.") for p in error.problems), (
                error.problems
            )
            after = (
                ComputationRun.objects.count(),
                AggregateRecord.objects.count(),
                IndicatorValue.objects.count(),
            )
            assert after == before
            return
    # accepted: every data row is stored once, and every stored figure is a real number
    data_rows = [r for r in spec["rows"] if any(r.get(c, "") for c in COLUMNS)]
    assert AggregateRecord.objects.filter(run=run).count() == len(data_rows)
    for record in AggregateRecord.objects.filter(run=run):
        for number in (record.value, record.numerator, record.denominator):
            assert number is None or (number == number and abs(number) != float("inf"))
    run.delete()


def test_windows_1252_file_with_danish_letters_is_read(personas, tmp_path):
    from helhed.partnerships.models import Organisation

    path = tmp_path / "tal.csv"
    text = "department_id;year;indicator;value;numerator;denominator\n601-11;2020;volunteers;4;;\n"
    path.write_bytes(text.replace("volunteers;4", "volunteers;4").encode("cp1252"))
    run = aggregates_import(
        actor=personas.carol, organisation=Organisation.objects.get(name="Fællesbo"), path=path
    )
    assert run.row_count > 0


def test_nan_and_formulas_are_refused(personas, tmp_path):
    import pytest

    from helhed.partnerships.models import Organisation

    path = tmp_path / "tal.csv"
    path.write_text(
        "department_id,year,indicator,value,numerator,denominator\n"
        "601-11,2020,volunteers,nan,,\n601-12,2020,volunteers,=SUM(A1:A2),,\n",
        encoding="utf-8",
    )
    with pytest.raises(AggregateFileError) as error:
        aggregates_import(
            actor=personas.carol, organisation=Organisation.objects.get(name="Fællesbo"), path=path
        )
    assert any("række 2, kolonne value" in p for p in error.value.problems)
    assert any("række 3, kolonne value" in p for p in error.value.problems)
    assert not ComputationRun.objects.exists()
