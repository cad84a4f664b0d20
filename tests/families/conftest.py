"""Fixtures of the families tests.

Family personas (besides alice, bob, carol, adam and olivia from tests/conftest.py):
- fiona: family coordinator in Herning Kommune, ASSIGNED to the fixture family
- frank: family coordinator in Herning Kommune, not assigned
- ane:   analyst in Herning Kommune
- lars:  housing staff at Lejerbo (no consent, no intervention)
- ulla:  housing staff at Fruehøjgaard (an intervention, but the consent window has ended)
- sune:  housing staff at SSP Herning (an intervention, but no consent covers SSP)

The fixture family (`family`, in 601-11 Lyngbyen I) is built through the services by fiona:
members mother + child; consent C1 (interventions, meetings) for Fællesbo and Herning Kommune,
active; consent C2 (everything) for Fruehøjgaard, ended yesterday; interventions by Fællesbo
(I1), Herning Kommune (I2), SSP Herning (I3), Fruehøjgaard (I4); one network meeting with a goal,
an action and a score.
"""

from __future__ import annotations

import time
from datetime import timedelta
from types import SimpleNamespace

import pytest

FAMILY_PERSONAS = {
    "fiona": ("Herning Kommune", "family_coordinator"),
    "frank": ("Herning Kommune", "family_coordinator"),
    "ane": ("Herning Kommune", "analyst"),
    "lars": ("Lejerbo", "housing_staff"),
    "ulla": ("Fruehøjgaard", "housing_staff"),
    "sune": ("SSP Herning", "housing_staff"),
}
EVERYONE = [
    "fiona",
    "frank",
    "alice",
    "carol",
    "bob",
    "adam",
    "ane",
    "lars",
    "ulla",
    "sune",
    "olivia",
]


@pytest.fixture
def people(personas):
    from django.contrib.auth import get_user_model

    from helhed.accounts.models import Membership
    from helhed.partnerships.models import Organisation

    User = get_user_model()
    found = dict(vars(personas))
    for username, (org, role) in FAMILY_PERSONAS.items():
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(name=org), role=role
        )
        found[username] = user
    return SimpleNamespace(**found)


def org(name: str):
    from helhed.partnerships.models import Organisation

    return Organisation.objects.get(name=name)


@pytest.fixture
def family(people):
    from helhed.families import access, services
    from helhed.partnerships.models import Department

    today = access.today()
    fiona = people.fiona
    f = services.family_create(
        actor=fiona,
        department=Department.objects.get(number="601-11"),
        opened_on=today - timedelta(days=3 * 365),
        organisation=org("Herning Kommune"),
    )
    mother = services.member_create(
        actor=fiona,
        family=f,
        relation="mother",
        first_name="Mor",
        last_name="Testesen",
        cpr="010185-XXXX",
        birth_year=1985,
    )
    child = services.member_create(
        actor=fiona,
        family=f,
        relation="child",
        first_name="Barn",
        last_name="Testesen",
        cpr="010112-XXXX",
        birth_year=2012,
    )
    services.consent_create(
        actor=fiona,
        family=f,
        given_by="Mor",
        categories=["interventions", "meetings"],
        organisations=[org("Fællesbo"), org("Herning Kommune")],
        valid_from=today - timedelta(days=30),
    )
    services.consent_create(
        actor=fiona,
        family=f,
        given_by="Mor",
        categories=["identity", "interventions", "meetings"],
        organisations=[org("Fruehøjgaard")],
        valid_from=today - timedelta(days=300),
        valid_to=today - timedelta(days=1),
    )

    def intervention(organisation, title, members, category):
        return services.intervention_create(
            actor=fiona,
            family=f,
            members=members,
            kind="other",
            title=title,
            organisation=org(organisation),
            goal=title,
            goal_category=category,
            start_on=today - timedelta(days=50),
        )

    intervention("Fællesbo", "Lektiecafé", [child], "school")
    intervention("Herning Kommune", "Familiebehandling", [mother, child], "parenting")
    intervention("SSP Herning", "SSP-samtaler", [child], "crime")
    intervention("Fruehøjgaard", "Beboerrådgivning", [mother], "housing")
    services.meeting_record(
        actor=fiona,
        family=f,
        held_on=today - timedelta(days=20),
        summary="Første møde",
        participants=[("Mormor", "private", "Mormor")],
        new_goals=["Skolegang hver dag"],
        new_actions=[services.NewAction("Ring til skolen", "Mor", today + timedelta(days=5))],
    )
    goal = f.goals.get()
    services.meeting_record(
        actor=fiona, family=f, held_on=today - timedelta(days=5), scores={goal.pk: 4}
    )
    return f


def make_verified(client, user) -> None:
    """Give `user` a confirmed TOTP device and mark the client's session as verified."""
    from django.utils import timezone

    from helhed.families.models import TotpDevice
    from helhed.families.twofactor import SESSION_KEY

    TotpDevice.objects.update_or_create(
        user=user,
        defaults={"secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "confirmed_at": timezone.now()},
    )
    session = client.session
    session[SESSION_KEY] = {"user": user.pk, "at": time.time()}
    session.save()


def give_reason(client, user, family, reason: str = "Opfølgning på aftalt møde") -> None:
    from helhed.families.views.common import REASONS_KEY

    session = client.session
    reasons = dict(session.get(REASONS_KEY, {}))
    reasons[str(family.pk)] = {"user": user.pk, "reason": reason, "at": time.time()}
    session[REASONS_KEY] = reasons
    session.save()


@pytest.fixture
def web(people):
    """web("fiona") → a logged-in, TOTP-verified test client; web("x", verified=False) not."""
    from django.test import Client

    def make(name: str, *, verified: bool = True, reason_for=None):
        c = Client()
        user = getattr(people, name)
        c.force_login(user)
        if verified:
            make_verified(c, user)
        if reason_for is not None:
            give_reason(c, user, reason_for)
        return c

    return make


@pytest.fixture
def api(people):
    """api("fiona") → an APIClient with a session login that has passed the TOTP step."""
    from rest_framework.test import APIClient

    def make(name: str | None, *, verified: bool = True):
        c = APIClient()
        if name is None:
            return c
        user = getattr(people, name)
        c.force_login(user)
        if verified:
            make_verified(c, user)
        return c

    return make


def audit_rows(**filters):
    from helhed.families.models import AuditEntry

    return list(AuditEntry.objects.filter(**filters).order_by("pk"))
