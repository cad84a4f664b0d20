"""Backup and restore of the whole installation as one database-independent file.

The file is gzip-compressed JSON: a manifest (format version, helhed version, time, row counts per
model, sha256 of the data) and Django's serialised objects with their primary keys, so a restore
gives back exactly the same rows — on SQLite or PostgreSQL, whichever the backup came from.
Content types and permissions are left out (migrate recreates them) and referred to by natural key.
Times keep every microsecond: Django's own JSON encoder (and so `dumpdata`) cuts them to
milliseconds, which would change every stored time on a round trip.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

import helhed

FORMAT = "helhed-backup/1"
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes"]


class BackupError(ValueError):
    pass


class _ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, except that datetimes and times are written with all six decimals."""

    def default(self, o: object) -> object:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)


def _saved_models() -> list[type[models.Model]]:
    """Every model a backup holds, in an order that loads (as `dumpdata` picks them)."""
    left_out = {name.lower() for name in EXCLUDE}
    configs = [
        (config, None)
        for config in apps.get_app_configs()
        if config.models_module is not None and config.label not in left_out
    ]
    return [
        model
        for model in serializers.sort_dependencies(configs, allow_cycles=True)
        if model._meta.label_lower not in left_out and model._meta.can_migrate("default")
    ]


def dump_objects() -> list:
    """Every row as Django's serialised objects, model by model in loading order, each by key."""

    def rows() -> Iterator[models.Model]:
        for model in _saved_models():
            yield from model._default_manager.order_by(model._meta.pk.name).iterator()

    text = serializers.serialize("json", rows(), cls=_ExactEncoder, use_natural_foreign_keys=True)
    return json.loads(text)


def backup_write(path: str | Path) -> dict:
    objects = dump_objects()
    manifest = {
        "format": FORMAT,
        "helhed": helhed.__version__,
        "counts": dict(sorted(Counter(obj["model"] for obj in objects).items())),
        "sha256": _digest(objects),
    }
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump({"manifest": manifest, "objects": objects}, handle, ensure_ascii=False)
    return manifest


def _digest(objects: list) -> str:
    canonical = json.dumps(objects, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _is_empty() -> bool:
    for model in apps.get_models():
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        if (
            model._meta.app_label in {"contenttypes", "sessions", "axes"}
            or label == "auth.permission"
        ):
            continue
        if model._meta.managed and model.objects.exists():
            return False
    return True


def backup_restore(path: str | Path) -> dict:
    """Load a backup into an empty, migrated database, all or nothing."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            payload = json.load(handle)
        manifest, objects = payload["manifest"], payload["objects"]
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{path}: ikke en helhed-backup ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: ukendt format {manifest.get('format')!r}")
    if _digest(objects) != manifest.get("sha256"):
        raise BackupError(f"{path}: filen er ændret eller beskadiget (sha256 passer ikke)")
    data = json.dumps(objects, ensure_ascii=False)
    if not _is_empty():
        raise BackupError("Databasen er ikke tom. Gendan til en ny, migreret database.")
    with transaction.atomic():
        for obj in serializers.deserialize("json", data, handle_forward_references=True):
            obj.save()
    counts = Counter(obj["model"] for obj in objects)
    if dict(sorted(counts.items())) != manifest["counts"]:
        raise BackupError(f"{path}: antallet af rækker passer ikke med manifestet")
    _reset_sequences()
    return manifest


def _reset_sequences() -> None:
    """After loading rows with explicit ids, PostgreSQL's sequences must continue after them."""
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), list(apps.get_models()))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
