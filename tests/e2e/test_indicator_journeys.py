from pathlib import Path

from playwright.sync_api import Page, expect

from tests.domain.indicators.tiny import write_extract


def test_coordinator_imports_aggregates_and_computes_indicators(
    page: Page, world, login, shot, settings, tmp_path: Path
):
    settings.HELHED_EXTRACT_DIR = str(write_extract(tmp_path / "extract"))
    settings.HELHED_BACKGROUND_TASKS = False
    figures = tmp_path / "fraflytning.csv"
    figures.write_text(
        "department_id;year;indicator;value;numerator;denominator\n"
        "601-11;2022;move_out_rate;;21;212\n601-12;2022;move_out_rate;;9;168\n",
        encoding="utf-8",
    )
    login(page, "alice")
    page.get_by_role("link", name="Indikatorer").first.click()
    page.get_by_role("link", name="Indlæs boligorganisationstal").click()
    page.get_by_label("Organisation").select_option(label="Herning Kommune")
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(figures))
    page.get_by_role("button", name="Indlæs").click()
    expect(page.get_by_text("Filen er indlæst")).to_be_visible()
    shot(page, "1-imported")
    page.get_by_role("link", name="Indikatorer").first.click()
    page.get_by_role("button", name="Beregn fra registerudtræk").click()
    expect(page.get_by_text("Færdig")).to_be_visible()
    shot(page, "2-computed")
    page.get_by_role("link", name="Indikatorer").first.click()
    page.get_by_role("link", name="Lyngbyen/Gullestrup").click()
    expect(
        page.get_by_role("heading", name="Fraflyttede beboere")
        .or_(page.get_by_text("Fraflytningsprocent"))
        .first
    ).to_be_visible()
    shot(page, "3-area")


def test_bad_aggregate_file_is_refused_in_the_browser(page: Page, world, login, tmp_path: Path):
    bad = tmp_path / "tal.csv"
    bad.write_text(
        "department_id,year,indicator,value,numerator,denominator\n601-11,tyve,volunteers,3,,\n",
        encoding="utf-8",
    )
    login(page, "carol")
    page.goto(f"{world.url}/indikatorer/indlaes/")
    page.get_by_label("Organisation").select_option(label="Fællesbo")
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Indlæs").click()
    expect(page.get_by_role("alert")).to_contain_text("række 2, kolonne year")
