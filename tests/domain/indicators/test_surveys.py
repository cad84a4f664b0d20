"""Survey results: defined in the registry, delivered per department or area in the aggregate
file format, validated as a whole and rolled up exactly with respondents as denominator."""

from __future__ import annotations

from pathlib import Path

import pytest

from helhed.domain.indicators.aggregates import (
    AggregateFileError,
    read_aggregate_file,
    rollup_aggregates,
)
from helhed.domain.indicators.definitions import HOUSING_LEVELS, Measure, Source, Unit
from helhed.domain.indicators.registry import (
    SURVEY_MIN_RESPONDENTS,
    delivered_definitions,
    survey_definitions,
)
from tests.domain.indicators.test_aggregates import DEPARTMENTS, by_unit

# 100-01 is in A1 "Solparken" from 2020; 100-02 in A1 2020-2022 and in A2 "Engen" from 2023.
SURVEY = """department_id;year;indicator;value;numerator;denominator;area_id
100-01;2022;feel_safe_evening;;30;40;
100-02;2022;feel_safe_evening;60;9;15;
;2023;feel_safe_evening;;57;76;A1
100-02;2023;pupil_wellbeing;;84,5;25;
;2023;pupil_wellbeing;3,9;46,8;12;A1
"""


def test_the_survey_definitions() -> None:
    surveys = {d.key: d for d in survey_definitions()}
    assert set(surveys) == {
        "feel_safe_evening",
        "worried_about_crime",
        "part_of_community",
        "pupil_wellbeing",
    }
    assert set(surveys.values()) <= set(delivered_definitions())
    for d in surveys.values():
        assert d.source is Source.SURVEY and d.levels == HOUSING_LEVELS
        assert (d.min_numerator, d.min_denominator) == (None, SURVEY_MIN_RESPONDENTS) == (None, 20)
        assert "Kilde:" in d.description or "trivselsmåling" in d.description
    assert surveys["pupil_wellbeing"].measure is Measure.MEAN
    assert surveys["pupil_wellbeing"].scale == (1, 5)
    assert "Den nationale trivselsmåling" in surveys["pupil_wellbeing"].description
    assert "tryghedsundersøgelse" in surveys["feel_safe_evening"].description
    assert all(surveys[k].unit is Unit.PCT for k in surveys if k != "pupil_wellbeing")


def test_survey_rollup_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "tryghed.csv"
    path.write_text(SURVEY, encoding="utf-8")
    rows = read_aggregate_file(path, DEPARTMENTS)
    assert [(r.department_id, r.area_id) for r in rows] == [
        ("100-01", None),
        ("100-02", None),
        (None, "A1"),
        ("100-02", None),
        (None, "A1"),
    ]
    found = by_unit(rollup_aggregates(rows, DEPARTMENTS, {"657": "Herning Kommune"}))
    assert found == {
        # 30 of 40 respondents feel safe
        ("department", "100-01", "feel_safe_evening", 2022): (75.0, 30, 40, False),
        # 15 respondents: below 20, hidden outside the data owner
        ("department", "100-02", "feel_safe_evening", 2022): (60.0, 9, 15, True),
        # the area sums respondents: (30 + 9) / (40 + 15)
        ("area", "A1", "feel_safe_evening", 2022): (100 * 39 / 55, 39, 55, False),
        ("municipality", "657", "feel_safe_evening", 2022): (100 * 39 / 55, 39, 55, False),
        # delivered for the whole area: as given, and on to the municipality
        ("area", "A1", "feel_safe_evening", 2023): (75.0, 57, 76, False),
        ("municipality", "657", "feel_safe_evening", 2023): (75.0, 57, 76, False),
        # a mean: summed scores / respondents; 100-02 is in A2 in 2023
        ("department", "100-02", "pupil_wellbeing", 2023): (3.38, 84.5, 25, False),
        ("area", "A2", "pupil_wellbeing", 2023): (3.38, 84.5, 25, False),
        ("area", "A1", "pupil_wellbeing", 2023): (46.8 / 12, 46.8, 12, True),
        ("municipality", "657", "pupil_wellbeing", 2023): (
            (84.5 + 46.8) / 37,
            84.5 + 46.8,
            37,
            False,
        ),
    }
    assert found[("area", "A1", "pupil_wellbeing", 2023)][0] == pytest.approx(3.9)


def test_bad_survey_file_names_file_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "tryghed.csv"
    path.write_text(
        "department_id,year,indicator,value,numerator,denominator,area_id\n"
        "100-01,2022,feel_safe_evening,,41,40,\n"
        "100-01,2022,worried_about_crime,,3,12.5,\n"
        "100-01,2022,pupil_wellbeing,,3.9,30,\n"
        ",2022,move_out_rate,,5,100,A1\n"
        "100-01,2022,part_of_community,,10,30,A1\n"
        ",2022,part_of_community,,10,30,B9\n"
        ",2022,feel_safe_evening,50,30,40,A1\n"
        ",2022,worried_about_crime,,,40,A2\n",
        encoding="utf-8",
    )
    with pytest.raises(AggregateFileError) as caught:
        read_aggregate_file(path, DEPARTMENTS)
    assert caught.value.problems == [
        "tryghed.csv, række 2, kolonne numerator: kan ikke være større end nævneren "
        "(40 besvarelser)",
        "tryghed.csv, række 3, kolonne denominator: antal besvarelser skal være et helt tal, "
        "ikke 12.5",
        "tryghed.csv, række 4, kolonne numerator: gennemsnittet 0.13 ligger uden for skalaen 1-5 "
        "(tælleren er summen af scorerne, nævneren antal besvarelser)",
        "tryghed.csv, række 5, kolonne area_id: move_out_rate indleveres pr. afdeling "
        "(department_id)",
        "tryghed.csv, række 6, kolonne area_id: angiv enten department_id eller area_id, "
        "ikke begge",
        "tryghed.csv, række 7, kolonne area_id: ukendt boligområde 'B9'",
        "tryghed.csv, række 8, kolonne value: passer ikke med tæller/nævner (forventet 75.0)",
        "tryghed.csv, række 9, kolonne numerator: worried_about_crime kræver tæller",
        # the whole area and one of its departments for the same year and indicator
        "tryghed.csv, række 2, kolonne department_id: afdelingen hører til Solparken i 2022, "
        "som har et tal for hele området i række 8; angiv området eller dets afdelinger, "
        "ikke begge",
    ]
    assert str(caught.value).startswith("Filen har 9 fejl, intet er indlæst:")


def test_an_area_row_twice_and_a_department_in_another_year(tmp_path: Path) -> None:
    path = tmp_path / "tryghed.csv"
    path.write_text(
        SURVEY + ";2023;feel_safe_evening;;50;70;A1\n",  # row 7 repeats row 4
        encoding="utf-8",
    )
    with pytest.raises(AggregateFileError) as caught:
        read_aggregate_file(path, DEPARTMENTS)
    assert caught.value.problems == [
        "tryghed.csv, række 7, kolonne indicator: samme boligområde, år og indikator som række 4"
    ]
    # 100-02 left A1 after 2022, so its 2023 row next to A1's whole-area row is no conflict
    path.write_text(SURVEY + "100-02;2023;feel_safe_evening;;20;25;\n", encoding="utf-8")
    rows = rollup_aggregates(read_aggregate_file(path, DEPARTMENTS), DEPARTMENTS)
    municipality = next(
        r
        for r in rows
        if (r.level, r.indicator, r.year) == ("municipality", "feel_safe_evening", 2023)
    )
    assert (municipality.numerator, municipality.denominator) == (77, 101)
