"""Retention (`helhed retention`) and the data-subject export (button and CLI), end to end."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from helhed.domain.families.retention import months_before
from tests.families.conftest import audit_rows


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# ------------------------------------------------------------------ retention


@pytest.fixture
def closed_long_ago(family, web):
    """The fixture family, closed through the page 25 months ago."""
    from helhed.families import access

    closed_on = months_before(access.today(), 25)
    response = web("fiona").post(f"/familier/{family.code}/luk/", {"closed_on": closed_on})
    assert response.status_code == 302
    family.refresh_from_db()
    assert (family.status, family.closed_on) == ("closed", closed_on)
    return family


def test_dry_run_lists_and_deletes_nothing(closed_long_ago) -> None:
    from helhed.families.models import Family

    output = run("retention", "--dry-run")
    assert closed_long_ago.code in output
    assert "Tørkørsel: 1 familier ville blive slettet." in output
    assert Family.objects.filter(pk=closed_long_ago.pk).exists()
    assert audit_rows(action="retention_delete") == []


def test_apply_deletes_everything_and_keeps_an_audit_row_without_personal_data(
    closed_long_ago, web, people
) -> None:
    from helhed.families import access
    from helhed.families.models import (
        Action,
        Consent,
        Family,
        Intervention,
        Member,
        NetworkMeeting,
    )

    family = closed_long_ago
    earlier = [r.pk for r in audit_rows(family_id=family.pk)]
    assert len(earlier) > 10
    output = run("retention", "--apply")
    assert "Slettet: 1 familier (revisionslog bevaret)." in output
    assert not Family.objects.filter(pk=family.pk).exists()
    for model in (Member, Consent, Intervention, NetworkMeeting, Action):
        assert not model.objects.filter(family_id=family.pk).exists(), model
    (row,) = audit_rows(action="retention_delete")
    assert (row.actor, row.actor_username, row.family_id, row.family_code) == (
        None,
        "system",
        family.pk,
        family.code,
    )
    assert (row.object_type, row.object_id) == ("family", family.pk)
    assert row.detail == {
        "rule_months": 24,
        "closed_before": months_before(access.today(), 24).isoformat(),
        "deleted": {
            "members": 2,
            "consents": 2,
            "interventions": 4,
            "meetings": 2,
            "goals": 1,
            "actions": 1,
        },
    }
    text = json.dumps([row.detail, row.reason]) + str(row)
    for personal in ("Testesen", "Mor", "010185", "Lektiecafé", "Mormor"):
        assert personal not in text
    assert [r.pk for r in audit_rows(family_id=family.pk)][:-1] == earlier  # history is kept
    assert web("fiona").get(f"/familier/{family.code}/").status_code == 404


def test_open_and_recently_closed_families_are_kept(family, people) -> None:
    from helhed.families import access, services
    from helhed.families.models import Family

    services.family_close(
        actor=people.fiona, family=family, closed_on=months_before(access.today(), 24)
    )
    assert "Tørkørsel: 0 familier" in run("retention", "--dry-run")
    run("retention", "--apply")
    assert Family.objects.filter(pk=family.pk).exists()


def test_the_period_comes_from_the_environment(family, people, monkeypatch) -> None:
    from helhed.families import access, services
    from helhed.families.models import Family

    services.family_close(
        actor=people.fiona, family=family, closed_on=access.today() - timedelta(days=62)
    )
    monkeypatch.setenv("HELHED_FAMILIES_RETENTION_MONTHS", "1")
    assert "Opbevaringsfrist: 1 måneder" in run("retention", "--apply")
    assert not Family.objects.filter(pk=family.pk).exists()


def test_a_bad_period_or_no_mode_is_refused(monkeypatch) -> None:
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(CommandError):
        run("retention")
    monkeypatch.setenv("HELHED_FAMILIES_RETENTION_MONTHS", "to år")
    with pytest.raises(ImproperlyConfigured):
        run("retention", "--dry-run")


# ------------------------------------------------------------------ data-subject export


def test_the_button_exports_everything_about_the_member(family, web) -> None:
    from helhed.families.models import Member

    child = Member.objects.get(family=family, relation="child")
    response = web("fiona").post(f"/familier/{family.code}/medlemmer/{child.pk}/indsigt/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="indsigt-{family.code}-2.json"'
    )
    data = json.loads(response.content)
    assert data["format"] == "helhed.families.subject-export/1"
    assert data["person"] == {
        "pseudonym": f"{family.code}-2",
        "relation": "Barn",
        "first_name": "Barn",
        "last_name": "Testesen",
        "cpr": "010112-XXXX",
        "birth_year": 2012,
    }
    assert data["case"]["family_code"] == family.code
    assert data["case"]["department"] == "601-11 Lyngbyen I"
    # only the interventions concerning the child (not the mother's Beboerrådgivning)
    assert [i["title"] for i in data["interventions"]] == [
        "Lektiecafé",
        "Familiebehandling",
        "SSP-samtaler",
    ]
    assert [len(c["organisations"]) for c in data["consents"]] == [2, 1]  # newest first
    meeting = data["network_meetings"][0]
    assert meeting["summary"] == "Første møde"
    assert meeting["participants"] == [{"kind": "Privat netværk", "role": "Mormor"}]
    assert data["goals"] == [
        {
            "title": "Skolegang hver dag",
            "agreed_on": data["network_meetings"][0]["held_on"],
            "scores": [{"held_on": data["network_meetings"][1]["held_on"], "score": 4}],
        }
    ]
    assert [a["description"] for a in data["actions"]] == ["Ring til skolen"]
    log = data["access_log"]
    assert log[-1]["action"] == "Indsigtseksport" and log[-1]["user"] == "fiona"
    assert {e["action"] for e in log} >= {"Oprettet", "Indsigtseksport"}
    (row,) = audit_rows(action="subject_export")
    assert (row.object_type, row.object_id, row.actor_username) == ("member", child.pk, "fiona")


def test_the_cli_exports_by_cpr_with_a_reason(family, tmp_path) -> None:
    out = tmp_path / "indsigt.json"
    output = run(
        "families",
        "subject-export",
        "--cpr",
        "010185-XXXX",
        "--reason",
        "Anmodning 2025-17",
        "--out",
        str(out),
    )
    assert "Skrevet indsigt for 1 familiemedlem(mer)" in output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["person"]["first_name"], data["person"]["cpr"]) == ("Mor", "010185-XXXX")
    assert [i["title"] for i in data["interventions"]] == ["Familiebehandling", "Beboerrådgivning"]
    (row,) = audit_rows(action="subject_export")
    assert (row.actor, row.actor_username, row.reason) == (None, "system", "CLI: Anmodning 2025-17")


def test_the_cli_exports_by_member_id_and_refuses_unknown_people(family, tmp_path) -> None:
    from helhed.families.models import Member

    child = Member.objects.get(family=family, relation="child")
    out = tmp_path / "barn.json"
    run(
        "families",
        "subject-export",
        "--member",
        str(child.pk),
        "--reason",
        "Anmodning",
        "--out",
        str(out),
    )
    assert json.loads(out.read_text())["person"]["pseudonym"] == f"{family.code}-2"
    with pytest.raises(CommandError, match="Ingen familiemedlem"):
        run(
            "families", "subject-export", "--cpr", "999999-XXXX", "--reason", "x", "--out", str(out)
        )
