"""Backup and restore of the whole installation as one database-independent file.

The file is gzip-compressed JSON: a manifest (format version, helhed version, time, row counts per
model, sha256 of the data) and Django's serialised objects with their primary keys, so a restore
gives back exactly the same rows — on SQLite or PostgreSQL, whichever the backup came from.
Content types and permissions are left out (migrate recreates them) and referred to by natural key.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import transaction

import helhed

FORMAT = "helhed-backup/1"
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes"]


class BackupError(ValueError):
    pass


def backup_write(path: str | Path) -> dict:
    out = io.StringIO()
    call_command(
        "dumpdata",
        *[f"--exclude={name}" for name in EXCLUDE],
        "--natural-foreign",
        "--format=json",
        "--indent=0",
        stdout=out,
    )
    objects = json.loads(out.getvalue())
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
