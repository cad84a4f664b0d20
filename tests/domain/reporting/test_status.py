"""Targets and status: direction-aware, with the reason in Danish."""

from __future__ import annotations

import pytest

from helhed.domain.indicators.definitions import Better, Unit
from helhed.domain.reporting.phrases import dk_number, format_value, long_date, text_blocks
from helhed.domain.reporting.series import Movement, Point, UnitSeries, movement, tolerance
from helhed.domain.reporting.status import Status, Target, TargetKind, assess, describe_target


def s(values: dict, name: str = "Holtbjerg", hidden: tuple[int, ...] = ()) -> UnitSeries:
    points = {y: Point(v) for y, v in values.items()}
    points.update({y: Point(None, True) for y in hidden})
    return UnitSeries(name, points)


MUNI = s({2019: 4.0, 2020: 3.5, 2021: 3.6}, "Herning Kommune")
APPROACH = Target(TargetKind.APPROACH_AVERAGE, 2019)
NOT_WORSE = Target(TargetKind.NOT_WORSE, 2019)


def test_lower_is_better_approaching_the_average_is_on_track():
    a = assess(APPROACH, Better.LOWER, Unit.PCT, s({2019: 7.0, 2020: 5.0}), MUNI, 2020)
    assert (a.status, a.label, a.year) == (Status.ON_TRACK, "På rette spor", 2020)
    assert a.reason == (
        "Afstanden til kommunens gennemsnit er mindsket: 3,0 procentpoint i 2019, "
        "1,5 procentpoint i 2020."
    )


def test_moving_away_from_the_average_is_off_track_and_better_than_average_is_on_track():
    off = assess(APPROACH, Better.LOWER, Unit.PCT, s({2019: 7.0, 2020: 8.0}), MUNI, 2020)
    assert off.status is Status.OFF_TRACK
    below = assess(APPROACH, Better.LOWER, Unit.PCT, s({2019: 2.0, 2020: 1.0}), MUNI, 2020)
    assert below.status is Status.ON_TRACK
    assert below.reason == "På niveau med eller bedre end kommunens gennemsnit i 2020."
    # Higher is better: a value under the average is not "better than average".
    higher = assess(APPROACH, Better.HIGHER, Unit.PCT, s({2019: 2.0, 2020: 1.0}), MUNI, 2020)
    assert higher.status is Status.OFF_TRACK


def test_value_by_year_on_the_straight_line_reached_and_missed():
    target = Target(TargetKind.VALUE_BY_YEAR, 2019, 35.0, 2021)
    on = assess(target, Better.LOWER, Unit.PCT, s({2019: 45.0, 2020: 40.0}), None, 2020)
    assert on.status is Status.ON_TRACK
    assert on.reason == (
        "På vej mod måltallet 35,0 % i 2021: 40,0 % i 2020, forventet 40,0 % på en lige linje "
        "fra basisåret."
    )
    behind = assess(target, Better.LOWER, Unit.PCT, s({2019: 45.0, 2020: 44.0}), None, 2020)
    assert behind.status is Status.OFF_TRACK
    reached = assess(target, Better.LOWER, Unit.PCT, s({2019: 45.0, 2020: 34.0}), None, 2020)
    assert reached.reason == "Måltallet 35,0 % er nået (34,0 % i 2020)."
    missed = assess(target, Better.LOWER, Unit.PCT, s({2019: 45.0, 2021: 38.0}), None, 2021)
    assert (missed.status, missed.reason) == (
        Status.OFF_TRACK,
        "Måltallet 35,0 % for 2021 er ikke nået (38,0 % i 2021).",
    )


def test_at_least_as_good_as_last_year():
    on = assess(NOT_WORSE, Better.HIGHER, Unit.COUNT, s({2019: 31.0, 2020: 38.0}), None, 2020)
    assert on.reason == "Mindst lige så godt som året før: 31 i 2019, 38 i 2020."
    off = assess(NOT_WORSE, Better.LOWER, Unit.RATE, s({2020: 4.4, 2021: 8.3}), None, 2021)
    assert (off.status, off.reason) == (
        Status.OFF_TRACK,
        "Dårligere end året før: 4,4 i 2020, 8,3 i 2021.",
    )


def test_no_data_says_why():
    hidden = assess(APPROACH, Better.LOWER, Unit.PCT, s({}, hidden=(2019, 2020)), MUNI, 2020)
    assert (hidden.status, hidden.reason) == (
        Status.NO_DATA,
        "Tallet for Holtbjerg i 2020 er diskretioneret.",
    )
    stale = assess(
        NOT_WORSE, Better.LOWER, Unit.PCT, s({2018: 4, 2019: 5}, hidden=(2020,)), None, 2020
    )
    assert stale.reason == "Tallet for Holtbjerg i 2020 er diskretioneret."
    no_base = assess(APPROACH, Better.LOWER, Unit.PCT, s({2020: 5.0}, hidden=(2019,)), MUNI, 2020)
    assert no_base.reason == "Tallet for Holtbjerg i 2019 er diskretioneret."
    early = assess(APPROACH, Better.LOWER, Unit.PCT, s({2019: 5.0}), MUNI, 2019)
    assert early.reason == "Der er endnu ingen tal efter basisåret 2019."
    last = assess(NOT_WORSE, Better.LOWER, Unit.PCT, s({2020: 5.0}), None, 2020)
    assert last.reason == "Tallet for Holtbjerg i 2019 mangler."
    nothing = assess(NOT_WORSE, Better.LOWER, Unit.PCT, s({}), None, 2020)
    assert nothing.reason == "Der er ingen tal til og med 2020."


def test_neutral_indicators_and_impossible_targets_are_refused():
    with pytest.raises(ValueError, match="neutral"):
        assess(NOT_WORSE, Better.NEUTRAL, Unit.PCT, s({2019: 1.0, 2020: 2.0}), None, 2020)
    with pytest.raises(ValueError, match="målåret"):
        Target(TargetKind.VALUE_BY_YEAR, 2021, 10.0, 2020)
    with pytest.raises(ValueError, match="både en værdi"):
        Target(TargetKind.VALUE_BY_YEAR, 2019)


def test_target_descriptions():
    value = Target(TargetKind.VALUE_BY_YEAR, 2019, 75.0, 2021)
    assert describe_target(value, Better.HIGHER, Unit.PCT) == "Mindst 75,0 % i 2021 (basisår 2019)"
    assert describe_target(value, Better.LOWER, Unit.PCT) == "Højst 75,0 % i 2021 (basisår 2019)"
    assert describe_target(APPROACH, Better.LOWER, Unit.PCT) == (
        "Nærme sig kommunens gennemsnit (basisår 2019)"
    )
    assert describe_target(NOT_WORSE, Better.LOWER, Unit.PCT) == "Mindst lige så godt som året før"


def test_tolerance_and_movement():
    assert tolerance(Unit.PCT) == 0.5
    assert tolerance(Unit.KR, 300_000) == 6000
    assert tolerance(Unit.COUNT, 10) == 1.0
    assert movement(10.0, 10.49, Unit.PCT) is Movement.FLAT
    assert movement(10.0, 10.5, Unit.PCT) is Movement.RISE
    assert movement(5.6, 5.5, Unit.MEAN) is Movement.FALL


def test_danish_formatting():
    assert dk_number(1234567.5, 0) == "1.234.568"
    assert dk_number(5.25, 1) == "5,3"
    assert dk_number(-0.04, 1) == "0,0"
    assert dk_number(-12.345, 1) == "−12,3"
    assert format_value(48500, Unit.KR) == "48.500 kr."
    assert format_value(12.34, Unit.PCT) == "12,3 %"
    assert format_value(None, Unit.PCT) == "–"
    assert format_value(3.1, Unit.RATIO) == "3,10"
    from datetime import date

    assert long_date(date(2021, 2, 3)) == "3. februar 2021"


def test_free_text_blocks():
    text = "Første linje\nanden linje\n\n- punkt et\n• punkt to\n\n  \nSidste."
    assert text_blocks(text) == [
        ("p", ["Første linje", "anden linje"]),
        ("list", ["punkt et", "punkt to"]),
        ("p", ["Sidste."]),
    ]
