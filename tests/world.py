"""Sample objects and valid payloads for every partnership entity, in the Herning tenant.

The access matrix tests iterate over every entity; this module tells them which object to
touch and what a valid create request looks like, for the HTML forms and for the API.
"""

from __future__ import annotations

from django.db.models import Model

from helhed.accounts.models import Membership
from helhed.partnerships.entities import ENTITIES, Entity, parent_instance
from helhed.partnerships.models import (
    Activity,
    Area,
    AreaDepartment,
    Body,
    Department,
    FocusArea,
    Municipality,
    Organisation,
    Plan,
)


def herning_plan() -> Plan:
    return Plan.objects.get(name="Plads Til Forskel")


def sample(entity: Entity) -> Model:
    """An existing object of the entity in the Herning tenant."""
    plan = herning_plan()
    herning = Municipality.objects.get(code="657")
    qs = entity.model.objects.all()
    if entity.key == "plans":
        return plan
    if entity.key in {"areas"}:
        return qs.filter(municipality=herning).order_by("pk").first()
    if entity.key == "departments":
        return qs.filter(municipality=herning).order_by("pk").first()
    if entity.key == "organisations":
        return Organisation.objects.get(name="Fællesbo")
    if entity.key == "area-departments":
        return AreaDepartment.objects.filter(area__municipality=herning).order_by("pk").first()
    if entity.key == "memberships":
        return Membership.objects.filter(
            organisation__name="Herning Kommune", user__username="bob"
        ).get()
    return qs.filter(**{entity.parent_path: plan}).order_by("pk").first()


def parent_pk(entity: Entity, obj: Model) -> int | None:
    return parent_instance(entity, obj).pk if entity.is_child else None


def create_data(entity: Entity) -> dict:
    """A valid create payload (form field names = API field names, minus the parent FK)."""
    plan = herning_plan()
    herning = Municipality.objects.get(code="657")
    focus = FocusArea.objects.filter(plan=plan).order_by("pk").first()
    data: dict = {
        "plans": {
            "name": "Ny plan",
            "municipality": herning.pk,
            "start_date": "2026-01-01",
            "end_date": "2029-12-31",
            "vision": "",
            "lbf_share_pct": "75",
        },
        "areas": {"code": "657-NY", "name": "Nyt område", "municipality": herning.pk},
        "departments": {
            "number": "601-99",
            "name": "Ny afdeling",
            "organisation": Organisation.objects.get(name="Fællesbo").pk,
            "municipality": herning.pk,
            "tenancies": 40,
        },
        "organisations": {
            "name": "Herning Ungdomsskole",
            "kind": "partner",
            "municipality": herning.pk,
        },
        "plan-partners": {"organisation": Organisation.objects.get(name="SSP Herning").pk},
        "plan-areas": {
            "area": Area.objects.filter(municipality=herning).order_by("pk").first().pk,
            "valid_from": "2022-01-01",
        },
        "bodies": {"kind": "other", "name": "Styregruppe for fritidsjob", "members": ""},
        "meetings": {
            "body": Body.objects.filter(plan=plan).order_by("pk").first().pk,
            "date": "2021-06-01",
            "title": "Sommermøde",
            "minutes": "",
        },
        "focus-areas": {"name": "Sundhed", "lbf_theme": "", "description": "", "order": 5},
        "goals": {
            "focus_area": focus.pk,
            "title": "Flere unge i foreningslivet",
            "description": "",
        },
        "activities": {
            "name": "Lektiecafé Holtbjerg",
            "focus_area": focus.pk,
            "description": "",
            "start_date": "2021-01-01",
            "participants": 10,
            "volunteers": 2,
            "results": "",
        },
        "activity-results": {
            "activity": Activity.objects.filter(plan=plan).order_by("pk").first().pk,
            "year": 2021,
            "label": "Deltagere",
            "value": "12",
            "note": "",
        },
        "budget-lines": {"year": 2021, "description": "Ekstra aktiviteter", "amount": "10000"},
        "grants": {
            "grantor": "Trygfonden",
            "amount": "50000",
            "year": 2021,
            "purpose": "Tryghedsvandringer",
        },
        "area-departments": {
            "department": Department.objects.get(number="601-11").pk,
            "valid_from": "1990-01-01",
            "valid_to": "1999-12-31",
        },
        "memberships": {
            "username": "nyansat",
            "role": "analyst",
            "password": "en-lang-sikker-kode-1",
        },
    }
    return data[entity.key]


def api_create_data(entity: Entity) -> dict:
    data = dict(create_data(entity))
    obj = sample(entity)
    if entity.parent_field:
        data[entity.parent_field] = parent_instance(entity, obj).pk
    if entity.key == "memberships":
        data = {"organisation": obj.organisation_id, "user": "carol", "role": "analyst"}
    return data


ALL_ENTITIES = list(ENTITIES.values())
