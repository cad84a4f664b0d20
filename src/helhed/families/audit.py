"""Writing the audit log (revisionslog): who, when, what object, which action, why.

Writes: a service opens `writing(...)` inside its transaction; the family models can be saved
only inside such a scope (guard.py), and the audit row is written when the scope closes, in the
same transaction — so a write and its audit row are committed together or not at all.

Reads: `record_read` / `record_reads` log every read of a family's data (record page, lists,
search results, exports), with the reason a non-assigned reader gave.

Rows carry field names and counts, never field values, and the family only by id and
pseudonymous code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from helhed.families import guard
from helhed.families.models import AuditAction, AuditEntry, Family


def _actor_fields(actor) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_username": "system"}
    return {"actor": actor, "actor_username": actor.get_username()}


def _family_fields(family: Family | None) -> dict[str, Any]:
    if family is None:
        return {}
    return {
        "family_id": family.pk,
        "family_code": family.code,
        "municipality_id": family.department.municipality_id,
    }


def _entry(
    *,
    actor,
    action,  # an AuditAction (untyped: mypy without django-stubs cannot type TextChoices)
    family: Family | None = None,
    obj: models.Model | None = None,
    reason: str = "",
    detail: dict | None = None,
) -> AuditEntry:
    target = obj if obj is not None else family
    return AuditEntry(
        **_actor_fields(actor),
        **_family_fields(family),
        action=action,
        object_type=target._meta.model_name if target is not None else "",
        object_id=target.pk if target is not None else None,
        reason=reason,
        detail=detail or {},
    )


@dataclass
class Scope:
    """The audit row of one write, filled in while the service runs."""

    actor: Any
    action: Any
    family: Family | None = None
    obj: models.Model | None = None
    reason: str = ""
    detail: dict = field(default_factory=dict)

    def target(self, obj: models.Model) -> None:
        """The object the write is about (set after creating it)."""
        self.obj = obj


@contextmanager
def writing(
    *,
    actor,
    action,
    family: Family | None = None,
    obj: models.Model | None = None,
    reason: str = "",
    detail: dict | None = None,
) -> Iterator[Scope]:
    """Open an audit scope for a write; the row is saved when the block succeeds.

    A service that creates the family or the object sets `scope.family` / `scope.obj` inside the
    block. For a deletion, the ids are taken when the scope opens (Django clears them on delete).
    """
    if not transaction.get_connection().in_atomic_block:
        raise guard.AuditScopeRequired("Skrivninger med revisionslog skal ske i en transaktion.")
    scope = Scope(actor, action, family, obj, reason, dict(detail or {}))
    before_family = _family_fields(family) if family is not None and family.pk else {}
    before_object_id = obj.pk if obj is not None else None
    with guard.open_scope():
        yield scope
    entry = _entry(
        actor=scope.actor,
        action=scope.action,
        family=scope.family,
        obj=scope.obj,
        reason=scope.reason,
        detail=scope.detail,
    )
    if scope.family is not None and scope.family.pk is None:
        entry.family_id = before_family.get("family_id")
    if scope.obj is not None and scope.obj.pk is None:
        entry.object_id = before_object_id
        if scope.obj is scope.family:
            entry.object_id = before_family.get("family_id")
    entry.save()


def record_read(
    *,
    actor,
    family: Family,
    action=AuditAction.VIEW,
    obj: models.Model | None = None,
    reason: str = "",
    detail: dict | None = None,
) -> AuditEntry:
    entry = _entry(actor=actor, action=action, family=family, obj=obj, reason=reason, detail=detail)
    entry.save()
    return entry


def record_reads(*, actor, families: Iterable[Family], action, detail: dict | None = None) -> int:
    """One row per family shown in a list or found by a search (a DPO asks per family)."""
    rows = [_entry(actor=actor, action=action, family=f, detail=detail) for f in families]
    # The audit model's own manager refuses bulk writes; appending rows is the audit log's own
    # business, so it uses the plain base manager here and nowhere else.
    AuditEntry._base_manager.bulk_create(rows)
    return len(rows)


def record_event(*, actor, action, detail: dict | None = None) -> AuditEntry:
    """An event that is not about one family (two-factor, audit export)."""
    entry = _entry(actor=actor, action=action, detail=detail)
    entry.save()
    return entry
