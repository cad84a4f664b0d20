"""The families pages as a family coordinator and as a partner uses them."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.families.conftest import audit_rows, org


def test_a_coordinator_creates_a_family_and_builds_the_record(people, web) -> None:
    from helhed.families import access
    from helhed.families.models import Family
    from helhed.partnerships.models import Department

    today = access.today()
    c = web("fiona")
    form = c.get("/familier/ny/")
    assert form.status_code == 200
    created = c.post(
        "/familier/ny/",
        {
            "department": Department.objects.get(number="603-21").pk,
            "opened_on": today.isoformat(),
            "organisation": org("Herning Kommune").pk,
        },
    )
    code = re.fullmatch(r"/familier/(F-[A-Z0-9]{4})/", created["Location"]).group(1)
    family = Family.objects.get(code=code)
    base = f"/familier/{code}/"
    for relation, first in [("mother", "Mor"), ("child", "Barn")]:
        response = c.post(
            f"{base}medlemmer/ny/",
            {
                "relation": relation,
                "first_name": first,
                "last_name": "Prøvesen",
                "cpr": "010101-XXXX",
                "birth_year": "",
            },
        )
        assert response.status_code == 302
    mother, child = family.members.order_by("number")
    assert (mother.pseudonym, child.pseudonym) == (f"{code}-1", f"{code}-2")
    consent = c.post(
        f"{base}samtykker/ny/",
        {
            "given_by": "Mor",
            "categories": ["interventions", "meetings"],
            "organisations": [org("Lejerbo").pk],
            "valid_from": today.isoformat(),
        },
    )
    assert consent.status_code == 302
    for title, who, category, demand in [
        ("Aktivering", [mother.pk], "employment", "availability"),
        ("Sygemelding", [mother.pk], "health", "exemption"),
        ("Jobmentor", [mother.pk], "employment", ""),
    ]:
        response = c.post(
            f"{base}indsatser/ny/",
            {
                "kind": "other",
                "title": title,
                "organisation": org("Herning Kommune").pk,
                "members": who,
                "goal": title,
                "goal_category": category,
                "demand": demand,
                "start_on": today.isoformat(),
                "status": "active",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    page = c.get(base).content.decode()
    assert "Mor Prøvesen (mor)" in page and "010101-XXXX" in page
    assert "har 2 aktive indsatser med målområdet »Job og uddannelse«" in page
    assert "Aktivering kræver »fuld rådighed (job, aktivering, uddannelse)«" in page
    assert "Barn Prøvesen (barn) har ingen aktiv indsats." in page
    listing = c.get("/familier/").content.decode()
    row = listing[listing.index(f">{code}</a>") :].split("</tr>")[0]
    assert re.findall(r'class="(?:num|tag [a-z]+)">(\d+)<', row) == ["3", "1", "1", "1"]


def test_invalid_input_is_shown_and_nothing_is_saved(family, web) -> None:
    c = web("fiona")
    count = family.members.count()
    response = c.post(
        f"/familier/{family.code}/medlemmer/ny/",
        {"relation": "child", "first_name": "", "last_name": "X", "cpr": "123"},
    )
    assert response.status_code == 400
    assert "Skriv CPR-nummeret som 010101-XXXX." in response.content.decode()
    assert family.members.count() == count
    bad_consent = c.post(
        f"/familier/{family.code}/samtykker/ny/",
        {"given_by": "Mor", "categories": [], "organisations": [], "valid_from": ""},
    )
    assert bad_consent.status_code == 400


def test_recording_a_network_meeting(family, web) -> None:
    from helhed.families import access
    from helhed.families.models import Action, NetworkMeeting

    today = access.today()
    c = web("fiona")
    goal = family.goals.get()
    open_action = Action.objects.get(family=family)
    form = c.get(f"/familier/{family.code}/moeder/ny/").content.decode()
    assert "Skolegang hver dag" in form and "Ring til skolen" in form
    response = c.post(
        f"/familier/{family.code}/moeder/ny/",
        {
            "held_on": today.isoformat(),
            "summary": "Godt møde",
            "private_participants": "Mormor\nOnkel Ali",
            "professional_participants": "Lærer Hansen, Skolen",
            "new_goals": "Far i praktik",
            "done_actions": [open_action.pk],
            f"score_{goal.pk}": "7",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
            "actions-MIN_NUM_FORMS": "0",
            "actions-MAX_NUM_FORMS": "1000",
            "actions-0-description": "Møde med jobcentret",
            "actions-0-owner": "Far",
            "actions-0-due_on": (today + timedelta(days=14)).isoformat(),
            "actions-0-goal": goal.pk,
        },
    )
    meeting = NetworkMeeting.objects.filter(family=family).latest("pk")
    assert response["Location"] == f"/familier/{family.code}/moeder/{meeting.pk}/"
    assert [(p.name, p.kind, p.role) for p in meeting.participants.all()] == [
        ("Mormor", "private", ""),
        ("Onkel Ali", "private", ""),
        ("Lærer Hansen", "professional", "Skolen"),
    ]
    open_action.refresh_from_db()
    assert (open_action.done_on, open_action.done_at) == (today, meeting)
    assert list(meeting.actions.values_list("description", "owner")) == [
        ("Møde med jobcentret", "Far")
    ]
    assert list(meeting.goals.values_list("title", flat=True)) == ["Far i praktik"]
    page = c.get(response["Location"]).content.decode()
    assert "Onkel Ali" in page and "Møde med jobcentret" in page and "Ring til skolen" in page
    record = c.get(f"/familier/{family.code}/").content.decode()
    assert "+3" in record  # the goal went from 4 to 7
    assert 'class="tag done">Udført' in record


def test_a_meeting_with_a_bad_action_row_saves_nothing(family, web) -> None:
    from helhed.families.models import NetworkMeeting

    before = NetworkMeeting.objects.count()
    response = web("fiona").post(
        f"/familier/{family.code}/moeder/ny/",
        {
            "held_on": "2025-01-01",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-MIN_NUM_FORMS": "0",
            "actions-MAX_NUM_FORMS": "1000",
            "actions-0-description": "Uden ansvarlig og frist",
        },
    )
    assert response.status_code == 400
    assert NetworkMeeting.objects.count() == before


def test_an_action_is_added_on_the_meeting_page_and_completed(family, web) -> None:
    from helhed.families.models import Action

    c = web("fiona")
    meeting = family.meetings.order_by("held_on").first()
    c.post(
        f"/familier/{family.code}/moeder/{meeting.pk}/handlinger/",
        {"description": "Søg fritidsjob", "owner": "Barn", "due_on": "2020-01-01"},
    )
    action = Action.objects.get(description="Søg fritidsjob")
    assert 'class="tag overdue">Overskredet' in c.get(f"/familier/{family.code}/").content.decode()
    c.post(f"/familier/{family.code}/handlinger/{action.pk}/udfoert/")
    action.refresh_from_db()
    assert action.done_on is not None


def test_a_partner_edits_its_own_intervention_but_cannot_move_it(family, web) -> None:
    from helhed.families.models import Intervention

    c = web("carol", reason_for=family)
    i1 = Intervention.objects.get(family=family, title="Lektiecafé")
    page = c.get(f"/familier/{family.code}/indsatser/{i1.pk}/").content.decode()
    assert "Testesen" not in page and f"{family.code}-2 (barn)" in page  # pseudonyms only
    data = {
        "kind": "other",
        "title": "Lektiecafé",
        "organisation": org("Herning Kommune").pk,
        "members": [m.pk for m in i1.members.all()],
        "goal": "Lektier",
        "goal_category": "school",
        "start_on": i1.start_on.isoformat(),
        "status": "active",
    }
    refused = c.post(f"/familier/{family.code}/indsatser/{i1.pk}/", data)
    assert refused.status_code == 400  # Herning Kommune is not one of carol's organisations
    data["organisation"] = org("Fællesbo").pk
    assert c.post(f"/familier/{family.code}/indsatser/{i1.pk}/", data).status_code == 302
    i1.refresh_from_db()
    assert i1.goal == "Lektier"
    row = audit_rows(action="update", object_type="intervention")[-1]
    assert (row.actor_username, row.reason, row.detail) == (
        "carol",
        "Opfølgning på aftalt møde",
        {"fields": ["goal"]},
    )


def test_a_second_coordinator_is_assigned(family, web, people) -> None:
    c = web("fiona")
    assert b"Tilknyt familiebehandler" in c.get(f"/familier/{family.code}/").content
    c.post(f"/familier/{family.code}/tilknyt/", {"user": people.frank.pk})
    assert family.assignments.filter(user=people.frank).exists()
    page = web("frank").get(f"/familier/{family.code}/").content.decode()
    assert "Testesen" in page  # now assigned: names are shown


def test_only_family_coordinators_create_families(web) -> None:
    assert web("alice").get("/familier/ny/").status_code == 403
    assert web("bob").get("/familier/ny/").status_code == 403
