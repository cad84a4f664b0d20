"""An outsider in a real browser: olivia (municipal coordinator in Viborg) gets the 404 page for
everything of Herning's — the plan, its areas' indicator pages, the plan's follow-up pages, the
status report files, a family and a gains calculation. Each URL is first shown to work for
Herning's own users, so every 404 is the access rule and not a wrong address."""

from __future__ import annotations

import re
import time

import pyotp
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from helhed.arealists.demo import load_demo_lists
from helhed.families.demo import load_demo_families
from helhed.families.models import Family, TotpDevice
from helhed.families.twofactor import SESSION_KEY
from helhed.followup import services as followup_services
from helhed.gains.demo import load_demo_gains
from helhed.gains.models import Calculation
from helhed.partnerships.models import Plan, PlanArea
from tests.followup.data import make_goal_indicators, make_snapshot

OLIVIA_TOTP = "OLIVIAVIBORGTOTPSECRETE2EONLY234"
YEAR = 2020


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _client(username: str, *, totp: bool = False) -> Client:
    client = Client()
    user = _user(username)
    client.force_login(user)
    if totp:  # as if the user had passed the TOTP step in this session
        TotpDevice.objects.update_or_create(
            user=user, defaults={"secret": pyotp.random_base32(), "confirmed_at": timezone.now()}
        )
        session = client.session
        session[SESSION_KEY] = {"user": user.pk, "at": time.time()}
        session.save()
    return client


def _herning_urls() -> dict[str, str]:
    """Herning's pages, collected as the owner would reach them: step name → path."""
    plan = Plan.objects.get(name="Plads Til Forskel")
    alice = _user("alice")
    make_snapshot(alice)
    make_goal_indicators(plan)
    followup_services.report_files_render(actor=alice, plan=plan, year=YEAR)
    urls = {
        "plan": f"/planer/{plan.pk}/",
        "plan-activities": f"/planer/{plan.pk}/aktiviteter/",
    }
    for plan_area in PlanArea.objects.filter(plan=plan).select_related("area").order_by("pk"):
        area = plan_area.area
        urls[f"area-{area.code}"] = f"/omraader/{area.pk}/"
        urls[f"indicators-{area.code}"] = f"/indikatorer/omraader/{area.pk}/"
    follow_up = f"/opfoelgning/planer/{plan.pk}/aar/{YEAR}/"
    urls |= {
        "followup-plan": f"/opfoelgning/planer/{plan.pk}/",
        "followup-year": follow_up,
        "followup-review": f"{follow_up}eftersyn/",
        "followup-report": f"{follow_up}rapport/",
        "report-pdf": f"{follow_up}rapport/pdf/",
        "report-docx": f"{follow_up}rapport/docx/",
    }
    calculation = Calculation.objects.get(name="Bydelsmødre: offentlig forsørgelse")
    gains = f"/gevinster/aktiviteter/{calculation.activity_id}/"
    urls |= {
        "gains-activity": gains,
        "gains-calculation": f"{gains}beregninger/{calculation.pk}/",
        "gains-calculation-xlsx": f"{gains}beregninger/{calculation.pk}/xlsx/",
    }
    return urls


def test_outsider_is_refused_everything_of_herning(page: Page, world, login, settings, shot):
    settings.DEMO_MODE = True  # the demo family coordinator `familie` owns the demo families
    load_demo_families()
    load_demo_gains()
    load_demo_lists()
    urls = _herning_urls()
    family = Family.objects.get(code="F-DEMA")
    family_url = f"/familier/{family.code}/"
    meeting_url = f"{family_url}moeder/{family.meetings.order_by('pk').first().pk}/"

    # The owners reach every one of them.
    alice = _client("alice")
    for step, url in urls.items():
        assert alice.get(url, follow=True).status_code == 200, (step, url)
    family_urls = {
        "family": family_url,
        "family-meeting": meeting_url,
        "family-reason": f"{family_url}begrundelse/",
    }
    familie = _client("familie", totp=True)  # assigned to the family
    for url in (family_url, meeting_url):
        assert familie.get(url).status_code == 200, url
    # alice is a partner through her organisation's consent: she is asked for a reason first
    assert _client("alice", totp=True).get(family_urls["family-reason"]).status_code == 200
    # ... and the area lists link Herning's own users into the partnership areas.
    assert (
        "Boligområdet i partnerskabet"
        in alice.get("/lister/2024/omraade/Holtbjerg/").content.decode()
    )
    overview = alice.get("/lister/", {"year": 2024, "municipality": "Herning Kommune"})
    assert "i partnerskabet" in overview.content.decode()

    login(page, "olivia")
    expect(page.get_by_role("heading", name="Helhedsplaner")).to_be_visible()
    expect(page.get_by_role("link", name="Plads Til Forskel")).to_have_count(0)
    shot(page, "0-own-plans")

    for step, url in urls.items():
        response = page.goto(f"{world.url}{url}")
        assert response is not None and response.status == 404, (step, url, response)
        expect(page.get_by_role("heading", name="Siden findes ikke")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text("Plads Til Forskel")
        shot(page, f"404-{step}")

    # Families: olivia's role may see families, so she passes the TOTP step first — and the
    # family of another municipality is still not there.
    TotpDevice.objects.update_or_create(
        user=_user("olivia"), defaults={"secret": OLIVIA_TOTP, "confirmed_at": timezone.now()}
    )
    page.goto(f"{world.url}{family_url}")
    expect(page.get_by_role("heading", name="Bekræft med tofaktor")).to_be_visible()
    shot(page, "family-totp")
    page.get_by_label("Kode fra godkendelsesappen").fill(pyotp.TOTP(OLIVIA_TOTP).now())
    page.get_by_role("button", name="Bekræft").click()
    expect(page.get_by_role("heading", name="Siden findes ikke")).to_be_visible()
    assert page.url.endswith(family_url)
    for step, url in family_urls.items():
        response = page.goto(f"{world.url}{url}")
        assert response is not None and response.status == 404, (step, url)
        expect(page.get_by_role("heading", name="Siden findes ikke")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text(family.code)
        shot(page, f"404-{step}")
    page.goto(f"{world.url}/familier/")
    expect(page.get_by_role("heading", name="Familier", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=family.code)).to_have_count(0)
    # Viborg's aggregates count none of Herning's six families.
    page.goto(f"{world.url}/familier/tal/")
    expect(page.locator('[data-figure="families_open"]')).to_have_text("færre end 5")
    expect(page.locator('[data-figure="families_followed"]')).to_have_text("færre end 5")
    shot(page, "families-aggregates")

    # The area lists are public national figures, not Herning's data: olivia reads them, but the
    # links into Herning's partnership areas are not offered to her.
    response = page.goto(f"{world.url}/lister/?year=2024&municipality=Herning+Kommune")
    assert response is not None and response.status == 200
    table = page.locator("#area-table")
    expect(table.get_by_role("link", name="Holtbjerg", exact=True)).to_be_visible()
    expect(table.get_by_role("link", name=re.compile("i partnerskabet"))).to_have_count(0)
    shot(page, "area-lists-public")
    response = page.goto(f"{world.url}/lister/2024/omraade/Holtbjerg/")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", name="Holtbjerg", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Boligområdet i partnerskabet")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("partnerskabet"))).to_have_count(0)
    shot(page, "area-list-public")
