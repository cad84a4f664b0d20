"""Family work in a real browser: the demo family coordinator passes the TOTP step, opens the
"14 interventions" family and records a network meeting with an action."""

from datetime import timedelta

import pyotp
from playwright.sync_api import Page, expect

from helhed.families import access
from helhed.families.demo import DEMO_TOTP_SECRET, load_demo_families
from helhed.families.models import AuditEntry, NetworkMeeting
from helhed.partnerships.demo import DEMO_PASSWORD


def test_a_family_coordinator_verifies_totp_and_records_a_network_meeting(
    page: Page, world, settings, shot
):
    settings.DEMO_MODE = True  # the demo user `familie` and its printed TOTP secret
    load_demo_families()
    page.goto(f"{world.url}/login/?next=/familier/")
    page.fill("#id_username", "familie")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")

    expect(page.get_by_role("heading", name="Bekræft med tofaktor")).to_be_visible()
    shot(page, "1-totp")
    page.get_by_label("Kode fra godkendelsesappen").fill("000000")
    page.get_by_role("button", name="Bekræft").click()
    expect(page.get_by_text("Koden er forkert")).to_be_visible()
    page.get_by_label("Kode fra godkendelsesappen").fill(pyotp.TOTP(DEMO_TOTP_SECRET).now())
    page.get_by_role("button", name="Bekræft").click()

    expect(page.get_by_role("heading", name="Familier", level=1)).to_be_visible()
    page.get_by_role("link", name="F-DEMA", exact=True).click()
    expect(page.get_by_role("heading", name="Familie F-DEMA")).to_be_visible()
    expect(page.get_by_role("heading", name="Indsatser (14)")).to_be_visible()
    expect(page.get_by_text("Modstridende krav").first).to_be_visible()
    shot(page, "2-family")

    page.get_by_role("link", name="Nyt netværksmøde").click()
    today = access.today()
    page.get_by_label("Dato").fill(today.isoformat())
    page.get_by_label("Referat").fill("Familien og netværket samlede de 14 indsatser i én plan.")
    page.get_by_label("Privat netværk").fill("Mormor")
    page.get_by_label("Fagpersoner").fill("Lærer Hansen, Skolen")
    page.get_by_label("Handling 1", exact=True).fill("Ét fælles mødeskema for jobcenter og læge")
    page.get_by_label("Ansvarlig 1", exact=True).fill("Far og familiebehandler")
    page.get_by_label("Frist 1", exact=True).fill((today + timedelta(days=14)).isoformat())
    shot(page, "3-meeting-form")
    page.get_by_role("button", name="Gem netværksmøde").click()

    expect(page.get_by_text("Netværksmødet er gemt.")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Ét fælles mødeskema for jobcenter og læge")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Lærer Hansen")).to_be_visible()
    shot(page, "4-meeting")
    meeting = NetworkMeeting.objects.filter(family__code="F-DEMA").latest("pk")
    assert meeting.held_on == today
    assert [(a.description, a.owner) for a in meeting.actions.all()] == [
        ("Ét fælles mødeskema for jobcenter og læge", "Far og familiebehandler")
    ]
    actions = list(
        AuditEntry.objects.filter(actor__username="familie")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[:2] == ["totp_failed", "totp_verify"]
    assert {"list", "view", "create"} <= set(actions)
