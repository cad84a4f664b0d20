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
