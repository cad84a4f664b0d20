"""Writes of the partnership that need more than a model's own save()."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _


class StaleObjectError(Exception):
    """The record was changed by someone else after it was loaded."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Posten er blevet ændret af en anden, siden du åbnede den. Åbn den igen og gentag din ændring."
            )
        )


@transaction.atomic
def save_versioned(obj: models.Model, *, loaded_version: int | None) -> models.Model:
    """Save `obj`, refusing if its row's version is no longer `loaded_version`.

    The check and the bump are one conditional UPDATE, so two concurrent saves from the same
    version cannot both pass. A new object (no pk) or a model without versions saves normally.
    """
    if obj.pk is None or not hasattr(obj, "version"):
        obj.save()
        return obj
    current = loaded_version if loaded_version is not None else obj.version
    bumped = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=current)
        .update(version=F("version") + 1)
    )
    if bumped == 0:
        raise StaleObjectError
    obj.version = current + 1
    obj.save()
    return obj
