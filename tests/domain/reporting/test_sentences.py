"""The Danish sentence generator: exact text for every case it knows."""

from __future__ import annotations

from helhed.domain.indicators.definitions import Unit
from helhed.domain.indicators.registry import REGISTRY
from helhed.domain.reporting.phrases import SUBJECTS, Subject
from helhed.domain.reporting.sentences import TrendInput, choose_years, describe, paragraph
from helhed.domain.reporting.series import Point, UnitSeries

HIDDEN = object()  # a suppressed value, hidden for the reader


def series(name: str, values: dict[int, object]) -> UnitSeries:
    return UnitSeries(
        name,
        {y: Point(None, True) if v is HIDDEN else Point(v) for y, v in values.items()},  # type: ignore[arg-type]
    )


def trend(
    key: str,
    areas: list[UnitSeries],
    combined: dict | None,
    municipality: dict | None,
    *,
    year: int = 2020,
    unit: Unit = Unit.PCT,
) -> TrendInput:
    return TrendInput(
        SUBJECTS[key],
        unit,
        year,
        areas,
        series("Boligområderne samlet", combined) if combined is not None else None,
        series("Herning Kommune", municipality) if municipality is not None else None,
        "Herning Kommune",
    )


def three(a: dict, b: dict, c: dict) -> list[UnitSeries]:
    return [series("Brændgård", a), series("Holtbjerg", b), series("Lyngbyen", c)]


def test_fall_approaching_the_municipal_average_as_in_the_issue():
    t = trend(
        "charged_10_17",
        three({2019: 7.0, 2020: 5.0}, {2019: 6.5, 2020: 4.0}, {2019: 5.0, 2020: 3.5}),
        {2019: 6.0, 2020: 4.0},
        {2019: 2.0, 2020: 2.1},
    )
    assert describe(t) == [
        "Kriminaliteten blandt de 10–17-årige i boligområderne er faldet fra 2019 til 2020 og "
        "nærmer sig gennemsnittet for Herning Kommune.",
        "Kriminaliteten blandt de 10–17-årige er faldet i alle tre boligområder, mens den er "
        "stort set uændret i kommunen.",
    ]


def test_rise_in_every_area_while_the_municipality_falls_as_in_the_issue():
    t = trend(
        "education_benefit_18_29",
        three({2019: 16.0, 2020: 18.0}, {2019: 17.0, 2020: 19.5}, {2019: 12.0, 2020: 13.0}),
        {2019: 15.0, 2020: 17.0},
        {2019: 9.0, 2020: 8.0},
    )
    assert describe(t) == [
        "Andelen af unge på uddannelseshjælp i boligområderne er steget fra 2019 til 2020 og "
        "fjerner sig fra gennemsnittet for Herning Kommune.",
        "Andelen af unge på uddannelseshjælp er steget i alle tre boligområder, mens den er "
        "faldet i kommunen.",
    ]


def test_unchanged_within_the_tolerance_and_the_same_distance():
    # 0,4 percentage points is under the 0,5 tolerance for shares.
    t = trend(
        "child_case_0_17",
        three({2019: 9.0, 2020: 9.2}, {2019: 10.0, 2020: 10.3}, {2019: 8.0, 2020: 8.4}),
        {2019: 9.0, 2020: 9.4},
        {2019: 8.0, 2020: 8.2},
    )
    assert describe(t) == [
        "Andelen af børnesager i boligområderne er stort set uændret fra 2019 til 2020, og "
        "afstanden til gennemsnittet for Herning Kommune er stort set den samme.",
        "Andelen af børnesager er stort set uændret i alle tre boligområder og i kommunen.",
    ]


def test_a_plural_subject_is_uaendrede_and_kroner_use_a_relative_tolerance():
    # 2 % of 100.000 kr. is 2.000 kr.: a change of 1.500 kr. is no change. A total has no average.
    t = TrendInput(
        SUBJECTS["vandalism_cost"],
        Unit.KR,
        2020,
        [series("Holtbjerg", {2019: 100_000.0, 2020: 101_500.0})],
        None,
        None,
        "Herning Kommune",
    )
    assert describe(t) == [
        "Udgifterne til hærværk i Holtbjerg er stort set uændrede fra 2019 til 2020."
    ]


def test_the_average_is_reached():
    t = trend(
        "grade_danish_9",
        [series("Holtbjerg", {2019: 4.9, 2020: 5.5})],
        None,
        {2019: 5.6, 2020: 5.55},
        unit=Unit.MEAN,
    )
    assert describe(t) == [
        "Karaktergennemsnittet i dansk for 9. klasse i Holtbjerg er steget fra 2019 til 2020 og "
        "ligger nu på niveau med gennemsnittet for Herning Kommune."
    ]


def test_mixed_movements_name_the_areas_and_the_municipality_gets_its_own_sentence():
    t = trend(
        "youth_education_by_25",
        three({2019: 52.0, 2020: 61.0}, {2019: 56.0, 2020: 50.0}, {2019: 76.0, 2020: 82.0}),
        {2019: 60.0, 2020: 63.0},
        {2019: 74.0, 2020: 72.0},
    )
    assert describe(t)[1:] == [
        "Andelen af 25-årige med en fuldført ungdomsuddannelse er steget i Brændgård og "
        "Lyngbyen, men faldet i Holtbjerg.",
        "I kommunen er den faldet.",
    ]


def test_three_kinds_of_movement_in_one_sentence_with_a_neuter_pronoun():
    t = trend(
        "language_support_3_5",
        three({2019: 45.0, 2020: 37.0}, {2019: 46.8, 2020: 47.9}, {2019: 31.1, 2020: 30.8}),
        {2019: 41.0, 2020: 40.0},
        {2019: 34.0, 2020: 33.0},
    )
    assert describe(t)[1:] == [
        "Behovet for ekstra sproglig indsats i dagtilbud er steget i Holtbjerg, faldet i "
        "Brændgård og stort set uændret i Lyngbyen.",
        "I kommunen er det faldet.",
    ]


def test_two_areas_are_begge_and_the_same_direction_as_the_municipality():
    t = trend(
        "employment_18plus",
        [series("Holtbjerg", {2019: 42.0, 2020: 45.0}), series("Lyngbyen", {2019: 50, 2020: 52})],
        {2019: 45.0, 2020: 48.0},
        {2019: 54.0, 2020: 55.0},
    )
    assert describe(t)[1] == (
        "Andelen af beskæftigede blandt de 18+-årige er steget i begge boligområder og i kommunen."
    )


def test_a_suppressed_area_is_left_out_and_named():
    t = trend(
        "charged_10_17",
        three({2019: 7.0, 2020: 5.0}, {2019: 6.5, 2020: 4.0}, {2019: 2.0, 2020: HIDDEN}),
        {2019: 6.0, 2020: 4.0},
        {2019: 4.0, 2020: 3.0},
    )
    assert describe(t)[1:] == [
        "Kriminaliteten blandt de 10–17-årige er faldet i Brændgård og Holtbjerg og i kommunen.",
        "For Lyngbyen kan udviklingen ikke opgøres: tallet for 2020 er diskretioneret "
        "(for få personer).",
    ]


def test_suppressed_combined_value_moves_the_years_into_the_area_sentence():
    t = trend(
        "charged_10_17",
        three({2019: 6.3, 2020: 2.5}, {2019: 7.2, 2020: 5.9}, {2019: HIDDEN, 2020: HIDDEN}),
        {2019: HIDDEN, 2020: HIDDEN},
        {2019: 4.1, 2020: 3.2},
    )
    assert describe(t) == [
        "Udviklingen for boligområderne samlet kan ikke opgøres: tallene for 2019 og 2020 er "
        "diskretioneret (for få personer).",
        "Fra 2019 til 2020 er kriminaliteten blandt de 10–17-årige faldet i Brændgård og "
        "Holtbjerg og i kommunen.",
        "For Lyngbyen kan udviklingen ikke opgøres: tallene for 2019 og 2020 er diskretioneret "
        "(for få personer).",
    ]


def test_missing_and_suppressed_in_the_same_area_and_areas_grouped_by_reason():
    t = trend(
        "child_case_0_17",
        three({2020: 9.0}, {2019: HIDDEN, 2020: 9.5}, {2020: 8.0}),
        {2019: 8.0, 2020: 9.0},
        {2019: 8.0, 2020: 8.0},
    )
    assert describe(t)[1:] == [
        "For Brændgård og Lyngbyen kan udviklingen ikke opgøres: der er ingen tal for 2019.",
        "For Holtbjerg kan udviklingen ikke opgøres: tallet for 2019 er diskretioneret "
        "(for få personer).",
    ]


def test_the_report_year_without_figures_compares_the_latest_two_years():
    t = trend(
        "language_support_3_5",
        [series("Holtbjerg", {2019: 40.0, 2020: 35.0})],
        None,
        {2019: 30.0, 2020: 31.0},
        year=2021,
    )
    assert describe(t) == [
        "Der foreligger endnu ikke tal for 2021; de seneste tal er fra 2020.",
        "Behovet for ekstra sproglig indsats i dagtilbud i Holtbjerg er faldet fra 2019 til 2020 "
        "og nærmer sig gennemsnittet for Herning Kommune.",
    ]


def test_a_missing_year_in_between_is_said_and_bridged():
    t = trend(
        "move_out_rate",
        [series("Holtbjerg", {2019: 11.0, 2021: 10.0})],
        None,
        None,
        year=2021,
        unit=Unit.RATE,
    )
    assert choose_years(t) == (2019, 2021)
    assert describe(t) == [
        "Der mangler tal for 2020, så udviklingen er opgjort fra 2019 til 2021.",
        "Fraflytningsprocenten i Holtbjerg er faldet fra 2019 til 2021.",
    ]


def test_only_one_year_and_no_year_at_all():
    one = trend("charged_10_17", [series("Holtbjerg", {2020: 4.0})], None, {2020: 3.0})
    assert describe(one) == ["Der er kun tal for 2020, så udviklingen kan endnu ikke opgøres."]
    none = trend("charged_10_17", three({}, {}, {}), {}, {2020: 3.0})
    assert describe(none) == [
        "Der er endnu ingen tal for kriminaliteten blandt de 10–17-årige i boligområderne."
    ]


def test_a_missing_municipal_figure_is_said():
    t = trend(
        "education_benefit_18_29",
        [series("Holtbjerg", {2019: 17.0, 2020: 21.0})],
        None,
        {2020: 14.0},
    )
    assert paragraph(t) == (
        "Andelen af unge på uddannelseshjælp i Holtbjerg er steget fra 2019 til 2020. "
        "Der er ikke tal for Herning Kommune for både 2019 og 2020 at sammenligne med."
    )


def test_every_indicator_in_the_registry_has_a_prose_subject():
    assert set(SUBJECTS) == set(REGISTRY)
    assert all(s.pronoun in ("den", "det", "de") for s in SUBJECTS.values())
    assert Subject("udgifterne", "de").unchanged == "uændrede"
