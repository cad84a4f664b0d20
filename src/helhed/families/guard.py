"""Why the audit log cannot be skipped through the model layer.

Every family model derives from `AuditedModel`:

- its default manager's querysets refuse `update()`, `delete()`, `bulk_create()` and
  `bulk_update()` (they raise `BulkWriteBlocked`): those paths write many rows without calling
  `save()`/`delete()` on each, so they would skip the audit row;
- `save()` and `delete()` on an instance raise `AuditScopeRequired` unless an audit scope is open.
  Scopes are opened only by `audit.writing(...)`, which the services use inside a transaction and
  which writes the audit row in that same transaction.

Related managers and many-to-many `.add()/.set()/.remove()` are built on the default manager, so
they are blocked as well; the services write link rows one by one. Cascading deletes of a whole
family (retention) go through Django's collector on the base manager, inside a scope.
What this cannot stop is raw SQL against the database; that is an operations matter
(docs/families.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models

_depth: ContextVar[int] = ContextVar("families_audit_scope", default=0)


class BulkWriteBlocked(RuntimeError):
    """A queryset write on family data: use a service in helhed.families.services instead."""


class AuditScopeRequired(RuntimeError):
    """A family object was saved or deleted outside an audited service."""


def in_scope() -> bool:
    return _depth.get() > 0


@contextmanager
def open_scope() -> Iterator[None]:
    token = _depth.set(_depth.get() + 1)
    try:
        yield
    finally:
        _depth.reset(token)


def _blocked(name: str):
    def method(self, *args, **kwargs):
        raise BulkWriteBlocked(
            f"{self.model.__name__}.objects…{name}() er spærret: skriv gennem en service i "
            "helhed.families.services, så handlingen kommer i revisionsloggen."
        )

    method.__name__ = name
    return method


class GuardedQuerySet(models.QuerySet):
    update = _blocked("update")
    delete = _blocked("delete")
    bulk_create = _blocked("bulk_create")
    bulk_update = _blocked("bulk_update")

    # Django marks QuerySet.delete as not usable from templates; keep that.
    delete.alters_data = True
    delete.queryset_only = True


class AuditedModel(models.Model):
    objects = GuardedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not in_scope():
            raise AuditScopeRequired(
                f"{type(self).__name__} gemmes kun gennem en service med revisionslog."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not in_scope():
            raise AuditScopeRequired(
                f"{type(self).__name__} slettes kun gennem en service med revisionslog."
            )
        return super().delete(*args, **kwargs)
