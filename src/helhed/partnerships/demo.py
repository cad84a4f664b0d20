"""Loads the demo partnership (synthetic figures) into the app database.

The structure follows "Plads Til Forskel" in the source material: Herning Kommune, Fællesbo,
Fruehøjgaard and Lejerbo, 11 departments in three areas, the plan's four focus areas, activities,
budget and external grants. A second municipality (Viborg) with its own organisation, area and plan
proves that tenants are kept apart. Every figure is synthetic.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from helhed.accounts.models import DemoAccount, Membership, Role
from helhed.domain import demo_partnership as demo
from helhed.partnerships.models import (
    Activity,
    ActivityResult,
    Area,
    AreaDepartment,
    Body,
    BodyKind,
    BodyMeeting,
    BudgetLine,
    Department,
    FocusArea,
    Goal,
    Grant,
    LbfTheme,
    Municipality,
    Organisation,
    OrganisationKind,
    Plan,
    PlanArea,
    PlanPartner,
)

DEMO_PASSWORD = "helhed-demo"
PLAN_NAME = "Plads Til Forskel"
SECOND_PLAN_NAME = "Sammen På Tværs (syntetisk)"

# username → (organisation name, role, full name)
# (Without django-stubs mypy cannot type TextChoices members, so the role is left untyped here.)
DEMO_USERS: dict[str, tuple] = {
    "kommune": ("Herning Kommune", Role.MUNICIPAL_COORDINATOR, "Karen Kommune"),
    "boligsocial": ("Fællesbo", Role.HOUSING_STAFF, "Bo Boligsocial"),
    "bestyrelse": ("Herning Kommune", Role.BOARD_MEMBER, "Birte Bestyrelse"),
    "familie": ("Herning Kommune", Role.FAMILY_COORDINATOR, "Frida Familie"),
    "analytiker": ("Herning Kommune", Role.ANALYST, "Anders Analytiker"),
    "admin": ("Herning Kommune", Role.ADMINISTRATOR, "Ada Admin"),
    "viborg": ("Viborg Kommune", Role.MUNICIPAL_COORDINATOR, "Villy Viborg"),
}

FOCUS_AREAS = [
    ("Kriminalitetsforebyggelse", LbfTheme.CRIME, "Forebygge kriminalitet blandt børn og unge."),
    ("Trivsel og tryghed", LbfTheme.COHESION, "Øge trivsel og tryghed i boligområderne."),
    ("Beskæftigelse og uddannelse", LbfTheme.EMPLOYMENT, "Flere i job og uddannelse."),
    ("Forældre og forebyggelse", LbfTheme.EDUCATION, "Styrke forældrene og forebygge tidligt."),
]

GOALS = {
    "Kriminalitetsforebyggelse": ["Færre sigtede 10–17-årige", "Mindre hærværk i afdelingerne"],
    "Trivsel og tryghed": ["Lavere fraflytningsprocent", "Flere frivillige"],
    "Beskæftigelse og uddannelse": [
        "Færre unge på uddannelseshjælp",
        "Flere gennemfører en ungdomsuddannelse",
        "Højere karaktergennemsnit i 9. klasse",
    ],
    "Forældre og forebyggelse": [
        "Færre børnesager",
        "Mindre behov for sproglig indsats i dagtilbud",
    ],
}


def _municipality(m: demo.DemoMunicipality) -> Municipality:
    obj, _ = Municipality.objects.get_or_create(
        code=m.code,
        defaults={"name": m.name, "region_code": m.region_code, "region_name": m.region_name},
    )
    return obj


def _org(name: str, kind, municipality: Municipality) -> Organisation:
    obj, _ = Organisation.objects.get_or_create(
        name=name, municipality=municipality, defaults={"kind": kind}
    )
    return obj


def _areas(
    areas, departments, municipality: Municipality, orgs: dict[str, Organisation]
) -> dict[str, Area]:
    result = {}
    for a in areas:
        result[a.area_id], _ = Area.objects.get_or_create(
            code=a.area_id, defaults={"name": a.name, "municipality": municipality}
        )
    for d in departments:
        dept, created = Department.objects.get_or_create(
            number=d.department_id,
            defaults={
                "name": d.name,
                "organisation": orgs[d.housing_organisation],
                "municipality": municipality,
                "tenancies": d.tenancies,
            },
        )
        if created:
            AreaDepartment.objects.create(
                area=result[d.area_id], department=dept, valid_from=date(2010, 1, 1)
            )
    return result


def _users() -> list[str]:
    User = get_user_model()
    created = []
    for username, (org_name, role, full_name) in DEMO_USERS.items():
        first, _, last = full_name.partition(" ")
        user, new = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        DemoAccount.objects.get_or_create(user=user)
        Membership.objects.get_or_create(
            user=user, organisation=Organisation.objects.get(name=org_name), role=role
        )
        if new:
            created.append(username)
    return created


def _herning_plan(
    herning: Municipality, orgs: dict[str, Organisation], areas: dict[str, Area]
) -> Plan:
    plan = Plan.objects.create(
        name=PLAN_NAME,
        municipality=herning,
        start_date=date(2017, 10, 1),
        end_date=date(2021, 9, 30),
        vision=(
            "At skabe sammenhæng i de miljøer, hvor den enkelte beboer får mulighed for at øge sine "
            "livschancer og engagere sig i fællesskabet med boligen som naturligt omdrejningspunkt."
        ),
    )
    for org in orgs.values():
        PlanPartner.objects.create(plan=plan, organisation=org)
    for area in areas.values():
        PlanArea.objects.create(plan=plan, area=area, valid_from=plan.start_date)
    focus = {}
    for order, (name, theme, description) in enumerate(FOCUS_AREAS, start=1):
        focus[name] = FocusArea.objects.create(
            plan=plan, name=name, lbf_theme=theme, description=description, order=order
        )
        for title in GOALS[name]:
            Goal.objects.create(plan=plan, focus_area=focus[name], title=title)
    board = Body.objects.create(
        plan=plan,
        kind=BodyKind.BOARD,
        name="Bestyrelsen for Plads Til Forskel",
        members="Formand (syntetisk)\nHerning Kommune\nFællesbo\nFruehøjgaard\nLejerbo",
    )
    Body.objects.create(plan=plan, kind=BodyKind.FOLLOW_UP, name="Følgegruppen")
    Body.objects.create(plan=plan, kind=BodyKind.RESIDENTS, name="Beboerpanelet")
    BodyMeeting.objects.create(
        body=board,
        date=date(2021, 2, 3),
        title="Årligt eftersyn 2020",
        minutes="Bestyrelsen gennemførte det årlige eftersyn af helhedsplanen.",
    )
    BodyMeeting.objects.create(body=board, date=date(2020, 2, 5), title="Årligt eftersyn 2019")

    camp = Activity.objects.create(
        plan=plan,
        focus_area=focus["Trivsel og tryghed"],
        name="Sommerlejr",
        description="Sommerlejr og sommeraktiviteter for børn og unge fra de tre områder.",
        start_date=date(2018, 6, 1),
        participants=120,
        volunteers=18,
        results="Forbedret trivsel blandt børn og unge gennem sommeraktiviteter.",
    )
    jobs = Activity.objects.create(
        plan=plan,
        focus_area=focus["Beskæftigelse og uddannelse"],
        name="Fritidsjob",
        description="Unge fra områderne hjælpes i fritidsjob, også i det kommunale.",
        start_date=date(2018, 1, 1),
        participants=38,
        volunteers=0,
        results="38 unge i fritidsjob i 2020; de første to kommunale fritidsjob oprettet.",
    )
    mothers = Activity.objects.create(
        plan=plan,
        focus_area=focus["Forældre og forebyggelse"],
        name="Bydelsmødre",
        description="Frivillige kvinder, der støtter andre kvinder i området med viden og netværk.",
        start_date=date(2019, 3, 1),
        participants=45,
        volunteers=12,
    )
    Activity.objects.create(
        plan=plan,
        focus_area=focus["Forældre og forebyggelse"],
        name="Familiemedarbejder på Brændgårdskolen",
        description="En delt stilling mellem skolen og helhedsplanen.",
        start_date=date(2020, 1, 1),
        participants=30,
    )
    Activity.objects.create(
        plan=plan,
        focus_area=focus["Kriminalitetsforebyggelse"],
        name="Lektiecafé og gadeplansarbejde",
        description="Lektiecafé i Holtbjerg og samarbejde med SSP om uro i Brændgårdområdet.",
        start_date=date(2018, 9, 1),
        participants=60,
        volunteers=9,
    )
    for activity in (camp, jobs, mothers):
        activity.partners.set(list(orgs.values())[:2])
    ActivityResult.objects.create(
        activity=jobs, year=2019, label="Unge i fritidsjob", value=Decimal(31)
    )
    ActivityResult.objects.create(
        activity=jobs, year=2020, label="Unge i fritidsjob", value=Decimal(38)
    )
    ActivityResult.objects.create(
        activity=camp, year=2020, label="Deltagere i sommeraktiviteter", value=Decimal(120)
    )
    ActivityResult.objects.create(
        activity=mothers, year=2020, label="Kvinder nået af Bydelsmødre", value=Decimal(45)
    )

    yearly = {  # synthetic budget per focus area and year (kr.)
        "Kriminalitetsforebyggelse": 620_000,
        "Trivsel og tryghed": 540_000,
        "Beskæftigelse og uddannelse": 710_000,
        "Forældre og forebyggelse": 580_000,
    }
    for year in (2018, 2019, 2020, 2021):
        for name, amount in yearly.items():
            BudgetLine.objects.create(
                plan=plan,
                year=year,
                focus_area=focus[name],
                description=f"Medarbejdere og aktiviteter: {name.lower()}",
                amount=Decimal(amount),
            )
        BudgetLine.objects.create(
            plan=plan, year=year, description="Sekretariat og evaluering", amount=Decimal(350_000)
        )
    Grant.objects.create(
        plan=plan,
        grantor="Arbejdsmarkedets Feriefond",
        amount=Decimal(160_000),
        year=2020,
        purpose="Sommerlejr",
        activity=camp,
    )
    Grant.objects.create(
        plan=plan,
        grantor="Socialministeriets pulje til sommerferieaktiviteter",
        amount=Decimal(300_000),
        year=2020,
        purpose="Sommeraktiviteter for børn og unge",
        activity=camp,
    )
    return plan


def _viborg_plan(viborg: Municipality, org: Organisation, area: Area) -> Plan:
    plan = Plan.objects.create(
        name=SECOND_PLAN_NAME,
        municipality=viborg,
        start_date=date(2022, 1, 1),
        end_date=date(2025, 12, 31),
        vision="Relationel velfærd sammen på tværs (syntetisk).",
    )
    PlanPartner.objects.create(plan=plan, organisation=org)
    PlanArea.objects.create(plan=plan, area=area, valid_from=plan.start_date)
    fa = FocusArea.objects.create(
        plan=plan, name="Beskæftigelse", lbf_theme=LbfTheme.EMPLOYMENT, order=1
    )
    Activity.objects.create(
        plan=plan,
        focus_area=fa,
        name="Familieindsats i områdekontoret",
        start_date=date(2022, 3, 1),
        participants=25,
    )
    BudgetLine.objects.create(
        plan=plan, year=2023, description="Familiemedarbejdere", amount=Decimal(1_200_000)
    )
    return plan


@transaction.atomic
def load_demo() -> dict:
    """Create the demo partnership if it is not there; always (re)set the demo users' password."""
    herning = _municipality(demo.HERNING)
    viborg = _municipality(demo.VIBORG)
    _org("Herning Kommune", OrganisationKind.MUNICIPALITY, herning)
    _org("Viborg Kommune", OrganisationKind.MUNICIPALITY, viborg)
    housing = {
        name: _org(name, OrganisationKind.HOUSING, herning) for name in demo.HOUSING_ORGANISATIONS
    }
    _org("SSP Herning", OrganisationKind.PARTNER, herning)
    viborg_housing = _org(demo.SECOND_HOUSING_ORGANISATION, OrganisationKind.HOUSING, viborg)
    areas = _areas(demo.AREAS, demo.DEPARTMENTS, herning, housing)
    second = _areas(
        (demo.SECOND_AREA,),
        demo.SECOND_DEPARTMENTS,
        viborg,
        {demo.SECOND_HOUSING_ORGANISATION: viborg_housing},
    )
    created_plans = []
    if not Plan.objects.filter(name=PLAN_NAME, municipality=herning).exists():
        created_plans.append(_herning_plan(herning, housing, areas).name)
    if not Plan.objects.filter(name=SECOND_PLAN_NAME, municipality=viborg).exists():
        created_plans.append(
            _viborg_plan(viborg, viborg_housing, second[demo.SECOND_AREA.area_id]).name
        )
    users = _users()
    return {"plans_created": created_plans, "users_created": users}
