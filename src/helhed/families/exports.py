"""Exports: everything held about one person (data-subject export, JSON) and the audit log for a
data-protection officer (CSV or XLSX). Both are logged in the audit log themselves.

The data-subject export holds the member's own record, the family's case and consent, the
interventions concerning the member, the network meetings (participants by role, not by name:
they are other people), goals with their scores, actions, and the access log of the family
(who read or changed it, when and why) — the recipients the person has a right to know.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook

from helhed.domain.spreadsheet import csv_row, xlsx_append
from helhed.families import audit
from helhed.families.models import AuditAction, AuditEntry, Member
from helhed.families.models.audit import OBJECT_LABELS

FORMAT = "helhed.families.subject-export/1"


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _subject_data(member: Member) -> dict[str, Any]:
    family = member.family
    interventions = member.interventions.select_related("organisation").order_by("start_on", "pk")
    meetings = family.meetings.prefetch_related("participants")
    goals = family.goals.prefetch_related("scores__meeting").select_related("agreed_at")
    access_log = AuditEntry.objects.filter(family_id=family.pk).order_by("at", "pk")
    return {
        "format": FORMAT,
        "exported_at": _iso(timezone.now()),
        "person": {
            "pseudonym": member.pseudonym,
            "relation": member.get_relation_display(),
            "first_name": member.first_name,
            "last_name": member.last_name,
            "cpr": member.cpr,
            "birth_year": member.birth_year,
        },
        "case": {
            "family_code": family.code,
            "department": str(family.department),
            "status": family.get_status_display(),
            "opened_on": _iso(family.opened_on),
            "closed_on": _iso(family.closed_on),
            "coordinators": [
                a.user.get_full_name() or a.user.get_username()
                for a in family.assignments.select_related("user")
            ],
        },
        "consents": [
            {
                "given_by": c.given_by,
                "categories": c.category_labels(),
                "organisations": [o.name for o in c.organisations.all()],
                "valid_from": _iso(c.valid_from),
                "valid_to": _iso(c.valid_to),
                "withdrawn_at": _iso(c.withdrawn_at),
                "note": c.note,
            }
            for c in family.consents.prefetch_related("organisations")
        ],
        "interventions": [
            {
                "kind": i.get_kind_display(),
                "title": i.title,
                "legal_basis": i.legal_basis,
                "organisation": i.organisation.name,
                "responsible_person": i.responsible_person,
                "goal": i.goal,
                "goal_category": i.get_goal_category_display(),
                "demand": i.get_demand_display(),
                "start_on": _iso(i.start_on),
                "end_on": _iso(i.end_on),
                "status": i.get_status_display(),
            }
            for i in interventions
        ],
        "network_meetings": [
            {
                "held_on": _iso(m.held_on),
                "summary": m.summary,
                "participants": [
                    {"kind": p.get_kind_display(), "role": p.role} for p in m.participants.all()
                ],
            }
            for m in meetings
        ],
        "goals": [
            {
                "title": g.title,
                "agreed_on": _iso(g.agreed_at.held_on),
                "scores": [
                    {"held_on": _iso(s.meeting.held_on), "score": s.score} for s in g.scores.all()
                ],
            }
            for g in goals
        ],
        "actions": [
            {
                "description": a.description,
                "owner": a.owner,
                "due_on": _iso(a.due_on),
                "done_on": _iso(a.done_on),
            }
            for a in family.actions.all()
        ],
        "access_log": [
            {
                "at": _iso(e.at),
                "user": e.actor_username,
                "action": e.get_action_display(),
                "object": e.object_label,
                "reason": e.reason,
            }
            for e in access_log
        ],
    }


@transaction.atomic
def subject_export(*, actor, member: Member, reason: str = "") -> dict[str, Any]:
    """Everything about `member`, with an audit row for the export itself (written first, so the
    export's own access log includes it)."""
    audit.record_read(
        actor=actor,
        family=member.family,
        action=AuditAction.SUBJECT_EXPORT,
        obj=member,
        reason=reason,
    )
    return _subject_data(member)


AUDIT_COLUMNS = (
    "Tidspunkt",
    "Bruger",
    "Handling",
    "Objekt",
    "Objekt-id",
    "Familiekode",
    "Familie-id",
    "Begrundelse",
    "Detaljer",
)


def audit_rows(entries: QuerySet) -> list[tuple]:
    import json

    return [
        (
            _iso(e.at),
            e.actor_username,
            e.get_action_display(),
            str(OBJECT_LABELS.get(e.object_type, e.object_type)),
            e.object_id,
            e.family_code,
            e.family_id,
            e.reason,
            json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail else "",
        )
        for e in entries
    ]


def audit_file(*, actor, entries: QuerySet, fmt: str, detail: dict | None = None) -> bytes:
    """The entries as CSV (UTF-8 with BOM, semicolons, for Danish Excel) or XLSX, logged."""
    rows = audit_rows(entries)
    audit.record_event(
        actor=actor,
        action=AuditAction.AUDIT_EXPORT,
        detail={"format": fmt, "rows": len(rows), **(detail or {})},
    )
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";")
        writer.writerow(AUDIT_COLUMNS)
        writer.writerows(csv_row(row) for row in rows)
        return ("\ufeff" + text.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = "Revisionslog"
        sheet.append(AUDIT_COLUMNS)
        for row in rows:
            xlsx_append(sheet, row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    raise ValueError(f"unknown format {fmt!r}")
