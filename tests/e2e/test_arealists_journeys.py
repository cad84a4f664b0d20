"""The area lists in a real browser, as the analyst (anders, Herning Kommune): screen the lists,
open an area, read its path off the list and try a what-if."""

import re

from playwright.sync_api import Page, expect


def test_analyst_screens_the_lists_and_opens_an_areas_path_off_the_list(
    page: Page, world, login, shot
):
    from helhed.arealists.demo import load_demo_lists

    load_demo_lists()
    login(page, "anders")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Områdelister"
    ).click()
    expect(page.get_by_role("heading", name="Områdelister 2024", level=1)).to_be_visible()
    expect(page.get_by_role("list", name="Antal områder pr. liste")).to_be_visible()
    table = page.locator("#area-table")
    expect(table.get_by_role("link", name="Holtbjerg", exact=True)).to_be_visible()
    expect(table.get_by_role("link", name="Nordparken (syntetisk)")).to_be_visible()

    # Screening: filtering swaps the table in place (HTMX) and keeps the URL shareable.
    page.get_by_label("Kommune").select_option("Herning Kommune")
    expect(table.get_by_role("link", name="Nordparken (syntetisk)")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/lister/\?year=2024&municipality=Herning(%20|\+)Kommune"))
    page.get_by_label("Liste", exact=True).select_option(label="På en liste")
    expect(page).to_have_url(re.compile(r"list=any"))
    expect(table.get_by_role("link", name="Holtbjerg", exact=True)).to_be_visible()
    expect(table.get_by_role("link", name="Lyngbyen/Gullestrup", exact=True)).to_be_visible()
    expect(table.get_by_role("link", name="Brændgård-området")).to_have_count(0)
    expect(page.get_by_text("2 områder vist.")).to_be_visible()
    shot(page, "1-screening")

    table.get_by_role("link", name="Holtbjerg", exact=True).click()
    expect(page.get_by_role("heading", name="Holtbjerg", level=1)).to_be_visible()
    expect(page.get_by_text("Screening: forebyggelsesområde")).to_be_visible()
    expect(page.locator("svg.criteria")).to_be_visible()
    assert page.url.endswith("/lister/2024/omraade/Holtbjerg/")
    shot(page, "2-area")

    # The path off the list: the cheapest changes that help the residents, each with its steps.
    path = page.get_by_role("region", name="Vejen af listen")
    expect(path.get_by_role("heading", name="Forebyggelsesområde", level=3)).to_be_visible()
    options = path.locator("ol.options > li")
    expect(options).to_have_count(2)
    expect(options.nth(0)).to_contain_text("91 personer")
    expect(options.nth(0)).to_contain_text(
        "91 flere beboere på 18-64 år i arbejde eller uddannelse"
    )
    expect(options.nth(1)).to_contain_text("8,5 procentpoint højere indkomst")
    expect(options.nth(1)).to_contain_text("Indkomsten op fra 56,5 % til 65 %")
    expect(path.get_by_text("Derefter: ingen liste.")).to_have_count(2)
    expect(path).to_contain_text("aldrig med at flytte beboere")
    shot(page, "3-path-off-the-list", path)

    # Typing new values updates the classification live, without pressing "Beregn".
    result = page.locator("#what-if-result")
    page.get_by_label("Uden for arbejdsmarked og uddannelse, 18-64 år (%)").fill("41,5")
    expect(result.get_by_text("Klassifikationen er den samme.")).to_be_visible()
    page.get_by_label("Indkomst i % af regionens gennemsnit").fill("54")
    expect(result.get_by_text("Klassifikationen ændrer sig.")).to_be_visible()
    expect(result.get_by_text("Med ændringerne: udsat boligområde")).to_be_visible()
    assert page.url.endswith("/lister/2024/omraade/Holtbjerg/")
    shot(page, "4-what-if")
