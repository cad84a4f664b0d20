"""Input serializers of the families API, and the output of a family as the viewer may see it."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from helhed.domain.families import progress
from helhed.families.models import (
    AuditEntry,
    Demand,
    GoalCategory,
    InterventionKind,
    InterventionStatus,
    ParticipantKind,
)
from helhed.families.selectors import FamilyRecord, FamilyRow


def flags_dict(flags) -> dict[str, int] | None:
    if flags is None:
        return None
    return {
        "active": flags.active,
        "overlaps": flags.overlaps,
        "conflicts": flags.conflicts,
        "gaps": flags.gaps,
    }


def row_dict(row: FamilyRow) -> dict[str, Any]:
    f = row.family
    return {
        "code": f.code,
        "department": f.department.number,
        "status": f.status,
        "opened_on": f.opened_on,
        "closed_on": f.closed_on,
        "assigned": row.assigned,
        "flags": flags_dict(row.flags),
    }


def _identity(member) -> dict[str, Any]:
    return {
        "first_name": member.first_name,
        "last_name": member.last_name,
        "cpr": member.cpr,
        "birth_year": member.birth_year,
    }


def record_dict(record: FamilyRecord) -> dict[str, Any]:
    """The family as the viewer may see it: sections outside the consent are absent (None)."""
    viewer = record.viewer
    f = record.family
    identity = viewer.sees("identity")
    data: dict[str, Any] = {
        "code": f.code,
        "department": f.department.number,
        "status": f.status,
        "opened_on": f.opened_on,
        "closed_on": f.closed_on,
        "assigned": viewer.assigned,
        "categories": sorted(viewer.categories),
        "members": [
            {
                "id": m.member.pk,
                "pseudonym": m.member.pseudonym,
                "relation": m.member.relation,
                **(_identity(m.member) if identity else {}),
                "findings": [fi.kind for fi in m.findings],
            }
            for m in record.members
        ],
        "consents": None,
        "interventions": None,
        "flags": flags_dict(record.flags),
        "meetings": None,
        "goals": None,
        "actions": None,
    }
    if viewer.assigned:
        data["consents"] = [
            {
                "id": c.pk,
                "given_by": c.given_by,
                "categories": c.categories,
                "organisations": [o.pk for o in c.organisations.all()],
                "valid_from": c.valid_from,
                "valid_to": c.valid_to,
                "withdrawn_at": c.withdrawn_at,
            }
            for c in record.consents
        ]
    if viewer.sees("interventions"):
        data["interventions"] = [
            {
                "id": i.pk,
                "kind": i.kind,
                "title": i.title,
                "legal_basis": i.legal_basis,
                "organisation": i.organisation_id,
                "responsible_person": i.responsible_person,
                "members": [m.pk for m in i.members.all()],
                "goal": i.goal,
                "goal_category": i.goal_category,
                "demand": i.demand,
                "start_on": i.start_on,
                "end_on": i.end_on,
                "status": i.status,
            }
            for i in record.interventions
        ]
    if viewer.sees("meetings"):
        data["meetings"] = [
            {
                "id": m.pk,
                "held_on": m.held_on,
                "summary": m.summary,
                "participants": [
                    {"name": p.name, "kind": p.kind, "role": p.role} for p in m.participants.all()
                ],
            }
            for m in record.meetings
        ]
        data["goals"] = [
            {
                "id": g.goal.pk,
                "title": g.goal.title,
                "scores": [{"held_on": d, "score": s} for d, s in g.progress.points]
                if g.progress
                else [],
                "change": g.progress.change if g.progress else None,
            }
            for g in record.goals
        ]
        data["actions"] = [
            {
                "id": a.action.pk,
                "description": a.action.description,
                "owner": a.action.owner,
                "due_on": a.action.due_on,
                "done_on": a.action.done_on,
                "status": a.status,
            }
            for a in record.actions
        ]
    return data


class FamilyCreateInput(serializers.Serializer):
    department = serializers.IntegerField()
    opened_on = serializers.DateField()
    organisation = serializers.IntegerField(required=False)


class InterventionInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=InterventionKind.choices)
    title = serializers.CharField(max_length=200)
    legal_basis = serializers.CharField(max_length=200, required=False, default="")
    organisation = serializers.IntegerField()
    responsible_person = serializers.CharField(max_length=200, required=False, default="")
    members = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    goal = serializers.CharField(max_length=300)
    goal_category = serializers.ChoiceField(choices=GoalCategory.choices)
    demand = serializers.ChoiceField(choices=Demand.choices, required=False, default="")
    start_on = serializers.DateField()
    end_on = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(choices=InterventionStatus.choices, default="active")
    reason = serializers.CharField(required=False, default="", max_length=500)


class ParticipantInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=ParticipantKind.choices)
    role = serializers.CharField(max_length=200, required=False, default="")


class ActionInput(serializers.Serializer):
    description = serializers.CharField(max_length=300)
    owner = serializers.CharField(max_length=200)
    due_on = serializers.DateField()
    goal = serializers.IntegerField(required=False, allow_null=True, default=None)


class MeetingInput(serializers.Serializer):
    held_on = serializers.DateField()
    summary = serializers.CharField(required=False, default="", allow_blank=True)
    participants = ParticipantInput(many=True, required=False, default=list)
    new_goals = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list
    )
    new_actions = ActionInput(many=True, required=False, default=list)
    done_action_ids = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=progress.SCALE_MIN, max_value=progress.SCALE_MAX),
        required=False,
        default=dict,
    )


class CodeInput(serializers.Serializer):
    code = serializers.CharField(max_length=7)


class AuditEntryOutput(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "actor_username",
            "action",
            "object_type",
            "object_id",
            "family_code",
            "family_id",
            "reason",
            "detail",
        ]
