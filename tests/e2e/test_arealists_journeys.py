import re

from playwright.sync_api import Page, expect


def test_analyst_opens_the_lists_and_tries_a_what_if(page: Page, world, login, shot):
    from helhed.arealists.demo import load_demo_lists

    load_demo_lists()
    login(page, "alice")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Områdelister"
    ).click()
    expect(page.get_by_role("heading", name="Områdelister 2024", level=1)).to_be_visible()
    table = page.locator("#area-table")
    expect(table.get_by_role("link", name="Holtbjerg", exact=True)).to_be_visible()

    # Filtering swaps the table in place (HTMX) and keeps the URL shareable.
    page.get_by_label("Kommune").select_option("Herning Kommune")
    expect(table.get_by_role("link", name="Nordparken (syntetisk)")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/lister/\?year=2024&municipality=Herning(%20|\+)Kommune"))
    shot(page, "1-overview")

    table.get_by_role("link", name="Holtbjerg", exact=True).click()
    expect(page.get_by_role("heading", name="Holtbjerg", level=1)).to_be_visible()
    expect(page.get_by_text("Screening: forebyggelsesområde")).to_be_visible()
    expect(page.locator("svg.criteria")).to_be_visible()
    shot(page, "2-area")

    # Typing new values updates the classification live, without pressing "Beregn".
    result = page.locator("#what-if-result")
    page.get_by_label("Uden for arbejdsmarked og uddannelse, 18-64 år (%)").fill("41,5")
    expect(result.get_by_text("Klassifikationen er den samme.")).to_be_visible()
    page.get_by_label("Indkomst i % af regionens gennemsnit").fill("54")
    expect(result.get_by_text("Klassifikationen ændrer sig.")).to_be_visible()
    expect(result.get_by_text("Med ændringerne: udsat boligområde")).to_be_visible()
    assert page.url.endswith("/lister/2024/omraade/Holtbjerg/")
    shot(page, "3-what-if")
