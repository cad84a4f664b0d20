from __future__ import annotations

from datetime import date

import pytest

from helhed.domain.families.progress import (
    DONE,
    OPEN,
    OVERDUE,
    action_status,
    check_score,
    goal_progress,
)

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("due", "done", "expected"),
    [
        (date(2025, 6, 1), None, OPEN),  # due today: not overdue yet
        (date(2025, 5, 31), None, OVERDUE),
        (date(2025, 5, 1), date(2025, 5, 20), DONE),
        (date(2025, 5, 1), date(2025, 5, 20), DONE),
        (date(2025, 7, 1), date(2025, 5, 2), DONE),  # done early
    ],
)
def test_action_status(due, done, expected) -> None:
    assert action_status(due, done, TODAY) == expected


@pytest.mark.parametrize("score", [1, 5, 10])
def test_scores_on_the_scale(score) -> None:
    assert check_score(score) == score


@pytest.mark.parametrize(
    ("score", "error"), [(0, ValueError), (11, ValueError), (True, TypeError), (5.0, TypeError)]
)
def test_scores_off_the_scale(score, error) -> None:
    with pytest.raises(error):
        check_score(score)


def test_goal_progress_orders_by_date_and_measures_change() -> None:
    series = goal_progress(
        [
            (1, date(2025, 3, 1), 6),
            (1, date(2025, 1, 1), 2),
            (2, date(2025, 1, 1), 7),
            (1, date(2025, 2, 1), 4),
        ]
    )
    assert series[1].points == ((date(2025, 1, 1), 2), (date(2025, 2, 1), 4), (date(2025, 3, 1), 6))
    assert (series[1].first, series[1].latest, series[1].change) == (2, 6, 4)
    assert series[2].change is None  # scored once


def test_goal_progress_rejects_a_score_off_the_scale() -> None:
    with pytest.raises(ValueError):
        goal_progress([(1, date(2025, 1, 1), 12)])
