"""The authorisation matrix: every persona × family object × action, in HTML and in the API.

Expected outcomes (see tests/families/conftest.py for the fixture family and the personas):
- fiona (assigned family coordinator) may do everything;
- frank and alice (Herning Kommune: consent C1 + intervention I2) and carol (Fællesbo: C1 + I1)
  are partners: they read what C1 covers (interventions, meetings — not names, not consent), and
  edit only their own organisation's intervention;
- everyone else is denied with 404 (or is simply not listed): bob (board), adam (administrator),
  ane (analyst), lars (another organisation), ulla (consent window ended), sune (intervention
  but no consent), olivia (another municipality), nobody (no membership at all).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.families.conftest import EVERYONE

ASSIGNED = {"fiona"}
PARTNERS_K = {"frank", "alice"}
PARTNERS_H = {"carol"}
PARTNERS = PARTNERS_K | PARTNERS_H
DENIED = set(EVERYONE) - ASSIGNED - PARTNERS
ALL = [*EVERYONE, "nobody"]


@pytest.fixture
def nobody(people):
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="nobody")
    people.nobody = user
    return user


def _objects(family):
    from helhed.families.models import Action, Consent, Intervention, Member, NetworkMeeting

    return {
        "mother": Member.objects.get(family=family, relation="mother"),
        "child": Member.objects.get(family=family, relation="child"),
        "c1": Consent.objects.filter(family=family, valid_to__isnull=True).get(),
        "i1": Intervention.objects.get(family=family, title="Lektiecafé"),
        "i2": Intervention.objects.get(family=family, title="Familiebehandling"),
        "meeting": NetworkMeeting.objects.filter(family=family).order_by("held_on").first(),
        "action": Action.objects.get(family=family),
    }


def expected_edit(name: str, *, allowed: set[str], ok: int = 302) -> int:
    if name in allowed:
        return ok
    return 403 if name in ASSIGNED | PARTNERS else 404


# ------------------------------------------------------------------ HTML


def _intervention_form(obj) -> dict:
    return {
        "kind": obj.kind,
        "title": obj.title + " (ændret)",
        "legal_basis": "",
        "organisation": obj.organisation_id,
        "responsible_person": "",
        "responsible_user": "",
        "goal": obj.goal,
        "goal_category": obj.goal_category,
        "demand": "",
        "start_on": obj.start_on.isoformat(),
        "end_on": "",
        "status": "active",
        "members": [m.pk for m in obj.members.all()],
    }


def html_requests(family, o, today):
    base = f"/familier/{family.code}/"
    meeting = {
        "held_on": today.isoformat(),
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
    }
    member = {
        "relation": "mother",
        "first_name": "Mor",
        "last_name": "Ny",
        "cpr": "",
        "birth_year": "",
    }
    return {
        ("family", "edit"): ("post", f"{base}luk/", {"closed_on": today.isoformat()}, ASSIGNED),
        ("member", "edit"): ("post", f"{base}medlemmer/{o['mother'].pk}/", member, ASSIGNED),
        ("member", "export"): ("post", f"{base}medlemmer/{o['child'].pk}/indsigt/", {}, ASSIGNED),
        ("consent", "edit"): ("post", f"{base}samtykker/{o['c1'].pk}/tilbagekald/", {}, ASSIGNED),
        ("intervention", "edit"): (
            "post",
            f"{base}indsatser/{o['i1'].pk}/",
            _intervention_form(o["i1"]),
            ASSIGNED | PARTNERS_H,
        ),
        ("intervention-k", "edit"): (
            "post",
            f"{base}indsatser/{o['i2'].pk}/",
            _intervention_form(o["i2"]),
            ASSIGNED | PARTNERS_K,
        ),
        ("meeting", "edit"): ("post", f"{base}moeder/ny/", meeting, ASSIGNED),
        ("action", "edit"): ("post", f"{base}handlinger/{o['action'].pk}/udfoert/", {}, ASSIGNED),
    }


@pytest.mark.parametrize("name", ALL)
def test_html_view(name, nobody, family, web) -> None:
    c = web(name, reason_for=family)
    o = _objects(family)
    record = c.get(f"/familier/{family.code}/")
    meeting = c.get(f"/familier/{family.code}/moeder/{o['meeting'].pk}/")
    if name in DENIED | {"nobody"}:
        assert (record.status_code, meeting.status_code) == (404, 404)
        assert family.code.encode() not in record.content
        return
    assert (record.status_code, meeting.status_code) == (200, 200)
    page = record.content.decode()
    # family, intervention, meeting and action: every viewer; member names and consent: assigned
    assert "Lektiecafé" in page and "Familiebehandling" in page  # interventions
    assert "Ring til skolen" in page  # the action
    assert "Skolegang hver dag" in page  # the goal with its progress
    assert ("Testesen" in page) is (name in ASSIGNED)  # member names (identity)
    assert ("010185-XXXX" in page) is (name in ASSIGNED)  # CPR-like identifiers
    assert ("Nyt samtykke" in page) is (name in ASSIGNED)  # the consent section


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("action", ["list", "search"])
def test_html_list_and_search(name, action, nobody, family, web) -> None:
    c = web(name)
    response = c.get("/familier/", {"q": family.code} if action == "search" else {})
    assert response.status_code == 200
    link = f'href="/familier/{family.code}/"'.encode()  # the query itself is echoed back
    assert (link in response.content) is (name not in DENIED | {"nobody"})
    assert b"Testesen" not in response.content  # lists are pseudonymous for everyone


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize(
    "target",
    [
        ("family", "edit"),
        ("member", "edit"),
        ("member", "export"),
        ("consent", "edit"),
        ("intervention", "edit"),
        ("intervention-k", "edit"),
        ("meeting", "edit"),
        ("action", "edit"),
    ],
)
def test_html_writes_and_export(name, target, nobody, family, web) -> None:
    from helhed.families import access
    from helhed.families.models import AuditEntry

    c = web(name, reason_for=family)
    method, url, data, allowed = html_requests(family, _objects(family), access.today())[target]
    writes_before = AuditEntry.objects.exclude(action__in=["view", "list", "search"]).count()
    response = getattr(c, method)(url, data)
    expected = expected_edit(name, allowed=allowed, ok=200 if target[1] == "export" else 302)
    assert response.status_code == expected, response.content[:300]
    writes_after = AuditEntry.objects.exclude(action__in=["view", "list", "search"]).count()
    assert (writes_after > writes_before) is (response.status_code in (200, 302))


def test_anonymous_html_is_sent_to_login(family, client) -> None:
    for url in ["/familier/", f"/familier/{family.code}/", "/familier/revisionslog/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_a_withdrawn_consent_ends_partner_access_at_once(family, web, people) -> None:
    from helhed.families import services
    from helhed.families.models import Consent

    carol = web("carol", reason_for=family)
    assert carol.get(f"/familier/{family.code}/").status_code == 200
    consent = Consent.objects.get(family=family, valid_to__isnull=True)
    services.consent_withdraw(actor=people.fiona, consent=consent)
    assert carol.get(f"/familier/{family.code}/").status_code == 404
    assert web("fiona").get(f"/familier/{family.code}/").status_code == 200


def test_an_ended_intervention_ends_partner_access(family, web, people) -> None:
    from helhed.families import access, services
    from helhed.families.models import Intervention

    i1 = Intervention.objects.get(family=family, title="Lektiecafé")
    services.intervention_update(
        actor=people.fiona, intervention=i1, end_on=access.today() - timedelta(days=1)
    )
    assert web("carol", reason_for=family).get(f"/familier/{family.code}/").status_code == 404


def test_losing_the_coordinator_role_ends_the_assignment(family, web, people) -> None:
    from helhed.accounts.models import Membership

    Membership.objects.filter(user=people.fiona).delete()
    assert web("fiona").get(f"/familier/{family.code}/").status_code == 404


def test_queryset_and_viewer_agree_for_every_persona(family, people, nobody) -> None:
    from helhed.families import access
    from helhed.families.models import Family

    for name in ALL:
        user = getattr(people, name)
        in_queryset = Family.objects.visible_to(user).filter(pk=family.pk).exists()
        viewer = access.viewer_for(user, family)
        assert in_queryset is viewer.can_view, name
        assert viewer.can_view is (name not in DENIED | {"nobody"}), name
        assert viewer.assigned is (name in ASSIGNED), name
        expected = (
            {"identity", "interventions", "meetings"}
            if name in ASSIGNED
            else ({"interventions", "meetings"} if name in PARTNERS else set())
        )
        assert viewer.categories == expected, name


# ------------------------------------------------------------------ API


def api_requests(family, o, today):
    base = f"/api/families/{family.code}/"
    return {
        ("intervention", "edit"): (
            "patch",
            f"{base}interventions/{o['i1'].pk}/",
            {"title": "Ny titel", "reason": "Opfølgning på aftalt møde"},
            ASSIGNED | PARTNERS_H,
        ),
        ("intervention-k", "edit"): (
            "patch",
            f"{base}interventions/{o['i2'].pk}/",
            {"title": "Ny titel", "reason": "Opfølgning på aftalt møde"},
            ASSIGNED | PARTNERS_K,
        ),
        ("meeting", "edit"): ("post", f"{base}meetings/", {"held_on": today.isoformat()}, ASSIGNED),
        ("consent", "edit"): ("post", f"{base}consents/{o['c1'].pk}/withdraw/", {}, ASSIGNED),
        ("action", "edit"): ("post", f"{base}actions/{o['action'].pk}/done/", {}, ASSIGNED),
        ("member", "export"): ("get", f"{base}members/{o['child'].pk}/export/", None, ASSIGNED),
    }


@pytest.mark.parametrize("name", ALL)
def test_api_view_list_and_search(name, nobody, family, api) -> None:
    c = api(name)
    listed = c.get("/api/families/").json()["results"]
    found = c.get("/api/families/", {"code": family.code.lower()}).json()["results"]
    record = c.get(f"/api/families/{family.code}/", {"reason": "Opfølgning på aftalt møde"})
    if name in DENIED | {"nobody"}:
        assert (listed, found, record.status_code) == ([], [], 404)
        return
    assert [r["code"] for r in listed] == [family.code] == [r["code"] for r in found]
    assert record.status_code == 200
    data = record.json()
    assert [i["title"] for i in data["interventions"]] == [
        "Lektiecafé",
        "Familiebehandling",
        "SSP-samtaler",
        "Beboerrådgivning",
    ]
    assert [a["description"] for a in data["actions"]] == ["Ring til skolen"]
    assert ("cpr" in data["members"][0]) is (name in ASSIGNED)
    assert (data["consents"] is not None) is (name in ASSIGNED)
    assert "Testesen" not in str(listed)


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize(
    "target",
    [
        ("intervention", "edit"),
        ("intervention-k", "edit"),
        ("meeting", "edit"),
        ("consent", "edit"),
        ("action", "edit"),
        ("member", "export"),
    ],
)
def test_api_writes_and_export(name, target, nobody, family, api) -> None:
    from helhed.families import access

    c = api(name)
    method, url, data, allowed = api_requests(family, _objects(family), access.today())[target]
    response = getattr(c, method)(url, data, format="json") if data is not None else c.get(url)
    ok = {"post": 201 if target[0] == "meeting" else 200, "patch": 200, "get": 200}[method]
    assert response.status_code == expected_edit(name, allowed=allowed, ok=ok), response.content


def test_api_partner_without_reason_gets_400_and_nothing(family, api) -> None:
    response = api("carol").get(f"/api/families/{family.code}/")
    assert response.status_code == 400
    assert "Lektiecafé" not in response.content.decode()


def test_anonymous_api_gets_no_data(family, api) -> None:
    c = api(None)
    for url in ["/api/families/", f"/api/families/{family.code}/", "/api/families/audit/"]:
        response = c.get(url)
        assert response.status_code in (401, 403)
        assert family.code not in response.content.decode()
