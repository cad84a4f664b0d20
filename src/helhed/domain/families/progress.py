"""The progress scale (1–10) for the family's goals, and the follow-up status of actions.

At every network meeting the family and the network score each agreed goal from 1 (far from
the goal) to 10 (the goal is reached). Progress of a goal is its latest score minus its first.

An agreed action (handling) is
    done     when it has been marked done (whatever the date),
    overdue  when it is not done and its due date is before `today`,
    open     otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

SCALE_MIN = 1
SCALE_MAX = 10

OPEN = "open"
DONE = "done"
OVERDUE = "overdue"


def check_score(score: int) -> int:
    if isinstance(score, bool) or not isinstance(score, int):
        raise TypeError("score must be an integer")
    if not SCALE_MIN <= score <= SCALE_MAX:
        raise ValueError(f"score must be between {SCALE_MIN} and {SCALE_MAX}")
    return score


def action_status(due_on: date, done_on: date | None, today: date) -> str:
    if done_on is not None:
        return DONE
    return OVERDUE if due_on < today else OPEN


@dataclass(frozen=True)
class GoalProgress:
    goal_id: int
    points: tuple[tuple[date, int], ...]  # (meeting date, score), oldest first

    @property
    def first(self) -> int:
        return self.points[0][1]

    @property
    def latest(self) -> int:
        return self.points[-1][1]

    @property
    def change(self) -> int | None:
        """Latest minus first score; None until the goal has been scored twice."""
        return self.latest - self.first if len(self.points) >= 2 else None


def goal_progress(scores: Iterable[tuple[int, date, int]]) -> dict[int, GoalProgress]:
    """(goal id, meeting date, score) rows → each goal's scores over time."""
    points: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for goal_id, day, score in scores:
        points[goal_id].append((day, check_score(score)))
    return {goal_id: GoalProgress(goal_id, tuple(sorted(p))) for goal_id, p in points.items()}
