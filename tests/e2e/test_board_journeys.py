"""The board in a real browser: bob (bestyrelsesmedlem, Herning Kommune) sees the family work as
aggregates and the plan as a reader — never a person, never an edit control."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from helhed.families.demo import load_demo_families
from helhed.families.models import Family, MeetingParticipant, Member
from helhed.partnerships.models import Plan

CPR_LIKE = re.compile(r"\b\d{6}-(?:\d{4}|X{4})\b")
FAMILY_CODE = re.compile(r"\bF-[2-9A-HJ-NP-Z]{4}\b")


def _personal_texts() -> set[str]:
    """Everything of the demo families that names or identifies a person."""
    texts: set[str] = set()
    for member in Member.objects.all():
        texts |= {f"{member.first_name} {member.last_name}", member.cpr}
    texts |= {p.name for p in MeetingParticipant.objects.filter(kind="private")}
    texts |= set(Family.objects.values_list("code", flat=True))
    return texts


def _assert_no_person(page: Page, personal: set[str]) -> None:
    html = page.content()
    assert [t for t in sorted(personal) if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", html)] == []
    assert CPR_LIKE.findall(html) == []
    assert FAMILY_CODE.findall(html) == []


def test_board_member_sees_aggregates_and_no_person(page: Page, world, login, shot):
    load_demo_families()
    personal = _personal_texts()
    assert len(personal) > 20 and "Mor A" in personal and "010186-XXXX" in personal
    # the patterns catch what they are meant to catch
    assert all(CPR_LIKE.fullmatch(m.cpr) for m in Member.objects.all())
    assert all(FAMILY_CODE.fullmatch(f.code) for f in Family.objects.all())
    a_family = Family.objects.get(code="F-DEMA")
    login(page, "bob")

    # The family pages: the list has nobody on it; board members never see a family.
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Familier").click()
    expect(page.get_by_role("heading", name="Familier", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=FAMILY_CODE)).to_have_count(0)
    expect(page.get_by_role("link", name="Ny familie")).to_have_count(0)
    _assert_no_person(page, personal)
    shot(page, "1-families")

    page.get_by_role("navigation", name="Familier").get_by_role(
        "link", name="Tal for bestyrelsen"
    ).click()
    expect(page.get_by_role("heading", name="Familieindsatsen i tal", level=1)).to_be_visible()

    def figure(key: str):
        return page.locator(f'[data-figure="{key}"]')

    # The six demo families: five open, one closed (under 5: suppressed), all met twice or more.
    expect(figure("families_open")).to_have_text("5")
    expect(figure("families_closed")).to_have_text("færre end 5")
    expect(figure("families_followed")).to_have_text("6")
    # Averages and shares rest on all six families (demo data relative to today).
    expect(figure("interventions_first_avg")).to_have_text("4,8")
    expect(figure("interventions_latest_avg")).to_have_text("3,5")
    expect(figure("actions_total")).to_have_text("26")
    expect(figure("actions_done")).to_have_text("7")
    expect(figure("actions_done_pct")).to_have_text("27 %")
    expect(figure("goals_measured")).to_have_text("10")
    expect(figure("goals_improved_pct")).to_have_text("100 %")
    expect(figure("progress_change_avg")).to_have_text("+2,8")
    _assert_no_person(page, personal)
    expect(page.locator("main form")).to_have_count(0)
    shot(page, "2-aggregates")

    page.get_by_role("navigation", name="Familier").get_by_role(
        "link", name="Risikoscreening"
    ).click()
    expect(
        page.get_by_role("heading", name=re.compile("^Risikoscreening"), level=1)
    ).to_be_visible()
    _assert_no_person(page, personal)
    shot(page, "3-risk")

    # A family's record, asked for directly, does not exist for the board.
    response = page.goto(f"{world.url}/familier/{a_family.code}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Siden findes ikke")).to_be_visible()

    # The plan: read everything, change nothing.
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Helhedsplaner"
    ).click()
    page.get_by_role("link", name="Plads Til Forskel").click()
    expect(page.get_by_role("heading", name="Plads Til Forskel", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Aktiviteter")).to_be_visible()
    expect(page.get_by_text("11.200.000 kr.").first).to_be_visible()
    main = page.locator("main")
    for name in (re.compile(r"^Tilføj"), re.compile(r"^Rediger"), re.compile(r"^Slet")):
        expect(main.get_by_role("link", name=name)).to_have_count(0)
    expect(main.get_by_role("button")).to_have_count(0)
    _assert_no_person(page, personal)
    shot(page, "4-plan")

    plan = Plan.objects.get(name="Plads Til Forskel")
    response = page.goto(f"{world.url}/planer/{plan.pk}/aktiviteter/ny/")
    assert response is not None and response.status == 403
