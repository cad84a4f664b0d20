from playwright.sync_api import Page, expect

from helhed.partnerships.models import Activity, Plan


def test_coordinator_opens_the_plan_and_registers_an_activity(page: Page, world, login, shot):
    login(page, "alice")
    expect(page.get_by_role("heading", name="Helhedsplaner")).to_be_visible()
    page.get_by_role("link", name="Plads Til Forskel").click()
    expect(page.get_by_role("heading", name="Plads Til Forskel", level=1)).to_be_visible()
    expect(page.get_by_text("11.200.000 kr.").first).to_be_visible()
    shot(page, "1-plan")
    page.get_by_role("link", name="Tilføj aktivitet").click()
    page.get_by_label("Navn").fill("Lektiecafé i Brændgård")
    page.get_by_label("Startdato").fill("2021-03-15")
    page.get_by_role("button", name="Opret").click()
    shot(page, "2-after-create")
    expect(page.get_by_text("Aktivitet er oprettet.")).to_be_visible()
    expect(page.get_by_role("cell", name="Lektiecafé i Brændgård", exact=True)).to_be_visible()
    assert Activity.objects.filter(name="Lektiecafé i Brændgård").exists()


def test_housing_social_worker_registers_an_activity_and_sees_it_in_the_plan(
    page: Page, world, login, shot
):
    """Carol (boligsocial medarbejder at Fællesbo, a partner in the Herning plan) may edit the
    plan's activities (access.plans_activities_editable_by) but not the plan itself."""
    login(page, "carol")
    expect(page.get_by_role("heading", name="Helhedsplaner")).to_be_visible()
    page.get_by_role("link", name="Plads Til Forskel").click()
    expect(page.get_by_role("heading", name="Plads Til Forskel", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Rediger plan")).to_have_count(0)
    shot(page, "1-plan")

    page.get_by_role("link", name="Tilføj aktivitet").click()
    expect(page.get_by_role("heading", name="Opret aktivitet")).to_be_visible()
    page.get_by_label("Navn").fill("Fællesspisning i Holtbjerg")
    page.get_by_label("Startdato").fill("2021-09-01")
    shot(page, "2-form")
    page.get_by_role("button", name="Opret").click()
    expect(page.get_by_text("Aktivitet er oprettet.")).to_be_visible()
    expect(page.get_by_role("heading", name="Plads Til Forskel", level=1)).to_be_visible()
    shot(page, "3-after-create")

    # Opened afresh from the list of plans, the plan lists the activity and its gains link.
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Helhedsplaner"
    ).click()
    page.get_by_role("link", name="Plads Til Forskel").click()
    expect(page.get_by_role("heading", name="Plads Til Forskel", level=1)).to_be_visible()
    activities = page.locator("section").filter(
        has=page.get_by_role("heading", name="Aktiviteter", exact=True)
    )
    expect(
        activities.get_by_role("cell", name="Fællesspisning i Holtbjerg", exact=True)
    ).to_be_visible()
    expect(
        page.locator("#gevinster").get_by_role("link", name="Fællesspisning i Holtbjerg")
    ).to_be_visible()
    shot(page, "4-in-the-plan")
    activity = Activity.objects.get(name="Fællesspisning i Holtbjerg")
    assert activity.plan.name == "Plads Til Forskel"


def test_bad_input_shows_a_danish_error_in_the_browser(page: Page, world, login, shot):
    plan = Plan.objects.get(name="Plads Til Forskel")
    login(page, "alice")
    page.goto(f"{world.url}/planer/{plan.pk}/aktiviteter/ny/")
    page.get_by_role("button", name="Opret").click()
    expect(page.get_by_role("alert")).to_contain_text("Formularen indeholder fejl")
    expect(page.get_by_text("Dette felt er påkrævet.").first).to_be_visible()
    shot(page, "error")


def test_outsider_is_refused_the_plan(page: Page, world, login, shot):
    plan = Plan.objects.get(name="Plads Til Forskel")
    login(page, "olivia")
    expect(page.get_by_role("link", name="Plads Til Forskel")).to_have_count(0)
    response = page.goto(f"{world.url}/planer/{plan.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Siden findes ikke")).to_be_visible()
    shot(page, "404")


def test_board_member_reads_but_cannot_edit(page: Page, world, login):
    login(page, "bob")
    page.get_by_role("link", name="Plads Til Forskel").click()
    expect(page.get_by_role("heading", name="Aktiviteter")).to_be_visible()
    expect(page.get_by_role("link", name="Tilføj aktivitet")).to_have_count(0)
    expect(page.get_by_role("link", name="Rediger plan")).to_have_count(0)
