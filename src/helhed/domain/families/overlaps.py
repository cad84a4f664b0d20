"""Overlaps, conflicting demands and gaps among a family's interventions (indsatser).

In Viborg's Ellekonebakken some families had up to 14 interventions from different agencies,
uncoordinated and sometimes working against each other. This module makes that visible. Every
rule is evaluated on one day (`day`) for the interventions *active* on it:

    active on day  ⇔  start <= day <= end (an open end counts as no end)  and
                      status is "active", or "ended" with an end date

An ended intervention thus counts for the days it ran (the app requires the end date when it
ends), so the same rule answers "how many ran at the first network meeting?". Planned and paused
interventions never count.

1. Overlap (overlap): one member has two or more active interventions with the same goal
   category. One finding per (member, goal category), listing the interventions.
2. Conflict (conflict): one member has two active interventions whose demands on the member
   form a pair in CONFLICTING_DEMANDS (e.g. the job centre demands full availability while a
   doctor's treatment demands that the person is spared from work). One finding per (member,
   pair of interventions).
3. Gap (gap): a member with no active intervention at all. One finding per member.

A member outside the family's member list is ignored; an intervention counts for every member
it concerns. Findings come out in a fixed order (member, kind, interventions), so results can
be compared exactly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations

OVERLAP = "overlap"
CONFLICT = "conflict"
GAP = "gap"
KINDS = (OVERLAP, CONFLICT, GAP)

ACTIVE = "active"
ENDED = "ended"

# What an intervention demands of the member (blank: nothing that can collide).
AVAILABILITY = "availability"  # fuld rådighed: job, aktivering eller uddannelse på fuld tid
EXEMPTION = "exemption"  # skånehensyn: sygemelding eller behandling, der udelukker arbejde
SCHOOL_ATTENDANCE = "school_attendance"  # fuldt skolefremmøde
DAYTIME_TREATMENT = "daytime_treatment"  # behandling eller forløb i skole- eller arbejdstiden

CONFLICTING_DEMANDS: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({AVAILABILITY, EXEMPTION}),
        frozenset({AVAILABILITY, DAYTIME_TREATMENT}),
        frozenset({SCHOOL_ATTENDANCE, DAYTIME_TREATMENT}),
    }
)


@dataclass(frozen=True)
class InterventionFact:
    id: int
    member_ids: frozenset[int]
    goal_category: str
    status: str
    start: date
    end: date | None = None
    demand: str = ""

    def active_on(self, day: date) -> bool:
        if self.status == ENDED and self.end is None:
            return False  # ended, but nobody said when: it cannot count for any day
        if self.status not in (ACTIVE, ENDED):
            return False
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Finding:
    kind: str
    member_id: int
    intervention_ids: tuple[int, ...] = ()
    goal_category: str = ""


@dataclass(frozen=True)
class FamilyFlags:
    active: int
    findings: tuple[Finding, ...]

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)

    @property
    def overlaps(self) -> int:
        return self.count(OVERLAP)

    @property
    def conflicts(self) -> int:
        return self.count(CONFLICT)

    @property
    def gaps(self) -> int:
        return self.count(GAP)

    def for_member(self, member_id: int) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.member_id == member_id)


def demands_conflict(a: str, b: str) -> bool:
    return frozenset({a, b}) in CONFLICTING_DEMANDS


def detect(
    member_ids: Iterable[int], interventions: Iterable[InterventionFact], day: date
) -> FamilyFlags:
    """The findings for one family on `day` (see the module docstring for the rules)."""
    members = sorted(set(member_ids))
    active = sorted((i for i in interventions if i.active_on(day)), key=lambda i: i.id)
    per_member: dict[int, list[InterventionFact]] = defaultdict(list)
    for intervention in active:
        for member_id in intervention.member_ids:
            per_member[member_id].append(intervention)
    order = {kind: n for n, kind in enumerate(KINDS)}
    findings: list[Finding] = []
    for member_id in members:
        own = per_member.get(member_id, [])
        if not own:
            findings.append(Finding(GAP, member_id))
            continue
        by_goal: dict[str, list[int]] = defaultdict(list)
        for intervention in own:
            by_goal[intervention.goal_category].append(intervention.id)
        for goal_category, ids in sorted(by_goal.items()):
            if len(ids) >= 2:
                findings.append(Finding(OVERLAP, member_id, tuple(ids), goal_category))
        for a, b in combinations(own, 2):
            if a.demand and b.demand and demands_conflict(a.demand, b.demand):
                findings.append(Finding(CONFLICT, member_id, (a.id, b.id)))
    findings.sort(key=lambda f: (f.member_id, order[f.kind], f.intervention_ids, f.goal_category))
    return FamilyFlags(active=len(active), findings=tuple(findings))
