"""Writes of family data: `<entity>_<verb>(*, actor, …)`, each in one transaction with its audit
row (audit.writing). The services check the actor's rights themselves (access.viewer_for), so the
HTML views, the API and the CLI cannot differ: outside scope is a 404 before a service is ever
reached, a visible family the actor may not change is a PermissionDenied (403) here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from helhed.domain.families import codes
from helhed.families import access, audit
from helhed.families.models import (
    Action,
    AuditAction,
    Consent,
    ConsentOrganisation,
    Family,
    FamilyAssignment,
    FamilyGoal,
    FamilyStatus,
    Intervention,
    InterventionMember,
    MeetingParticipant,
    Member,
    NetworkMeeting,
    ProgressScore,
)
from helhed.partnerships.models import Department, Organisation

MEMBER_FIELDS = ("relation", "first_name", "last_name", "cpr", "birth_year")
INTERVENTION_FIELDS = (
    "kind",
    "title",
    "legal_basis",
    "organisation",
    "responsible_person",
    "responsible_user",
    "goal",
    "goal_category",
    "demand",
    "start_on",
    "end_on",
    "status",
)


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Du har ikke adgang til at ændre dette."))


def _require_assigned(actor, family: Family) -> None:
    if not access.viewer_for(actor, family).can_edit_family:
        raise _deny()


def _unique_code() -> str:
    for _attempt in range(50):
        code = codes.new_code()
        if not Family.objects.filter(code=code).exists():
            return code
    raise RuntimeError("Kunne ikke finde en ledig familiekode.")


@transaction.atomic
def family_create(*, actor, department: Department, opened_on: date, organisation) -> Family:
    """A new family case; the actor (a family coordinator of `organisation`) is assigned."""
    if not access.coordinator_organisations(actor).filter(pk=organisation.pk).exists():
        raise _deny()
    if not Department.objects.visible_to(actor).filter(pk=department.pk).exists():
        raise ValidationError({"department": _("Vælg en afdeling, du har adgang til.")})
    with audit.writing(actor=actor, action=AuditAction.CREATE) as scope:
        family = Family(code=_unique_code(), department=department, opened_on=opened_on)
        family.full_clean()
        family.save()
        FamilyAssignment(
            family=family, user=actor, organisation=organisation, assigned_on=opened_on
        ).save()
        scope.family = family
    return family


@transaction.atomic
def family_assign(*, actor, family: Family, user) -> FamilyAssignment:
    """Assign another family coordinator of one of the actor's coordinator organisations."""
    _require_assigned(actor, family)
    organisation = (
        access.coordinator_organisations(user)
        .filter(pk__in=access.coordinator_organisations(actor))
        .first()
    )
    if organisation is None:
        raise ValidationError({"user": _("Brugeren er ikke familiebehandler i din organisation.")})
    with audit.writing(actor=actor, action=AuditAction.CREATE, family=family) as scope:
        assignment = FamilyAssignment(
            family=family, user=user, organisation=organisation, assigned_on=access.today()
        )
        assignment.save()
        scope.target(assignment)
        scope.detail = {"assigned_user": user.get_username()}
    return assignment


@transaction.atomic
def family_close(*, actor, family: Family, closed_on: date) -> Family:
    _require_assigned(actor, family)
    with audit.writing(actor=actor, action=AuditAction.CLOSE, family=family):
        family.status = FamilyStatus.CLOSED
        family.closed_on = closed_on
        family.full_clean()
        family.save()
    return family


@transaction.atomic
def member_create(*, actor, family: Family, **fields) -> Member:
    _require_assigned(actor, family)
    with audit.writing(actor=actor, action=AuditAction.CREATE, family=family) as scope:
        number = (family.members.aggregate(n=Max("number"))["n"] or 0) + 1
        member = Member(family=family, number=number, **_only(fields, MEMBER_FIELDS))
        member.full_clean()
        member.save()
        scope.target(member)
    return member


@transaction.atomic
def member_update(*, actor, member: Member, **fields) -> Member:
    _require_assigned(actor, member.family)
    changed = _assign(member, _only(fields, MEMBER_FIELDS))
    with audit.writing(
        actor=actor,
        action=AuditAction.UPDATE,
        family=member.family,
        obj=member,
        detail={"fields": changed},
    ):
        member.full_clean()
        member.save()
    return member


@transaction.atomic
def consent_create(
    *,
    actor,
    family: Family,
    given_by: str,
    categories: Sequence[str],
    organisations: Iterable[Organisation],
    valid_from: date,
    valid_to: date | None = None,
    note: str = "",
) -> Consent:
    _require_assigned(actor, family)
    organisations = list(organisations)
    if not organisations:
        raise ValidationError({"organisations": _("Vælg mindst én organisation.")})
    with audit.writing(actor=actor, action=AuditAction.CREATE, family=family) as scope:
        consent = Consent(
            family=family,
            given_by=given_by,
            categories=sorted(set(categories)),
            valid_from=valid_from,
            valid_to=valid_to,
            note=note,
        )
        consent.full_clean()
        consent.save()
        for organisation in organisations:
            ConsentOrganisation(consent=consent, organisation=organisation).save()
        scope.target(consent)
        scope.detail = {
            "categories": consent.categories,
            "organisations": sorted(o.pk for o in organisations),
        }
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent) -> Consent:
    """Withdrawal is immediate: from this moment the consent covers nobody (access.py)."""
    _require_assigned(actor, consent.family)
    if consent.withdrawn_at is not None:
        return consent
    with audit.writing(
        actor=actor, action=AuditAction.WITHDRAW, family=consent.family, obj=consent
    ):
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = actor
        consent.save()
    return consent


def _intervention_members(family: Family, members: Iterable[Member]) -> list[Member]:
    members = list(members)
    if not members:
        raise ValidationError({"members": _("Vælg mindst ét familiemedlem.")})
    if any(m.family_id != family.pk for m in members):
        raise ValidationError({"members": _("Medlemmet hører til en anden familie.")})
    return members


def _check_organisation(actor, viewer: access.Viewer, organisation: Organisation) -> None:
    if viewer.assigned:
        allowed = Organisation.objects.visible_to(actor).filter(pk=organisation.pk).exists()
    else:
        allowed = organisation.pk in viewer.partner_organisation_ids
    if not allowed:
        raise ValidationError({"organisation": _("Vælg en organisation, du kan registrere for.")})


@transaction.atomic
def intervention_create(
    *, actor, family: Family, members: Iterable[Member], reason: str = "", **fields
) -> Intervention:
    """`reason`: the tjenstlig begrundelse of a partner who is not assigned to the family."""
    viewer = access.viewer_for(actor, family)
    if not viewer.can_create_intervention:
        raise _deny()
    members = _intervention_members(family, members)
    values = _only(fields, INTERVENTION_FIELDS)
    _check_organisation(actor, viewer, values["organisation"])
    with audit.writing(
        actor=actor, action=AuditAction.CREATE, family=family, reason=reason
    ) as scope:
        intervention = Intervention(family=family, **values)
        intervention.full_clean()
        intervention.save()
        for member in members:
            InterventionMember(intervention=intervention, member=member).save()
        scope.target(intervention)
        scope.detail = {"members": len(members)}
    return intervention


@transaction.atomic
def intervention_update(
    *,
    actor,
    intervention: Intervention,
    members: Iterable[Member] | None = None,
    reason: str = "",
    **fields,
) -> Intervention:
    family = intervention.family
    viewer = access.viewer_for(actor, family)
    if not viewer.can_edit_intervention(intervention):
        raise _deny()
    values = _only(fields, INTERVENTION_FIELDS)
    if "organisation" in values:
        _check_organisation(actor, viewer, values["organisation"])
    changed = _assign(intervention, values)
    with audit.writing(
        actor=actor, action=AuditAction.UPDATE, family=family, obj=intervention, reason=reason
    ) as scope:
        intervention.full_clean()
        intervention.save()
        if members is not None:
            wanted = {m.pk: m for m in _intervention_members(family, members)}
            links = {link.member_id: link for link in intervention.member_links.all()}
            for member_id, link in links.items():
                if member_id not in wanted:
                    link.delete()
            for member_id, member in wanted.items():
                if member_id not in links:
                    InterventionMember(intervention=intervention, member=member).save()
            if set(wanted) != set(links):
                changed.append("members")
        scope.detail = {"fields": changed}
    return intervention


@dataclass(frozen=True)
class NewAction:
    description: str
    owner: str
    due_on: date
    goal: FamilyGoal | None = None


@transaction.atomic
def meeting_record(
    *,
    actor,
    family: Family,
    held_on: date,
    summary: str = "",
    participants: Sequence[tuple[str, str, str]] = (),
    new_goals: Sequence[str] = (),
    new_actions: Sequence[NewAction] = (),
    done_action_ids: Iterable[int] = (),
    scores: dict[int, int] | None = None,
) -> NetworkMeeting:
    """A network meeting in one go: participants (name, kind, role), the goals agreed, the
    actions agreed, the earlier actions followed up as done, and a 1–10 score per goal."""
    _require_assigned(actor, family)
    with audit.writing(actor=actor, action=AuditAction.CREATE, family=family) as scope:
        meeting = NetworkMeeting(family=family, held_on=held_on, summary=summary)
        meeting.full_clean()
        meeting.save()
        for name, kind, role in participants:
            participant = MeetingParticipant(meeting=meeting, name=name, kind=kind, role=role)
            participant.full_clean()
            participant.save()
        goals = []
        for title in new_goals:
            goal = FamilyGoal(family=family, agreed_at=meeting, title=title)
            goal.full_clean()
            goal.save()
            goals.append(goal)
        for new in new_actions:
            _new_action(family, meeting, new)
        done = 0
        for action in family.actions.filter(pk__in=list(done_action_ids), done_on__isnull=True):
            action.done_on, action.done_at = held_on, meeting
            action.save()
            done += 1
        valid_goals = set(family.goals.values_list("pk", flat=True))
        for goal_id, score in (scores or {}).items():
            if goal_id not in valid_goals:
                raise ValidationError({"scores": _("Målet hører til en anden familie.")})
            progress_score = ProgressScore(goal_id=goal_id, meeting=meeting, score=score)
            progress_score.full_clean()
            progress_score.save()
        scope.target(meeting)
        scope.detail = {
            "participants": len(participants),
            "goals": len(goals),
            "actions": len(new_actions),
            "done": done,
            "scores": len(scores or {}),
        }
    return meeting


def _new_action(family: Family, meeting: NetworkMeeting, new: NewAction) -> Action:
    if new.goal is not None and new.goal.family_id != family.pk:
        raise ValidationError({"goal": _("Målet hører til en anden familie.")})
    action = Action(
        family=family,
        meeting=meeting,
        goal=new.goal,
        description=new.description,
        owner=new.owner,
        due_on=new.due_on,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_create(*, actor, meeting: NetworkMeeting, new: NewAction) -> Action:
    _require_assigned(actor, meeting.family)
    with audit.writing(actor=actor, action=AuditAction.CREATE, family=meeting.family) as scope:
        action = _new_action(meeting.family, meeting, new)
        scope.target(action)
    return action


@transaction.atomic
def action_complete(
    *, actor, action: Action, done_on: date, meeting: NetworkMeeting | None = None
) -> Action:
    _require_assigned(actor, action.family)
    if meeting is not None and meeting.family_id != action.family_id:
        raise ValidationError({"meeting": _("Mødet hører til en anden familie.")})
    with audit.writing(
        actor=actor,
        action=AuditAction.UPDATE,
        family=action.family,
        obj=action,
        detail={"fields": ["done_on", "done_at"]},
    ):
        action.done_on, action.done_at = done_on, meeting
        action.full_clean()
        action.save()
    return action


def _only(fields: dict, allowed: Sequence[str]) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return dict(fields)


def _assign(obj, values: dict) -> list[str]:
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed
