"""Accessibility in the real browser: axe-core (WCAG 2.1 A/AA rules) on the main pages, and the
main journey done with the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture
def a11y_page(browser: Browser, world, login):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm ci` (scripts/test does)")
    # axe is injected as an inline script, which the app's CSP rightly forbids; bypass it here only.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def test_main_pages_have_no_serious_violations(a11y_page: Page, world, login, shot):
    from helhed.partnerships.models import Area, Plan

    plan = Plan.objects.get(name="Plads Til Forskel")
    area = Area.objects.get(code="657-HOL")
    page = a11y_page
    page.goto(f"{world.url}/login/")
    assert _axe(page) == []
    login(page, "alice")
    pages = [
        "/planer/",
        f"/planer/{plan.pk}/",
        f"/planer/{plan.pk}/aktiviteter/ny/",
        "/omraader/",
        f"/omraader/{area.pk}/",
        "/afdelinger/",
        "/organisationer/",
        "/indikatorer/",
        "/indikatorer/definitioner/",
        "/konto/",
    ]
    problems = {}
    for path in pages:
        page.goto(f"{world.url}{path}")
        found = _axe(page)
        if found:
            problems[path] = [
                (v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in found
            ]
    assert problems == {}


def test_form_errors_are_announced_and_accessible(a11y_page: Page, world, login):
    from helhed.partnerships.models import Plan

    plan = Plan.objects.get(name="Plads Til Forskel")
    login(a11y_page, "alice")
    a11y_page.goto(f"{world.url}/planer/{plan.pk}/aktiviteter/ny/")
    a11y_page.get_by_role("button", name="Opret").click()
    expect(a11y_page.get_by_role("alert")).to_be_visible()
    assert _axe(a11y_page) == []


def test_keyboard_only_journey(page: Page, world, shot):
    """Log in, skip to content, open the plan and reach 'Tilføj aktivitet' with the keyboard only."""
    from tests.conftest import PASSWORD

    page.goto(f"{world.url}/login/")
    expect(page.locator("#id_username")).to_be_focused()  # autofocus
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Helhedsplaner")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Spring til indhold")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(30):  # tab through the content to the plan's link
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Plads Til Forskel":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Plads Til Forskel", level=1)).to_be_visible()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Tilføj aktivitet":
            break
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Tilføj aktivitet"
    # the focus is visible (an outline is drawn)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    shot(page, "keyboard-focus")
