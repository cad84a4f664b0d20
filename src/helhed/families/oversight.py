"""Reads for oversight, where no person is ever visible: the board's aggregates, the SFI risk
share per area, and the audit log for administrators.

- Aggregates are counted over the families of the user's municipalities (access.py) and leave
  this module only as suppressed figures (domain.families.aggregates): counts under 5 are hidden.
  They are computed on request from a few hundred rows at most; storing snapshots would copy
  personal data for no gain.
- The risk share is read from the indicator snapshots (sfi_risk_children, area level) with the
  indicators app's suppression for the reader; it is never computed per child or per family.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from helhed.domain.families.aggregates import BoardFigures, FamilyFacts, board_figures
from helhed.domain.families.progress import goal_progress
from helhed.domain.indicators.registry import REGISTRY
from helhed.families import access
from helhed.families.models import AuditEntry, Family, FamilyStatus, Intervention
from helhed.indicators.selectors import Figure, current_values
from helhed.partnerships.models import Area

SFI_INDICATOR = "sfi_risk_children"
assert SFI_INDICATOR in REGISTRY, "the SFI indicator is defined in domain.indicators.registry"


def _facts(family: Family) -> FamilyFacts:
    meetings = sorted(m.held_on for m in family.meetings.all())
    interventions = [i.fact() for i in family.interventions.all()]

    def active_on(day: date | None) -> int:
        return 0 if day is None else sum(1 for i in interventions if i.active_on(day))

    actions = list(family.actions.all())
    scores = [
        (s.goal_id, s.meeting.held_on, s.score) for g in family.goals.all() for s in g.scores.all()
    ]
    changes = tuple(p.change for p in goal_progress(scores).values() if p.change is not None)
    return FamilyFacts(
        open=family.status == FamilyStatus.OPEN,
        meetings=len(meetings),
        interventions_at_first=active_on(meetings[0] if meetings else None),
        interventions_at_latest=active_on(meetings[-1] if meetings else None),
        actions_total=len(actions),
        actions_done=sum(1 for a in actions if a.done_on is not None),
        goal_changes=changes,
    )


def family_facts(user) -> list[FamilyFacts]:
    families = Family.objects.filter(pk__in=access.aggregate_family_ids(user)).prefetch_related(
        "meetings",
        "actions",
        "goals__scores__meeting",
        Prefetch("interventions", queryset=Intervention.objects.prefetch_related("member_links")),
    )
    return [_facts(f) for f in families]


def board(user) -> BoardFigures:
    return board_figures(family_facts(user))


@dataclass(frozen=True)
class RiskRow:
    area: Area
    figures: dict[int, Figure]


def risk_rows(user) -> tuple[list[int], list[RiskRow]]:
    """The SFI share per visible area and year, as the reader may see it."""
    areas = list(Area.objects.visible_to(user).select_related("municipality").order_by("name"))
    figures = current_values(
        user,
        units=[("area", a.code) for a in areas],
        indicators=[SFI_INDICATOR],
        level="area",
    )
    by_area: dict[str, dict[int, Figure]] = {}
    for figure in figures:
        by_area.setdefault(figure.unit_id, {})[figure.year] = figure
    years = sorted({f.year for f in figures})
    return years, [RiskRow(a, by_area.get(a.code, {})) for a in areas]


def _bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    tz = timezone.get_current_timezone()
    low = datetime.combine(start, time.min, tz) if start else None
    high = datetime.combine(end, time.max, tz) if end else None
    return low, high


def audit_entries(qs: QuerySet, *, start: date | None = None, end: date | None = None):
    low, high = _bounds(start, end)
    if low:
        qs = qs.filter(at__gte=low)
    if high:
        qs = qs.filter(at__lte=high)
    return qs.order_by("at", "pk")


def audit_for_user(user, *, start: date | None = None, end: date | None = None) -> QuerySet:
    return audit_entries(AuditEntry.objects.visible_to(user), start=start, end=end)
