"""Shared fixtures: one persona world, loaded once per test session.

Two municipalities (Herning with the demo partnership, Viborg with its own plan) and personas:
- alice: municipal coordinator in Herning (the owner of the Herning plan)
- bob: board member in Herning (a reader)
- carol: housing social staff at Fællesbo (partner in the Herning plan)
- adam: administrator of Herning Kommune's organisation
- olivia: municipal coordinator in Viborg (an outsider to everything in Herning)
- anders: analyst in Herning Kommune (reads; screens the area lists)
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

# Django is imported inside the fixtures, so the pure-core tests in tests/domain/ also run with
# `pytest -p no:django`.

PASSWORD = "korrekt-hest-batteri-42"

PERSONAS = {
    "alice": ("Herning Kommune", "municipal_coordinator"),
    "bob": ("Herning Kommune", "board_member"),
    "carol": ("Fællesbo", "housing_staff"),
    "adam": ("Herning Kommune", "administrator"),
    "olivia": ("Viborg Kommune", "municipal_coordinator"),
    "anders": ("Herning Kommune", "analyst"),
}


def load_world() -> None:
    """The demo partnership plus the personas (idempotent)."""
    from django.contrib.auth import get_user_model

    from helhed.accounts.models import Membership
    from helhed.partnerships.demo import load_demo
    from helhed.partnerships.models import Organisation

    load_demo()
    User = get_user_model()
    for username, (org_name, role) in PERSONAS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=PASSWORD)
        Membership.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(name=org_name), role=role
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_world()


@pytest.fixture
def personas(db):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return SimpleNamespace(**{name: User.objects.get(username=name) for name in PERSONAS})


@pytest.fixture
def client_for(client, personas):
    """client_for("alice") → a Django test client logged in as that persona."""

    def make(name: str):
        from django.test import Client

        c = Client()
        c.force_login(getattr(personas, name))
        return c

    return make


@pytest.fixture
def api_for(personas):
    from rest_framework.test import APIClient

    def make(name: str | None):
        c = APIClient()
        if name:
            c.force_authenticate(getattr(personas, name))
        return c

    return make
