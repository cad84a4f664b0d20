"""Overlap, conflict and gap detection: exact findings on hand-made families."""

from __future__ import annotations

from datetime import date

from helhed.domain.families.overlaps import (
    AVAILABILITY,
    CONFLICT,
    DAYTIME_TREATMENT,
    EXEMPTION,
    GAP,
    OVERLAP,
    SCHOOL_ATTENDANCE,
    Finding,
    InterventionFact,
    detect,
)

DAY = date(2025, 3, 1)


def iv(id_, members, goal, *, status="active", start=date(2025, 1, 1), end=None, demand=""):
    return InterventionFact(id_, frozenset(members), goal, status, start, end, demand)


def test_two_active_interventions_with_the_same_goal_for_one_member_overlap() -> None:
    flags = detect(
        [1, 2], [iv(10, [1], "school"), iv(11, [1], "school"), iv(12, [2], "health")], DAY
    )
    assert flags.findings == (Finding(OVERLAP, 1, (10, 11), "school"),)
    assert (flags.active, flags.overlaps, flags.conflicts, flags.gaps) == (3, 1, 0, 0)


def test_same_goal_for_different_members_is_no_overlap() -> None:
    flags = detect([1, 2], [iv(10, [1], "school"), iv(11, [2], "school")], DAY)
    assert flags.findings == ()


def test_a_shared_intervention_counts_for_every_member_it_concerns() -> None:
    # 20 is family treatment for both; 21 is member 2's own parenting course → overlap for 2 only
    flags = detect([1, 2], [iv(20, [1, 2], "parenting"), iv(21, [2], "parenting")], DAY)
    assert flags.findings == (Finding(OVERLAP, 2, (20, 21), "parenting"),)


def test_only_active_interventions_on_the_day_count() -> None:
    interventions = [
        iv(1, [1], "school"),
        iv(2, [1], "school", status="planned"),
        iv(3, [1], "school", status="paused"),
        iv(4, [1], "school", status="ended"),
        iv(5, [1], "school", start=date(2025, 3, 2)),  # starts tomorrow
        iv(6, [1], "school", end=date(2025, 2, 28)),  # ended yesterday
        iv(7, [1], "school", end=DAY),  # ends today: still active
        iv(8, [1], "school", status="ended", end=date(2025, 3, 5)),  # ran on the day, ended since
        iv(9, [1], "school", status="ended", end=date(2025, 2, 1)),  # over before the day
    ]
    flags = detect([1], interventions, DAY)
    assert flags.active == 3
    assert flags.findings == (Finding(OVERLAP, 1, (1, 7, 8), "school"),)


def test_an_ended_intervention_counts_for_the_days_it_ran() -> None:
    ended = iv(1, [1], "school", status="ended", start=date(2025, 1, 1), end=date(2025, 2, 1))
    assert [
        ended.active_on(d) for d in (date(2024, 12, 31), date(2025, 1, 15), date(2025, 2, 2))
    ] == [False, True, False]
    assert not iv(2, [1], "school", status="ended").active_on(DAY)  # no end date: never


def test_conflicting_demands_are_reported_per_pair() -> None:
    interventions = [
        iv(1, [1], "employment", demand=AVAILABILITY),
        iv(2, [1], "health", demand=EXEMPTION),
        iv(3, [1], "wellbeing", demand=DAYTIME_TREATMENT),
        iv(4, [2], "school", demand=SCHOOL_ATTENDANCE),
        iv(5, [2], "wellbeing", demand=DAYTIME_TREATMENT),
        iv(6, [2], "leisure", demand=EXEMPTION),  # exemption × school attendance: no rule
    ]
    flags = detect([1, 2], interventions, DAY)
    assert flags.findings == (
        Finding(CONFLICT, 1, (1, 2)),
        Finding(CONFLICT, 1, (1, 3)),
        Finding(CONFLICT, 2, (4, 5)),
    )
    assert flags.conflicts == 3


def test_same_demand_twice_is_no_conflict() -> None:
    flags = detect(
        [1],
        [iv(1, [1], "employment", demand=AVAILABILITY), iv(2, [1], "school", demand=AVAILABILITY)],
        DAY,
    )
    assert flags.findings == ()


def test_a_member_without_active_intervention_is_a_gap() -> None:
    flags = detect([1, 2, 3], [iv(1, [1], "school"), iv(2, [2], "school", status="ended")], DAY)
    assert flags.findings == (Finding(GAP, 2), Finding(GAP, 3))
    assert flags.for_member(3) == (Finding(GAP, 3),)


def test_interventions_for_unknown_members_are_ignored() -> None:
    flags = detect([1], [iv(1, [1], "school"), iv(2, [99], "school"), iv(3, [99], "school")], DAY)
    assert flags.findings == ()
    assert flags.active == 3


def test_the_fourteen_interventions_family() -> None:
    """The Ellekonebakken case in miniature: mother (1), father (2), three children (3–5)."""
    interventions = [
        iv(1, [1], "employment", demand=AVAILABILITY),
        iv(2, [1], "employment"),
        iv(3, [2], "employment", demand=AVAILABILITY),
        iv(4, [2], "health", demand=EXEMPTION),
        iv(5, [2], "employment"),
        iv(6, [1, 2, 3, 4, 5], "parenting"),
        iv(7, [3], "school", demand=SCHOOL_ATTENDANCE),
        iv(8, [3], "school"),
        iv(9, [3], "wellbeing", demand=DAYTIME_TREATMENT),
        iv(10, [3], "crime"),
        iv(11, [3, 4], "school"),
        iv(12, [5], "school"),
        iv(13, [5], "health", status="ended"),
        iv(14, [4], "school"),
    ]
    flags = detect([1, 2, 3, 4, 5], interventions, DAY)
    assert flags.findings == (
        Finding(OVERLAP, 1, (1, 2), "employment"),
        Finding(OVERLAP, 2, (3, 5), "employment"),
        Finding(CONFLICT, 2, (3, 4)),
        Finding(OVERLAP, 3, (7, 8, 11), "school"),
        Finding(CONFLICT, 3, (7, 9)),
        Finding(OVERLAP, 4, (11, 14), "school"),
    )
    assert (flags.active, flags.overlaps, flags.conflicts, flags.gaps) == (13, 4, 2, 0)
