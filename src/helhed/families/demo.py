"""Synthetic demo families for `helhed demo` — clearly fake: "Familie A", members "Mor A",
"Barn A1", CPR-like numbers with X (010185-XXXX). Family A is the "14 interventions" case from
Viborg's Ellekonebakken: many agencies at once, overlapping and working against each other.

Each family is written in one audit scope (actor: system), like every other write. In demo mode
the demo user `familie` also gets a TOTP device with a fixed, printed secret, so the step-up can
be passed with any authenticator app; outside demo mode no device is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from helhed.families import audit
from helhed.families.demo_data import A_INTERVENTIONS, A_MEMBERS, FAMILIES
from helhed.families.models import (
    Action,
    AuditAction,
    Consent,
    ConsentOrganisation,
    Family,
    FamilyAssignment,
    FamilyGoal,
    FamilyStatus,
    Intervention,
    InterventionMember,
    MeetingParticipant,
    Member,
    NetworkMeeting,
    ProgressScore,
    TotpDevice,
)
from helhed.partnerships.models import Department, Organisation, OrganisationKind

DEMO_TOTP_SECRET = "DEMODEMODEMOHELHEDFAMILIETOTP234"
DEMO_COORDINATOR = "familie"
RESPONSIBLE = {  # a role, not a name: the demo names no professional either
    "employment": "Jobkonsulent",
    "mentor": "Mentor",
    "family_treatment": "Familiebehandler",
    "school_support": "Klasselærer",
    "psychiatry": "Behandler",
    "health": "Egen læge",
    "health_visitor": "Sundhedsplejerske",
    "daycare": "Pædagog",
    "ssp": "SSP-konsulent",
    "housing_social": "Boligsocial medarbejder",
    "volunteer": "Frivillig",
}
PSYCHIATRY = "Psykiatrien (syntetisk)"
VOLUNTEERS = "Frivilligcenter (syntetisk)"


@dataclass
class DemoFamilies:
    created: list[str] = field(default_factory=list)
    totp_secret: str | None = None

    def lines(self) -> list[str]:
        lines = []
        if self.created:
            lines.append(f"Oprettet syntetiske familier: {', '.join(self.created)}.")
        if self.totp_secret:
            lines += [
                f"Familiedata kræver tofaktor. Demobrugeren {DEMO_COORDINATOR} har TOTP-",
                f"hemmeligheden {self.totp_secret} (læg den i en godkendelsesapp, eller:",
                f"  python -c \"import pyotp; print(pyotp.TOTP('{self.totp_secret}').now())\").",
            ]
        return lines


def _orgs() -> dict[str, Organisation]:
    herning = Organisation.objects.get(name="Herning Kommune")
    municipality = herning.municipality

    def partner(name: str) -> Organisation:
        org, _created = Organisation.objects.get_or_create(
            name=name, municipality=municipality, defaults={"kind": OrganisationKind.PARTNER}
        )
        return org

    return {
        "K": herning,
        "H": Organisation.objects.get(name="Fællesbo"),
        "S": Organisation.objects.get(name="SSP Herning"),
        "P": partner(PSYCHIATRY),
        "V": partner(VOLUNTEERS),
    }


def _family(code: str, department: str, coordinator, opened: date, closed: date | None) -> Family:
    family = Family(
        code=code,
        department=Department.objects.get(number=department),
        opened_on=opened,
        status=FamilyStatus.CLOSED if closed else FamilyStatus.OPEN,
        closed_on=closed,
    )
    family.save()
    org = Organisation.objects.get(name="Herning Kommune")
    FamilyAssignment(family=family, user=coordinator, organisation=org, assigned_on=opened).save()
    return family


def _members(family: Family, rows) -> dict[str, Member]:
    members = {}
    for number, (key, relation, first, last, cpr, year) in enumerate(rows, start=1):
        member = Member(
            family=family,
            number=number,
            relation=relation,
            first_name=first,
            last_name=last,
            cpr=cpr,
            birth_year=year,
        )
        member.save()
        members[key] = member
    return members


def _consents(family: Family, orgs: dict[str, Organisation], start: date) -> None:
    rows = [
        ("Mor og far", ["identity", "interventions", "meetings"], ["K"]),
        ("Mor og far", ["interventions", "meetings"], ["H", "S", "P"]),
    ]
    for given_by, categories, keys in rows:
        consent = Consent(family=family, given_by=given_by, categories=categories, valid_from=start)
        consent.save()
        for key in keys:
            ConsentOrganisation(consent=consent, organisation=orgs[key]).save()


def _intervention(family, orgs, members, row, start: date, today: date) -> None:
    kind, title, basis, org, who, goal, category, demand, ended = row
    intervention = Intervention(
        family=family,
        kind=kind,
        title=title,
        legal_basis=basis,
        organisation=orgs[org],
        responsible_person=RESPONSIBLE.get(kind, "Kontaktperson"),
        goal=goal,
        goal_category=category,
        demand=demand,
        start_on=start,
        status="ended" if ended is not None else "active",
        end_on=today - timedelta(days=ended) if ended is not None else None,
    )
    intervention.save()
    for key in who:
        InterventionMember(intervention=intervention, member=members[key]).save()


def _meetings(family, today: date, days_ago: list[int], scores: list[list[int]]) -> None:
    goals: list[FamilyGoal] = []
    previous: list[Action] = []
    for n, days in enumerate(days_ago):
        held = today - timedelta(days=days)
        meeting = NetworkMeeting(
            family=family,
            held_on=held,
            summary="Syntetisk referat: familien og netværket gennemgik mål og aftaler.",
        )
        meeting.save()
        for name, kind, role in [
            ("Mormor", "private", "Mormor"),
            ("Nabo", "private", "Nabo og ven af familien"),
            ("Frida Familie", "professional", "Familiebehandler, Herning Kommune"),
            ("Bo Boligsocial", "professional", "Boligsocial medarbejder, Fællesbo"),
        ]:
            MeetingParticipant(meeting=meeting, name=name, kind=kind, role=role).save()
        if n == 0:
            for title in ("Børnene kommer i skole hver dag", "En voksen i job eller uddannelse"):
                goal = FamilyGoal(family=family, agreed_at=meeting, title=title)
                goal.save()
                goals.append(goal)
        for action in previous[: max(1, len(previous) - 1)]:
            action.done_on, action.done_at = held, meeting
            action.save()
        previous = []
        for description, owner, due in [
            ("Fælles skema for alle aftaler i familien", "Familiebehandler", 30),
            ("Samle jobcentrets og lægens krav i én plan", "Mor og jobcenter", 45),
        ]:
            action = Action(
                family=family,
                meeting=meeting,
                goal=goals[n % len(goals)],
                description=description,
                owner=owner,
                due_on=held + timedelta(days=due),
            )
            action.save()
            previous.append(action)
        for goal, goal_scores in zip(goals, scores, strict=False):
            ProgressScore(goal=goal, meeting=meeting, score=goal_scores[n]).save()


def _demo_device(user) -> str:
    device, _created = TotpDevice.objects.get_or_create(
        user=user, defaults={"secret": DEMO_TOTP_SECRET}
    )
    device.secret = DEMO_TOTP_SECRET
    device.confirmed_at = device.confirmed_at or timezone.now()
    device.save()
    return DEMO_TOTP_SECRET


@transaction.atomic
def load_demo_families(*, today: date | None = None) -> DemoFamilies:
    """Create the demo families if they are not there (idempotent); needs the demo partnership."""
    today = today or timezone.localdate()
    coordinator = get_user_model().objects.get(username=DEMO_COORDINATOR)
    orgs = _orgs()
    result = DemoFamilies()
    if not Family.objects.filter(code="F-DEMA").exists():
        with audit.writing(actor=None, action=AuditAction.CREATE, detail={"demo": True}) as scope:
            family = _family("F-DEMA", "601-31", coordinator, today - timedelta(days=420), None)
            members = _members(family, A_MEMBERS)
            _consents(family, orgs, today - timedelta(days=400))
            for row in A_INTERVENTIONS:
                _intervention(family, orgs, members, row, today - timedelta(days=380), today)
            _meetings(family, today, [360, 20], [[2, 6], [3, 4]])
            scope.family = family
        result.created.append("F-DEMA")
    for code, department, people, interventions, meetings, scores, closed in FAMILIES:
        if Family.objects.filter(code=code).exists():
            continue
        first = today - timedelta(days=max(meetings) + 30)
        with audit.writing(actor=None, action=AuditAction.CREATE, detail={"demo": True}) as scope:
            closed_on = today - timedelta(days=closed) if closed else None
            family = _family(code, department, coordinator, first, closed_on)
            members = _members(family, people)
            _consents(family, orgs, first)
            for n, (kind, title, org, who, category, demand) in enumerate(interventions, 1):
                ended = min(meetings) + 10 if n == len(interventions) else None
                row = (kind, title, "", org, who, title, category, demand, ended)
                _intervention(family, orgs, members, row, first, today)
            _meetings(family, today, meetings, scores)
            scope.family = family
        result.created.append(code)
    if settings.DEMO_MODE:
        result.totp_secret = _demo_device(coordinator)
    return result
