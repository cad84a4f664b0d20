"""Backup and restore round-trip the demo installation losslessly (on SQLite and PostgreSQL)."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from django.core.management import CommandError, call_command

from helhed.accounts.backup import EXCLUDE


def _dump() -> list:
    out = io.StringIO()
    call_command("dumpdata", *[f"--exclude={n}" for n in EXCLUDE], "--natural-foreign", stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda o: (o["model"], str(o["pk"])))


@pytest.mark.django_db
def test_backup_then_restore_into_an_empty_database_gives_back_every_row(tmp_path):
    # The session's world (demo partnership + personas) is there; the test's transaction is
    # rolled back afterwards, flush included.
    before = _dump()
    path = tmp_path / "b.json.gz"
    call_command("backup", "--out", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="ikke tom"):
        call_command("restore", str(path), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    assert _dump() == []
    call_command("restore", str(path), stdout=io.StringIO())
    assert _dump() == before
    # the sequences continue after the restored ids: a new object gets a fresh id
    from helhed.partnerships.models import Municipality

    new = Municipality.objects.create(
        code="999", name="Ny", region_code="1081", region_name="Hovedstaden"
    )
    assert new.pk > max(o["pk"] for o in before if o["model"] == "partnerships.municipality")


@pytest.mark.django_db
def test_tampered_or_foreign_files_are_refused_and_change_nothing(tmp_path):
    path = tmp_path / "b.json.gz"
    call_command("backup", "--out", str(path), stdout=io.StringIO())
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        payload = json.load(handle)
    payload["objects"][0]["fields"]["name"] = "Ændret"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(payload, handle)
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="sha256"):
        call_command("restore", str(path), stdout=io.StringIO())
    (tmp_path / "x.json.gz").write_bytes(b"not gzip")
    with pytest.raises(CommandError, match="ikke en helhed-backup"):
        call_command("restore", str(tmp_path / "x.json.gz"), stdout=io.StringIO())
    assert _dump() == []
