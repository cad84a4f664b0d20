"""Per-area timelines and the watch list of areas near a threshold."""

from __future__ import annotations

import pytest

from helhed.domain.arealists import AreaResult, Transition, screen, timelines, watch_list

from .builders import area, history


def three_years() -> list[AreaResult]:
    return screen(
        [
            area(2019, "Parken", lm=45, conv=0.1, edu=70, nonwestern=60),
            area(2020, "Parken", lm=41, conv=0.1, edu=61, nonwestern=60),
            area(2021, "Parken", lm=39.5, conv=0.1, edu=61, nonwestern=60, pop_18_64=1000),
            area(2021, "Bakken", lm=30.5, conv=0.1, income=54.0),
        ],
        history=history(("Parken", 2019, "ghetto"), known_years=range(2010, 2020)),
    )


def test_timeline_per_area_sorted_by_year() -> None:
    result = timelines(three_years(), history=history(("Parken", 2019, "ghetto")))
    assert list(result) == ["Bakken", "Parken"]
    parken = result["Parken"]
    assert [(p.year, p.lists, p.official_lists) for p in parken.points] == [
        (2019, ("udsat", "ghetto"), ("udsat", "ghetto")),
        (2020, ("udsat", "ghetto"), None),
        # Off udsat, but LM 39.5 % (> 30 %) and education 61 % with 60 % non-western: § 61 b.
        (2021, ("forebyggelse",), None),
    ]
    assert parken.points[2].values == {
        "labour_market": 39.5,
        "convictions": 0.1,
        "education": 61.0,
        "income": 80.0,
        "nonwestern": 60.0,
    }
    assert parken.points[2].criteria_met == (
        "education",
        "nonwestern",
        "fb_labour_market",
        "fb_nonwestern",
    )


def test_transitions() -> None:
    parken = timelines(three_years())["Parken"]
    assert parken.transitions() == (Transition(2021, ("forebyggelse",), ("udsat", "ghetto")),)


def test_undecided_years_are_no_transition() -> None:
    results = screen(
        [
            area(2021, "Parken", lm=45, edu=70),
            area(2022, "Parken", lm=45, edu=None),
            area(2023, "Parken"),
        ],
        history=history(known_years=range(2010, 2024)),
    )
    assert timelines(results)["Parken"].transitions() == ()


def test_watch_list_both_sides_of_the_line() -> None:
    items = watch_list(three_years(), margin_pp=1.2)
    assert [(i.area, i.year, i.criterion_id, i.distance_pp, i.met, i.persons) for i in items] == [
        ("Bakken", 2021, "fb_labour_market", 0.5, True, 5),
        ("Parken", 2021, "labour_market", -0.5, False, 6),
        ("Bakken", 2021, "income", -1.0, True, None),
        ("Parken", 2021, "education", 1.0, True, 6),
    ]


def test_watch_list_over_all_years() -> None:
    items = watch_list(three_years(), margin_pp=1.0, latest_only=False)
    assert [(i.area, i.year, i.criterion_id) for i in items] == [
        ("Bakken", 2021, "fb_labour_market"),
        ("Parken", 2021, "labour_market"),
        ("Bakken", 2021, "income"),
        ("Parken", 2020, "education"),
        ("Parken", 2020, "labour_market"),
        ("Parken", 2021, "education"),
    ]


def test_watch_list_margin_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="margin_pp must not be negative"):
        watch_list([], margin_pp=-1)
