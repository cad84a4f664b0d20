"""The board's figures across families, with small counts suppressed (diskretionering).

Input is one `FamilyFacts` per family — counts only, nothing that names a person. The rule:

- a count under THRESHOLD (5) is suppressed, zero included ("0 of 3 families" says something
  about each of them);
- an average or share is suppressed when fewer than THRESHOLD families contribute to it, or
  when a count it is computed from is suppressed.

"Before/after" compares the number of active interventions on the day of a family's first
network meeting with the number on the day of its latest; only families with at least two
meetings contribute ("fulgt op").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

THRESHOLD = 5


@dataclass(frozen=True)
class FamilyFacts:
    open: bool
    meetings: int
    interventions_at_first: int
    interventions_at_latest: int
    actions_total: int
    actions_done: int
    goal_changes: tuple[int, ...] = ()  # latest minus first score, per goal scored twice


@dataclass(frozen=True)
class Figure:
    value: float | None
    suppressed: bool

    @classmethod
    def count(cls, n: int, threshold: int = THRESHOLD) -> Figure:
        return cls(None, True) if n < threshold else cls(float(n), False)


@dataclass(frozen=True)
class BoardFigures:
    families_open: Figure
    families_closed: Figure
    families_followed: Figure
    interventions_first_avg: Figure
    interventions_latest_avg: Figure
    actions_total: Figure
    actions_done: Figure
    actions_done_pct: Figure
    goals_measured: Figure
    goals_improved_pct: Figure
    progress_change_avg: Figure


def _derived(value: float, *, families: int, counts: Iterable[int], threshold: int) -> Figure:
    if families < threshold or any(c < threshold for c in counts):
        return Figure(None, True)
    return Figure(value, False)


def board_figures(facts: Iterable[FamilyFacts], *, threshold: int = THRESHOLD) -> BoardFigures:
    rows = list(facts)
    followed = [f for f in rows if f.meetings >= 2]
    with_actions = [f for f in rows if f.actions_total]
    actions_total = sum(f.actions_total for f in rows)
    actions_done = sum(f.actions_done for f in rows)
    changes = [c for f in rows for c in f.goal_changes]
    scored_families = sum(1 for f in rows if f.goal_changes)
    improved = sum(1 for c in changes if c > 0)
    n = len(followed)
    return BoardFigures(
        families_open=Figure.count(sum(1 for f in rows if f.open), threshold),
        families_closed=Figure.count(sum(1 for f in rows if not f.open), threshold),
        families_followed=Figure.count(n, threshold),
        interventions_first_avg=_derived(
            sum(f.interventions_at_first for f in followed) / n if n else 0.0,
            families=n,
            counts=(),
            threshold=threshold,
        ),
        interventions_latest_avg=_derived(
            sum(f.interventions_at_latest for f in followed) / n if n else 0.0,
            families=n,
            counts=(),
            threshold=threshold,
        ),
        actions_total=Figure.count(actions_total, threshold),
        actions_done=Figure.count(actions_done, threshold),
        actions_done_pct=_derived(
            100 * actions_done / actions_total if actions_total else 0.0,
            families=len(with_actions),
            counts=(actions_done, actions_total),
            threshold=threshold,
        ),
        goals_measured=Figure.count(len(changes), threshold),
        goals_improved_pct=_derived(
            100 * improved / len(changes) if changes else 0.0,
            families=scored_families,
            counts=(improved, len(changes)),
            threshold=threshold,
        ),
        progress_change_avg=_derived(
            sum(changes) / len(changes) if changes else 0.0,
            families=scored_families,
            counts=(len(changes),),
            threshold=threshold,
        ),
    )
