"""`helhed report status` on the demo plan: valid PDF and Word with the sections, figures and
sentences of the committee document; the same bytes twice; the CLI's access rules."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SECTIONS = [
    "Sagsresume",
    "Sagsfremstilling",
    "Organisering",
    "Opfølgning på det strategiske samarbejde og målopfyldelse",
    "Kriminalitetsforebyggelse",
    "Trivsel og tryghed",
    "Beskæftigelse og uddannelse",
    "Forældre og forebyggelse",
    "Budget og finansiering",
    "Aktiviteter og resultater",
    "Samspillet mellem den boligsociale indsats og øvrige tiltag",
    "Indstilling",
]
FIGURES = [
    "11.200.000 kr.",  # the plan's total budget, 2018–2021
    "Arbejdsmarkedets Feriefond: 160.000 kr. til Sommerlejr",
    "Unge i fritidsjob: 38",
]
SENTENCES = [
    "Bestyrelsen for Plads Til Forskel har på møde 3. februar 2021 gennemført det årlige "
    "eftersyn af helhedsplanen for 2020.",
    "Herning Kommune, Fruehøjgaard, Fællesbo og Lejerbo har sammen med Landsbyggefonden "
    "finansieret en boligsocial indsats i form af helhedsplanen »Plads Til Forskel« for 11 "
    "almene boligafdelinger i boligområderne Brændgård-området, Holtbjerg og "
    "Lyngbyen/Gullestrup.",
    "Hærværk i områderne er steget i 2020 i forhold til året før.",
    "at orienteringen tages til efterretning.",
]


@pytest.fixture
def demo_plan(db, tmp_path):
    from helhed.followup.demo import load_demo_followup
    from helhed.indicators.demo import load_demo_indicators

    assert load_demo_indicators(persons=45_000, directory=tmp_path / "extract") is not None
    plan = load_demo_followup()
    assert load_demo_followup() == plan  # idempotent
    return plan


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is not installed; scripts/test installs it")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def _docx_paragraphs(path: Path) -> list[str]:
    from docx import Document

    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def _report(plan, fmt: str, out: Path, *extra: str) -> str:
    stdout = io.StringIO()
    call_command(
        "report", "status", "--plan", str(plan.pk), "--year", "2020", "--format", fmt,
        "--out", str(out), *extra, stdout=stdout,
    )  # fmt: skip
    return stdout.getvalue()


def test_the_cli_writes_pdf_and_word_for_the_demo_plan(demo_plan, tmp_path):
    from helhed.followup.figures import plan_followup
    from helhed.followup.models import GoalIndicator

    assert GoalIndicator.objects.filter(goal__plan=demo_plan).count() == 14
    assert sorted(demo_plan.annual_reviews.values_list("year", flat=True)) == [2020, 2021]
    assert demo_plan.followup_texts.filter(year=2020).count() == 3  # two edits, one addition
    generated = {
        i.definition.key: i.generated_text for i in plan_followup(demo_plan, 2020, None).indicators
    }
    summary = _report(demo_plan, "pdf", tmp_path / "status.pdf")
    assert "for Plads Til Forskel 2020" in summary and "14 målindikatorer" in summary
    pdf = (tmp_path / "status.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]
    text = _pdf_text(tmp_path / "status.pdf")
    for expected in SECTIONS + FIGURES + SENTENCES:
        assert expected in text, expected
    assert generated["education_benefit_18_29"] in text
    assert "Side 1 af" in text

    _report(demo_plan, "docx", tmp_path / "status.docx")
    paragraphs = _docx_paragraphs(tmp_path / "status.docx")
    joined = "\n".join(paragraphs)
    for expected in SECTIONS + SENTENCES:
        assert expected in paragraphs or expected in joined, expected
    assert generated["education_benefit_18_29"] in paragraphs  # a paragraph of its own
    assert "Landsbyggefonden" in paragraphs and "11.200.000 kr." in paragraphs  # table cells
    from docx import Document

    assert len(Document(str(tmp_path / "status.docx")).inline_shapes) >= 10  # the charts

    _report(demo_plan, "html", tmp_path / "status.html")
    html = (tmp_path / "status.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "data:image/png;base64," in html


def test_rendering_is_idempotent_and_published_reports_hide_suppressed_values(demo_plan, tmp_path):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    _report(demo_plan, "docx", first)
    _report(demo_plan, "docx", second)
    assert first.read_bytes() == second.read_bytes()
    _report(demo_plan, "pdf", tmp_path / "a.pdf")
    _report(demo_plan, "pdf", tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()

    from helhed.followup.report_context import build_status_report

    published = build_status_report(demo_plan, 2020, None)
    hidden = [b.name for b in published.indicators if any("diskr." in r for r in b.table.rows)]
    assert hidden, "the demo has suppressed values"
    _report(demo_plan, "html", tmp_path / "owner.html", "--as-user", "alice")
    _report(demo_plan, "html", tmp_path / "public.html")
    assert (tmp_path / "public.html").read_text().count(">diskr.<") > (
        tmp_path / "owner.html"
    ).read_text().count(">diskr.<")


def test_the_cli_refuses_outsiders_unknown_plans_and_years(demo_plan, tmp_path):
    with pytest.raises(CommandError, match="findes ikke for olivia"):
        _report(demo_plan, "pdf", tmp_path / "x.pdf", "--as-user", "olivia")
    with pytest.raises(CommandError, match="løber 2017–2021, ikke 2030"):
        call_command(
            "report", "status", "--plan", str(demo_plan.pk), "--year", "2030", "--format", "pdf",
            "--out", str(tmp_path / "x.pdf"),
        )  # fmt: skip
    with pytest.raises(CommandError, match="findes ikke"):
        call_command(
            "report", "status", "--plan", "999999", "--year", "2020", "--format", "pdf",
            "--out", str(tmp_path / "x.pdf"),
        )  # fmt: skip
    assert not (tmp_path / "x.pdf").exists()


def test_the_budget_section_carries_the_gains_calculations(demo_plan, tmp_path):
    """Issue 7: a plan activity's gains calculation appears in the report's budget section."""
    from helhed.gains.demo import load_demo_gains

    _report(demo_plan, "docx", tmp_path / "before.docx")
    assert "Forventede gevinster (gevinstberegninger)" not in _docx_paragraphs(
        tmp_path / "before.docx"
    )
    load_demo_gains()
    _report(demo_plan, "docx", tmp_path / "status.docx")
    paragraphs = _docx_paragraphs(tmp_path / "status.docx")
    assert "Forventede gevinster (gevinstberegninger)" in paragraphs
    lines = [p for p in paragraphs if p.startswith(("Bydelsmødre (", "Fritidsjob ("))]
    assert len(lines) == 2 and all(
        "forventet nettogevinst" in line and " kr." in line for line in lines
    )
    _report(demo_plan, "pdf", tmp_path / "status.pdf")
    assert "Forventede gevinster" in _pdf_text(tmp_path / "status.pdf")
