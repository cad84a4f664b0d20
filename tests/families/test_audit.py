"""The audit log: every read and write of a family's data is logged (who, when, what, which
action, why), in the same transaction as the write, and no bulk path can skip it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction

from tests.families.conftest import audit_rows

REASON = "Opfølgning på aftalt møde"


# ------------------------------------------------------------------ the model layer


def _family_models():
    from helhed.families import models as m

    return [
        m.Family,
        m.FamilyAssignment,
        m.Member,
        m.Consent,
        m.ConsentOrganisation,
        m.Intervention,
        m.InterventionMember,
        m.NetworkMeeting,
        m.MeetingParticipant,
        m.FamilyGoal,
        m.Action,
        m.ProgressScore,
    ]


def test_every_family_model_is_guarded() -> None:
    from helhed.families.guard import AuditedModel, GuardedQuerySet

    for model in _family_models():
        assert issubclass(model, AuditedModel), model
        assert isinstance(model._default_manager.all(), GuardedQuerySet), model


@pytest.mark.parametrize("path", ["update", "delete", "bulk_create", "bulk_update"])
def test_queryset_bulk_writes_raise_on_every_family_model(path, family) -> None:
    from helhed.families.guard import BulkWriteBlocked

    for model in _family_models():
        qs = model.objects.all()
        call = {
            "update": lambda qs=qs: qs.update(pk=0),
            "delete": lambda qs=qs: qs.delete(),
            "bulk_create": lambda qs=qs, model=model: qs.bulk_create([model()]),
            "bulk_update": lambda qs=qs: qs.bulk_update(list(qs[:1]), ["pk"]),
        }[path]
        with pytest.raises(BulkWriteBlocked):
            call()


def test_related_managers_and_many_to_many_are_blocked_too(family) -> None:
    from helhed.families.guard import BulkWriteBlocked
    from helhed.families.models import Intervention, Member

    with pytest.raises(BulkWriteBlocked):
        family.members.update(first_name="X")
    with pytest.raises(BulkWriteBlocked):
        family.interventions.all().delete()
    intervention = Intervention.objects.filter(family=family).first()
    member = Member.objects.filter(family=family).exclude(interventions=intervention).first()
    # Django runs m2m writes in an atomic block of its own; a savepoint keeps the test's intact.
    with pytest.raises(BulkWriteBlocked), transaction.atomic():
        intervention.members.add(member)
    with pytest.raises(BulkWriteBlocked), transaction.atomic():
        intervention.members.clear()
    assert Member.objects.filter(family=family, first_name="X").count() == 0
    assert family.interventions.count() == 4


def test_saving_or_deleting_outside_a_service_raises(family) -> None:
    from helhed.families.guard import AuditScopeRequired
    from helhed.families.models import Family, Member

    member = Member.objects.filter(family=family).first()
    member.first_name = "Ændret uden log"
    with pytest.raises(AuditScopeRequired):
        member.save()
    with pytest.raises(AuditScopeRequired):
        member.delete()
    with pytest.raises(AuditScopeRequired):
        Family.objects.create(
            code="F-ZZZZ", department=family.department, opened_on=family.opened_on
        )
    member.refresh_from_db()
    assert member.first_name == "Mor"


def test_an_audit_scope_needs_a_transaction(people) -> None:
    """Outside a transaction the write and its audit row could be committed apart."""
    from helhed.families import audit
    from helhed.families.guard import AuditScopeRequired

    # pytest-django runs every test inside a transaction; pretend there is none, briefly.
    connection = transaction.get_connection()
    connection.in_atomic_block = False
    try:
        with pytest.raises(AuditScopeRequired), audit.writing(actor=people.fiona, action="x"):
            pass
    finally:
        connection.in_atomic_block = True


def test_a_failed_write_leaves_neither_the_object_nor_the_audit_row(family, people) -> None:
    from django.core.exceptions import ValidationError

    from helhed.families import services

    before = len(audit_rows())
    members_before = family.members.count()
    with pytest.raises(ValidationError):
        services.member_create(
            actor=people.fiona,
            family=family,
            relation="child",
            first_name="Ny",
            last_name="X",
            cpr="ikke et cpr",
        )
    assert family.members.count() == members_before
    assert len(audit_rows()) == before


def test_the_audit_row_rolls_back_with_the_write(family, people) -> None:
    from helhed.families import services

    before = len(audit_rows())
    with pytest.raises(RuntimeError), transaction.atomic():
        services.family_close(actor=people.fiona, family=family, closed_on=family.opened_on)
        raise RuntimeError("the caller's transaction fails later")
    family.refresh_from_db()
    assert family.status == "open"
    assert len(audit_rows()) == before


def test_audit_entries_cannot_be_changed_or_deleted(family) -> None:
    from helhed.families.guard import BulkWriteBlocked
    from helhed.families.models import AuditEntry

    entry = AuditEntry.objects.first()
    entry.reason = "skjult"
    with pytest.raises(BulkWriteBlocked):
        entry.save()
    with pytest.raises(BulkWriteBlocked):
        entry.delete()
    with pytest.raises(BulkWriteBlocked):
        AuditEntry.objects.all().update(reason="")
    with pytest.raises(BulkWriteBlocked):
        AuditEntry.objects.all().delete()


def test_service_rows_name_fields_never_values(family, people) -> None:
    from helhed.families import services

    member = family.members.get(relation="mother")
    services.member_update(actor=people.fiona, member=member, last_name="Hemmeligsen")
    row = audit_rows(action="update", object_type="member")[-1]
    assert (row.actor, row.family_code, row.object_id) == (people.fiona, family.code, member.pk)
    assert row.detail == {"fields": ["last_name"]}
    assert "Hemmeligsen" not in str(row.detail) + row.reason


# ------------------------------------------------------------------ every page and endpoint


def _urls(family):
    from helhed.families.models import Intervention, Member, NetworkMeeting

    meeting = NetworkMeeting.objects.filter(family=family).first()
    return {
        "member": Member.objects.get(family=family, relation="mother"),
        "child": Member.objects.get(family=family, relation="child"),
        "i1": Intervention.objects.get(family=family, title="Lektiecafé"),
        "meeting": meeting,
        "action": meeting.actions.get(),
    }


READS = [
    # (persona, url, expected action, expected object type, reason expected)
    ("fiona", "/familier/{code}/", "view", "family", ""),
    ("carol", "/familier/{code}/", "view", "family", REASON),
    ("fiona", "/familier/{code}/moeder/{meeting}/", "view", "networkmeeting", ""),
    ("alice", "/familier/{code}/moeder/{meeting}/", "view", "networkmeeting", REASON),
    ("fiona", "/familier/{code}/medlemmer/{member}/", "view", "member", ""),
    ("fiona", "/familier/{code}/indsatser/{i1}/", "view", "intervention", ""),
    ("carol", "/familier/{code}/indsatser/{i1}/", "view", "intervention", REASON),
    ("fiona", "/familier/", "list", "family", ""),
    ("carol", "/familier/?q={code}", "search", "family", ""),
    ("fiona", "/api/families/", "list", "family", ""),
    ("alice", "/api/families/?code={code}", "search", "family", ""),
    ("fiona", "/api/families/{code}/", "view", "family", ""),
    ("frank", "/api/families/{code}/?reason=" + REASON, "view", "family", REASON),
    ("fiona", "/api/families/{code}/members/{child}/export/", "subject_export", "member", ""),
]


@pytest.mark.parametrize(("name", "url", "action", "object_type", "reason"), READS)
def test_every_read_is_logged(name, url, action, object_type, reason, family, web, api, people):
    objects = _urls(family)
    url = url.format(code=family.code, **{k: v.pk for k, v in objects.items()})
    client = api(name) if url.startswith("/api/") else web(name, reason_for=family)
    if reason:
        from tests.families.conftest import give_reason

        give_reason(client, getattr(people, name), family, REASON)
    before = audit_rows()[-1].pk
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    new = [r for r in audit_rows() if r.pk > before]
    assert [(r.actor_username, r.action, r.object_type, r.family_code, r.reason) for r in new] == [
        (name, action, object_type, family.code, reason)
    ]


def _post_cases(family, today):
    o = _urls(family)
    base = f"/familier/{family.code}/"
    api_base = f"/api/families/{family.code}/"
    empty_formset = {
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "actions-0-description": "Ny aftale",
        "actions-0-owner": "Far",
        "actions-0-due_on": (today + timedelta(days=7)).isoformat(),
    }
    return [
        ("web", f"{base}luk/", {"closed_on": today.isoformat()}, "close", "family"),
        (
            "web",
            f"{base}medlemmer/ny/",
            {
                "relation": "child",
                "first_name": "Ny",
                "last_name": "X",
                "cpr": "",
                "birth_year": "",
            },
            "create",
            "member",
        ),
        (
            "web",
            f"{base}medlemmer/{o['member'].pk}/",
            {
                "relation": "mother",
                "first_name": "Mor",
                "last_name": "Y",
                "cpr": "",
                "birth_year": "",
            },
            "update",
            "member",
        ),
        (
            "web",
            f"{base}samtykker/ny/",
            {
                "given_by": "Mor",
                "categories": ["meetings"],
                "organisations": [o["i1"].organisation_id],
                "valid_from": today.isoformat(),
                "valid_to": "",
                "note": "",
            },
            "create",
            "consent",
        ),
        (
            "web",
            f"{base}moeder/ny/",
            {"held_on": today.isoformat(), **empty_formset},
            "create",
            "networkmeeting",
        ),
        (
            "web",
            f"{base}moeder/{o['meeting'].pk}/handlinger/",
            {"description": "Ring", "owner": "Far", "due_on": today.isoformat()},
            "create",
            "action",
        ),
        ("web", f"{base}handlinger/{o['action'].pk}/udfoert/", {}, "update", "action"),
        ("web", f"{base}medlemmer/{o['child'].pk}/indsigt/", {}, "subject_export", "member"),
        (
            "api",
            "/api/families/",
            {"department": family.department_id, "opened_on": today.isoformat()},
            "create",
            "family",
        ),
        (
            "api",
            f"{api_base}interventions/",
            {
                "kind": "mentor",
                "title": "Mentor",
                "organisation": o["i1"].organisation_id,
                "members": [o["child"].pk],
                "goal": "Skole",
                "goal_category": "school",
                "start_on": today.isoformat(),
            },
            "create",
            "intervention",
        ),
        (
            "api",
            f"{api_base}interventions/{o['i1'].pk}/",
            {"status": "paused"},
            "update",
            "intervention",
        ),
        (
            "api",
            f"{api_base}meetings/",
            {"held_on": today.isoformat(), "new_goals": ["Mål"]},
            "create",
            "networkmeeting",
        ),
        ("api", f"{api_base}actions/{o['action'].pk}/done/", {}, "update", "action"),
    ]


@pytest.mark.parametrize("index", range(13))
def test_every_write_is_logged_in_its_transaction(index, family, web, api, people) -> None:
    from helhed.families import access

    kind, url, data, action, object_type = _post_cases(family, access.today())[index]
    before = audit_rows()[-1].pk
    if kind == "web":
        response = web("fiona").post(url, data)
        assert response.status_code in (200, 302), response.content[:500]
    else:
        method = "patch" if url.rstrip("/").split("/")[-1].isdigit() else "post"
        response = getattr(api("fiona"), method)(url, data, format="json")
        assert response.status_code in (200, 201), response.content[:500]
    new = [r for r in audit_rows() if r.pk > before]
    assert [(r.actor_username, r.action, r.object_type) for r in new] == [
        ("fiona", action, object_type)
    ]
    assert new[0].family_code and new[0].municipality_id == family.department.municipality_id


def test_consent_withdrawal_is_logged_html_and_api(family, web, api) -> None:
    from helhed.families.models import Consent

    c1, c2 = Consent.objects.filter(family=family).order_by("pk")
    web("fiona").post(f"/familier/{family.code}/samtykker/{c1.pk}/tilbagekald/")
    api("fiona").post(f"/api/families/{family.code}/consents/{c2.pk}/withdraw/")
    rows = audit_rows(action="withdraw")
    assert [(r.object_id, r.actor_username) for r in rows] == [(c1.pk, "fiona"), (c2.pk, "fiona")]


def test_a_denied_request_logs_nothing_about_the_family(family, web, api) -> None:
    before = audit_rows()[-1].pk
    assert web("lars").get(f"/familier/{family.code}/").status_code == 404
    assert api("bob").get(f"/api/families/{family.code}/?reason={REASON}").status_code == 404
    assert web("carol", reason_for=family).post(f"/familier/{family.code}/luk/").status_code == 403
    assert [r for r in audit_rows() if r.pk > before] == []


def test_a_partner_without_reason_is_asked_and_nothing_is_read(family, web, people) -> None:
    c = web("carol")
    response = c.get(f"/familier/{family.code}/")
    assert response.status_code == 302 and "/begrundelse/" in response["Location"]
    before = audit_rows()[-1].pk
    page = c.get(response["Location"])
    assert b"Lektiec" not in page.content  # the reason page shows nothing of the family
    assert c.post(response["Location"], {"reason": "kort"}).status_code == 400
    done = c.post(response["Location"], {"reason": REASON, "next": f"/familier/{family.code}/"})
    assert done.status_code == 302
    assert c.get(done["Location"]).status_code == 200
    new = [r for r in audit_rows() if r.pk > before]
    assert [(r.action, r.reason) for r in new] == [("view", REASON)]
