"""Retention (opbevaringsfrist): closed family cases are deleted after a configurable period.

`helhed retention --dry-run|--apply` runs `retention_run`. A family is due when its case closed
more than HELHED_FAMILIES_RETENTION_MONTHS months ago (default 24; domain.families.retention has
the exact date rule). Deletion removes the family and everything under it — members, consent,
interventions, meetings, goals, actions, scores — in one transaction per family, with an audit
row that keeps no personal data: the family's id and pseudonymous code, the rule applied and
counts. Earlier audit rows about the family stay (they hold no field values either).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet

from helhed.domain.families.retention import months_before
from helhed.families import access, audit
from helhed.families.models import AuditAction, Family, FamilyStatus

ENV_VAR = "HELHED_FAMILIES_RETENTION_MONTHS"
DEFAULT_MONTHS = 24


def retention_months() -> int:
    """From settings if set there, else from the environment, else 24."""
    raw = getattr(settings, ENV_VAR, None)
    if raw is None:
        raw = os.environ.get(ENV_VAR, DEFAULT_MONTHS)
    try:
        months = int(str(raw))
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"{ENV_VAR} skal være et helt antal måneder.") from exc
    if months < 1:
        raise ImproperlyConfigured(f"{ENV_VAR} skal være mindst 1.")
    return months


def due_families(*, today: date, months: int) -> QuerySet:
    return Family.objects.filter(
        status=FamilyStatus.CLOSED, closed_on__lt=months_before(today, months)
    ).order_by("closed_on", "code")


@transaction.atomic
def family_purge(*, family: Family, months: int, today: date) -> None:
    counts = {
        "members": family.members.count(),
        "consents": family.consents.count(),
        "interventions": family.interventions.count(),
        "meetings": family.meetings.count(),
        "goals": family.goals.count(),
        "actions": family.actions.count(),
    }
    detail = {
        "rule_months": months,
        "closed_before": months_before(today, months).isoformat(),
        "deleted": counts,
    }
    with audit.writing(
        actor=None, action=AuditAction.RETENTION_DELETE, family=family, obj=family, detail=detail
    ):
        family.delete()


@dataclass
class RetentionResult:
    months: int
    cutoff: date
    due: list[str] = field(default_factory=list)
    deleted: int = 0


def retention_run(
    *, apply: bool, today: date | None = None, months: int | None = None
) -> RetentionResult:
    today = today or access.today()
    months = months or retention_months()
    result = RetentionResult(months, months_before(today, months))
    for family in due_families(today=today, months=months).select_related("department"):
        result.due.append(family.code)
        if apply:
            family_purge(family=family, months=months, today=today)
            result.deleted += 1
    return result
