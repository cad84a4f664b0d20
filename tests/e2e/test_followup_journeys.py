"""Goal follow-up in a real browser: a coordinator edits a generated sentence, then generates the
status report and downloads it as PDF and Word."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from helhed.followup.models import ReportFile, ReportText
from helhed.partnerships.models import Plan
from tests.followup.data import make_goal_indicators, make_snapshot


def test_coordinator_edits_a_sentence_and_downloads_the_status_report(
    page: Page, world, login, shot, tmp_path
):
    from django.contrib.auth import get_user_model

    plan = Plan.objects.get(name="Plads Til Forskel")
    make_snapshot(get_user_model().objects.get(username="alice"))
    gi = make_goal_indicators(plan)["education_benefit_18_29"]
    login(page, "alice")
    page.goto(f"{world.url}/opfoelgning/planer/{plan.pk}/aar/2020/")
    expect(
        page.get_by_role("heading", name="Målopfølgning 2020: Plads Til Forskel")
    ).to_be_visible()
    block = page.locator(f"#indikator-{gi.pk}")
    expect(block).to_contain_text(
        "Andelen af unge på uddannelseshjælp er steget i alle tre boligområder, mens den er "
        "faldet i kommunen."
    )
    expect(block.get_by_text("Ikke på rette spor").first).to_be_visible()
    shot(page, "1-follow-up")

    block.get_by_role("link", name="Rediger teksten").click()
    text = page.get_by_label("Tekst i rapporten")
    expect(text).to_have_value(
        "Andelen af unge på uddannelseshjælp i boligområderne er steget fra 2019 til 2020 og "
        "fjerner sig fra gennemsnittet for Herning Kommune. Andelen af unge på "
        "uddannelseshjælp er steget i alle tre boligområder, mens den er faldet i kommunen."
    )
    text.fill(
        "Andelen af unge på uddannelseshjælp er steget i alle tre boligområder, mens den er "
        "faldet i Herning Kommune. Begge tendenser vidner om øget sårbarhed."
    )
    page.get_by_role("button", name="Gem tekst").click()
    expect(page.get_by_text("Teksten er gemt.")).to_be_visible()
    expect(block).to_contain_text("Begge tendenser vidner om øget sårbarhed.")
    expect(block).to_contain_text("Redigeret tekst")
    assert ReportText.objects.get(goal_indicator=gi, year=2020).generated_text.startswith(
        "Andelen af unge på uddannelseshjælp i boligområderne"
    )

    page.get_by_role("button", name="Statusrapport (PDF og Word)").click()
    # HTMX shows the progress bar and disables the button while the files render.
    expect(page.get_by_role("progressbar", name="Danner statusrapporten")).to_be_visible()
    expect(page.get_by_role("button", name="Statusrapport (PDF og Word)")).to_be_disabled()
    pdf_link = page.get_by_role("link", name="Hent PDF")
    expect(pdf_link).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Statusrapporten er dannet som PDF og Word.")).to_be_visible()
    shot(page, "2-report-ready")
    with page.expect_download() as pdf_download:
        pdf_link.click()
    pdf = tmp_path / "status.pdf"
    pdf_download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    with page.expect_download() as word_download:
        page.get_by_role("link", name="Hent Word").click()
    word = tmp_path / "status.docx"
    word_download.value.save_as(word)
    from docx import Document

    paragraphs = [p.text for p in Document(str(word)).paragraphs]
    assert (
        "Andelen af unge på uddannelseshjælp er steget i alle tre boligområder, mens den er "
        "faldet i Herning Kommune. Begge tendenser vidner om øget sårbarhed." in paragraphs
    )
    assert set(
        ReportFile.objects.filter(plan=plan, year=2020).values_list("format", flat=True)
    ) == {
        "pdf",
        "docx",
    }
