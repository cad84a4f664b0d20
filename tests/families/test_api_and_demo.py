"""The API as a client uses it, and the demo families."""

from __future__ import annotations

import pyotp
import pytest
from django.test import override_settings

from tests.families.conftest import org

REASON = "Opfølgning på aftalt møde"


def selectors_today():
    from helhed.families import access

    return access.today()


def test_a_family_through_the_api(people, api) -> None:
    from helhed.families import access
    from helhed.partnerships.models import Department

    today = access.today().isoformat()
    c = api("fiona")
    created = c.post(
        "/api/families/",
        {"department": Department.objects.get(number="601-31").pk, "opened_on": today},
        format="json",
    )
    assert created.status_code == 201
    code = created.json()["code"]
    record = c.get(f"/api/families/{code}/").json()
    assert (record["code"], record["members"], record["assigned"]) == (code, [], True)
    assert c.get("/api/families/", {"code": code}).json()["count"] == 1
    assert c.get("/api/families/", {"code": "F-ZZZZ"}).json()["count"] == 0


def test_meeting_and_intervention_payloads_are_validated(family, api) -> None:
    c = api("fiona")
    base = f"/api/families/{family.code}/"
    child = family.members.get(relation="child")
    bad = c.post(f"{base}interventions/", {"kind": "nope", "title": "X"}, format="json")
    assert bad.status_code == 400 and "kind" in bad.json()
    stranger = c.post(
        f"{base}interventions/",
        {
            "kind": "mentor",
            "title": "Mentor",
            "organisation": org("Fællesbo").pk,
            "members": [child.pk + 1000],
            "goal": "Skole",
            "goal_category": "school",
            "start_on": "2025-01-01",
        },
        format="json",
    )
    assert stranger.status_code == 400
    scores = c.post(
        f"{base}meetings/", {"held_on": "2025-01-01", "scores": {"1": 11}}, format="json"
    )
    assert scores.status_code == 400
    goal = family.goals.get()
    ok = c.post(
        f"{base}meetings/",
        {
            "held_on": selectors_today().isoformat(),  # after the fixture's meetings
            "participants": [{"name": "Mormor", "kind": "private"}],
            "new_actions": [
                {"description": "Ring", "owner": "Mor", "due_on": "2025-03-01", "goal": goal.pk}
            ],
            "scores": {str(goal.pk): 8},
        },
        format="json",
    )
    assert ok.status_code == 201
    record = c.get(base).json()
    assert record["goals"][0]["change"] == 4
    assert [a["description"] for a in record["actions"]] == ["Ring", "Ring til skolen"]


def test_a_partner_creates_an_intervention_for_its_own_organisation_only(family, api) -> None:
    c = api("carol")
    base = f"/api/families/{family.code}/interventions/"
    payload = {
        "kind": "housing_social",
        "title": "Beboerrådgivning",
        "organisation": org("Fællesbo").pk,
        "members": [family.members.first().pk],
        "goal": "Husleje",
        "goal_category": "housing",
        "start_on": "2025-01-01",
    }
    assert c.post(base, payload, format="json").status_code == 400  # no reason
    payload["reason"] = REASON
    assert c.post(base, payload, format="json").status_code == 201
    payload["organisation"] = org("Herning Kommune").pk
    assert c.post(base, payload, format="json").status_code == 400


# ------------------------------------------------------------------ demo


def test_the_demo_families(people, client) -> None:
    from helhed.families import selectors
    from helhed.families.demo import load_demo_families
    from helhed.families.models import Family, Member, TotpDevice

    result = load_demo_families()
    assert result.created == ["F-DEMA", "F-DEMB", "F-DEMC", "F-DEMD", "F-DEME", "F-DEMF"]
    assert load_demo_families().created == []  # idempotent
    a = Family.objects.get(code="F-DEMA")
    assert a.interventions.count() == 14
    flags = selectors.flags_for(a, selectors.access.today())
    # 14 interventions; today three have ended (Sundhedsplejerske, AKT-forløb, Lektiehjælp).
    # Overlaps: mother and father (employment), Barn A1 (school: Støttetimer, Lektiecafé).
    # Conflicts: father (Jobsøgningskursus × Smertebehandling), Barn A1 (Støttetimer × Dagbehandling).
    assert (flags.active, flags.overlaps, flags.conflicts, flags.gaps) == (11, 3, 2, 0)
    # all 14 ran on the day of the first network meeting (360 days ago)
    first = a.meetings.order_by("held_on").first().held_on
    assert sum(1 for i in a.interventions.all() if i.fact().active_on(first)) == 14
    assert all(m.cpr.endswith("-XXXX") for m in Member.objects.all())
    assert not TotpDevice.objects.filter(user__username="familie").exists()  # not demo mode
    assert result.lines() == [
        "Oprettet syntetiske familier: F-DEMA, F-DEMB, F-DEMC, F-DEMD, F-DEME, F-DEMF."
    ]


def test_demo_mode_gives_familie_a_printed_totp_secret_that_works(people) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from helhed.families.demo import DEMO_TOTP_SECRET, load_demo_families

    with override_settings(DEMO_MODE=True):
        result = load_demo_families()
    assert result.totp_secret == DEMO_TOTP_SECRET
    assert any(DEMO_TOTP_SECRET in line for line in result.lines())
    c = Client()
    c.force_login(get_user_model().objects.get(username="familie"))
    with override_settings(DEMO_MODE=True):  # demo users exist only in demo mode
        assert c.get("/familier/F-DEMA/")["Location"].startswith("/familier/2fa/bekraeft/")
        c.post("/familier/2fa/bekraeft/", {"code": pyotp.TOTP(DEMO_TOTP_SECRET).now()})
        page = c.get("/familier/F-DEMA/").content.decode()
    assert "Mor A (mor)" in page and "Indsatser (14)" in page


@pytest.mark.parametrize("name", ["bob"])
def test_the_demo_gives_the_board_unsuppressed_figures(name, people, client_for) -> None:
    from helhed.families.demo import load_demo_families

    load_demo_families()
    html = client_for(name).get("/familier/tal/").content.decode()
    assert 'data-figure="families_followed">6<' in html  # every demo family met twice or more
    assert 'data-figure="families_closed">færre end 5<' in html  # one closed case
    assert "F-DEM" not in html
