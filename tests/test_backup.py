"""Backup and restore round-trip the demo installation losslessly (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime
import gzip
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from helhed.accounts.backup import _ExactEncoder, dump_objects


def _dump() -> list:
    # with every microsecond (dumpdata would cut times to milliseconds)
    return sorted(dump_objects(), key=lambda o: (o["model"], str(o["pk"])))


def test_times_are_written_with_every_microsecond():
    utc = datetime.UTC
    encode = _ExactEncoder().encode
    assert encode(datetime.datetime(2026, 1, 2, 3, 4, 5, 512, tzinfo=utc)) == (
        '"2026-01-02T03:04:05.000512Z"'
    )
    assert encode(datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=utc)) == '"2026-01-02T03:04:05Z"'
    plus_one = datetime.timezone(datetime.timedelta(hours=1))
    assert encode(datetime.datetime(2026, 1, 2, 3, 4, 5, 7, tzinfo=plus_one)) == (
        '"2026-01-02T03:04:05.000007+01:00"'
    )
    assert encode(datetime.time(3, 4, 5, 123456)) == '"03:04:05.123456"'
    assert encode(datetime.date(2026, 1, 2)) == '"2026-01-02"'


@pytest.mark.django_db
def test_backup_then_restore_into_an_empty_database_gives_back_every_row(tmp_path):
    # The session's world (demo partnership + personas) is there; the test's transaction is
    # rolled back afterwards, flush included. Two users get times that millisecond JSON would
    # change: 512 µs would come back as 0, 123,456 µs as 123,000.
    users = get_user_model().objects
    sub_ms = {"anders": 512, "admin": 123456}
    for username, microsecond in sub_ms.items():
        stamp = datetime.datetime(2026, 3, 1, 9, 30, 15, microsecond, tzinfo=datetime.UTC)
        assert users.filter(username=username).update(date_joined=stamp) == 1
    before = _dump()
    path = tmp_path / "b.json.gz"
    call_command("backup", "--out", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="ikke tom"):
        call_command("restore", str(path), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    assert _dump() == []
    call_command("restore", str(path), stdout=io.StringIO())
    assert _dump() == before
    for username, microsecond in sub_ms.items():
        assert users.get(username=username).date_joined.microsecond == microsecond
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
