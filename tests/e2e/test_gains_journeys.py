"""Gains in a real browser: housing staff change an assumption and see the result change."""

from playwright.sync_api import Page, expect

from helhed.gains.demo import load_demo_gains
from helhed.gains.models import Calculation


def test_housing_staff_changes_the_success_rate_and_sees_the_net_result_change(
    page: Page, world, login, shot
):
    load_demo_gains()
    login(page, "carol")
    page.get_by_role("link", name="Gevinster", exact=True).click()
    page.get_by_role("link", name="Bydelsmødre", exact=True).click()
    expect(page.get_by_role("heading", name="Bydelsmødre", level=1)).to_be_visible()
    page.get_by_role("link", name="Bydelsmødre: offentlig forsørgelse").click()
    net_result = page.locator('[data-kpi="net-result"]')
    expect(net_result).to_have_text("74.920 kr.")
    expect(page.get_by_role("img", name="Tornado: hvilke antagelser betyder mest")).to_be_visible()
    shot(page, "1-before")

    success_rate = page.get_by_label("Succesrate (%)", exact=True)
    expect(success_rate).to_have_value("10")
    success_rate.fill("20")
    page.get_by_role("button", name="Gem og beregn").click()

    expect(page.get_by_text("Beregningen er gemt.")).to_be_visible()
    expect(net_result).to_have_text("671.785 kr.")
    shot(page, "2-after")
    calculation = Calculation.objects.get(name="Bydelsmødre: offentlig forsørgelse")
    assert calculation.scenario["success_rate"] == 0.2
    assert calculation.updated_by.username == "carol"


def test_a_bad_value_is_shown_with_its_field_path_and_nothing_is_saved(
    page: Page, world, login, shot
):
    load_demo_gains()
    calculation = Calculation.objects.get(name="Fritidsjob: færre på kontanthjælp")
    login(page, "carol")
    page.goto(
        f"{world.url}/gevinster/aktiviteter/{calculation.activity_id}/beregninger/{calculation.pk}/"
    )
    page.get_by_label("Tidshorisont (år)").fill("12")
    page.get_by_role("button", name="Gem og beregn").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "horizon_years: skal være mellem 1 og 10 år"
    )
    shot(page, "error")
    calculation.refresh_from_db()
    assert calculation.scenario["horizon_years"] == 8
