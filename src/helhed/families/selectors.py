"""Reads of family data for pages, the API and the CLI.

`get_family_for_user` is the choke point: a family outside the user's scope is a 404 (its
existence is not revealed), whatever the entry point. What a visible family shows depends on the
`Viewer` (access.py): sections the consent does not cover are left out here, not in templates.
Reads are logged by the callers through audit.record_read(s), with the reason given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from helhed.domain.families import codes, overlaps, progress
from helhed.families import access
from helhed.families.access import Viewer
from helhed.families.models import (
    Action,
    Consent,
    Family,
    FamilyGoal,
    Intervention,
    Member,
    NetworkMeeting,
)


def _not_found() -> Http404:
    return Http404(_("Findes ikke."))


def get_family_for_user(user, code: str, *, day: date | None = None) -> tuple[Family, Viewer]:
    normal = codes.normalise_code(code or "")
    if normal is None:
        raise _not_found()
    family = (
        Family.objects.visible_to(user, day)
        .select_related("department__municipality", "department__organisation")
        .filter(code=normal)
        .first()
    )
    if family is None:
        raise _not_found()
    viewer = access.viewer_for(user, family, day)
    if not viewer.can_view:  # the queryset and the viewer use the same rule; belt and braces
        raise _not_found()
    return family, viewer


def family_list(user, *, code: str = "") -> QuerySet:
    """Visible families, optionally the one with `code` (search is by family code only)."""
    qs = Family.objects.visible_to(user).select_related("department")
    if code:
        normal = codes.normalise_code(code)
        qs = qs.filter(code=normal) if normal else qs.none()
    return qs.order_by("status", "code")


def _with_facts(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(
        "members",
        Prefetch("interventions", queryset=Intervention.objects.prefetch_related("member_links")),
    )


def flags_for(family: Family, day: date) -> overlaps.FamilyFlags:
    """Findings over the family's prefetched members and interventions."""
    return overlaps.detect(
        [m.pk for m in family.members.all()],
        [i.fact() for i in family.interventions.all()],
        day,
    )


@dataclass(frozen=True)
class FamilyRow:
    family: Family
    flags: overlaps.FamilyFlags | None  # None when the viewer may not see interventions
    assigned: bool


def family_rows(user, families: Iterable[Family], *, day: date | None = None) -> list[FamilyRow]:
    day = day or access.today()
    rows = []
    for family in _with_facts(Family.objects.filter(pk__in=[f.pk for f in families])).order_by(
        "status", "code"
    ):
        viewer = access.viewer_for(user, family, day)
        flags = flags_for(family, day) if viewer.sees("interventions") else None
        rows.append(FamilyRow(family, flags, viewer.assigned))
    return rows


@dataclass(frozen=True)
class MemberView:
    member: Member
    label: str  # the name for those who see identities, else the pseudonym
    findings: tuple[overlaps.Finding, ...] = ()


@dataclass(frozen=True)
class ActionView:
    action: Action
    status: str


@dataclass(frozen=True)
class GoalView:
    goal: FamilyGoal
    progress: progress.GoalProgress | None


@dataclass
class FamilyRecord:
    family: Family
    viewer: Viewer
    day: date
    members: list[MemberView] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    flags: overlaps.FamilyFlags | None = None
    meetings: list[NetworkMeeting] = field(default_factory=list)
    goals: list[GoalView] = field(default_factory=list)
    actions: list[ActionView] = field(default_factory=list)
    coordinators: list = field(default_factory=list)

    def member_label(self, member_id: int) -> str:
        return next((m.label for m in self.members if m.member.pk == member_id), "")


def member_label(member: Member, viewer: Viewer) -> str:
    if viewer.sees("identity"):
        return f"{member.full_name} ({member.get_relation_display().lower()})"
    return f"{member.pseudonym} ({member.get_relation_display().lower()})"


def family_record(family: Family, viewer: Viewer, *, day: date | None = None) -> FamilyRecord:
    """Everything the record page shows the viewer, and nothing the consent does not cover."""
    day = day or access.today()
    family = _with_facts(Family.objects.filter(pk=family.pk)).select_related("department").get()
    record = FamilyRecord(family, viewer, day)
    record.coordinators = [a.user for a in family.assignments.select_related("user")]
    flags = flags_for(family, day)
    show_interventions = viewer.sees("interventions")
    for member in family.members.all():
        findings = flags.for_member(member.pk) if show_interventions else ()
        record.members.append(MemberView(member, member_label(member, viewer), findings))
    if viewer.assigned:
        record.consents = list(family.consents.prefetch_related("organisations"))
    if show_interventions:
        record.flags = flags
        record.interventions = list(
            family.interventions.select_related("organisation").prefetch_related("members")
        )
    if viewer.sees("meetings"):
        record.meetings = list(family.meetings.prefetch_related("participants"))
        record.goals = goal_views(family)
        record.actions = [
            ActionView(a, a.status_on(day))
            for a in family.actions.select_related("goal", "meeting", "done_at")
        ]
    return record


def goal_views(family: Family) -> list[GoalView]:
    goals = list(family.goals.prefetch_related("scores__meeting"))
    scores = [(s.goal_id, s.meeting.held_on, s.score) for g in goals for s in g.scores.all()]
    series = progress.goal_progress(scores)
    return [GoalView(g, series.get(g.pk)) for g in goals]


def meeting_for(family: Family, pk) -> NetworkMeeting:
    try:
        return family.meetings.prefetch_related("participants").get(pk=pk)
    except (NetworkMeeting.DoesNotExist, ValueError, TypeError) as exc:
        raise _not_found() from exc


def child_of(family: Family, model, pk):
    """An object of the family (member, consent, intervention, action) by id, else 404."""
    try:
        return model.objects.filter(family=family).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise _not_found() from exc


def open_actions(family: Family) -> QuerySet:
    return family.actions.filter(done_on__isnull=True).order_by("due_on", "pk")


def family_goals(family: Family) -> QuerySet:
    return family.goals.order_by("pk")


def assignable_coordinators(actor, family: Family) -> QuerySet:
    """Family coordinators of the actor's own coordinator organisations, not yet assigned."""
    from django.contrib.auth import get_user_model

    from helhed.accounts.models import Role

    return (
        get_user_model()
        .objects.filter(
            memberships__role=Role.FAMILY_COORDINATOR,
            memberships__organisation__in=access.coordinator_organisations(actor),
        )
        .exclude(family_assignments__family=family)
        .distinct()
        .order_by("username")
    )
