"""The board's figures and their suppression, exact."""

from __future__ import annotations

import pytest

from helhed.domain.families.aggregates import FamilyFacts, Figure, board_figures


def facts(meetings=2, first=4, latest=2, total=2, done=1, changes=(2,), open_=True):
    return FamilyFacts(open_, meetings, first, latest, total, done, tuple(changes))


def test_five_followed_families_are_shown() -> None:
    rows = [
        facts(first=f, latest=l_, changes=(c,))
        for f, l_, c in [(14, 6, 3), (4, 3, 1), (5, 5, 0), (3, 2, -1), (4, 2, 2)]
    ]
    fig = board_figures(rows)
    assert fig.families_open == Figure(5.0, False)
    assert fig.families_closed == Figure(None, True)  # 0 closed: suppressed
    assert fig.families_followed == Figure(5.0, False)
    assert fig.interventions_first_avg == Figure(30 / 5, False)
    assert fig.interventions_latest_avg == Figure(18 / 5, False)
    assert fig.actions_total == Figure(10.0, False)
    assert fig.actions_done == Figure(5.0, False)
    assert fig.actions_done_pct == Figure(50.0, False)
    assert fig.goals_measured == Figure(5.0, False)
    assert fig.goals_improved_pct == Figure(None, True)  # 3 improved < 5
    assert fig.progress_change_avg == Figure(1.0, False)


def test_four_families_suppress_every_figure_about_them() -> None:
    fig = board_figures([facts() for _ in range(4)])
    assert fig.families_open.suppressed and fig.families_open.value is None
    assert fig.interventions_first_avg == Figure(None, True)
    assert fig.actions_done_pct == Figure(None, True)
    assert fig.progress_change_avg == Figure(None, True)


def test_families_with_one_meeting_do_not_count_for_before_after() -> None:
    rows = [facts() for _ in range(5)] + [facts(meetings=1, first=20, latest=20)]
    fig = board_figures(rows)
    assert fig.families_followed == Figure(5.0, False)
    assert fig.interventions_first_avg == Figure(4.0, False)
    assert fig.families_open == Figure(6.0, False)


@pytest.mark.parametrize(("n", "shown"), [(0, False), (4, False), (5, True)])
def test_count_threshold(n, shown) -> None:
    assert Figure.count(n) == (Figure(float(n), False) if shown else Figure(None, True))


def test_nothing_at_all() -> None:
    fig = board_figures([])
    assert all(f == Figure(None, True) for f in vars(fig).values())
