"""The status report as a Word file (python-docx), from the same typed context as the PDF.

Idempotent: the document's core properties (created, modified, revision, author) come from the
report, not the clock, and the zip container is rewritten with a fixed timestamp for every entry,
so the same report gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from helhed.domain.reporting.context import ChartData, IndicatorBlock, StatusReport, TableData
from helhed.domain.reporting.phrases import kroner, short_date, text_blocks
from helhed.domain.reporting.status import Status

MUTED = RGBColor(0x4F, 0x5B, 0x67)
STATUS_COLOURS = {
    Status.ON_TRACK: RGBColor(0x1F, 0x6B, 0x3A),
    Status.OFF_TRACK: RGBColor(0xA4, 0x16, 0x1A),
    Status.NO_DATA: MUTED,
}
ChartRenderer = Callable[[ChartData], bytes]


def _text(doc, text: str) -> None:
    for kind, lines in text_blocks(text):
        if kind == "list":
            for line in lines:
                doc.add_paragraph(line, style="List Bullet")
        else:
            paragraph = doc.add_paragraph()
            for n, line in enumerate(lines):
                run = paragraph.add_run(line)
                if n < len(lines) - 1:
                    run.add_break()


def _note(doc, text: str) -> None:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(8.5)
    run.font.color.rgb = MUTED


def _table(
    doc, data: TableData, *, numeric_from: int = 1, widths_cm: tuple[float, ...] = ()
) -> None:
    table = doc.add_table(rows=1, cols=len(data.header))
    table.style = "Light Grid Accent 1"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for n, (cell, text) in enumerate(zip(table.rows[0].cells, data.header, strict=True)):
        cell.text = text
        if n >= numeric_from:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in data.rows:
        cells = table.add_row().cells
        for n, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = text
            if n >= numeric_from:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        for n, cell in enumerate(row.cells):
            if n < len(widths_cm):
                cell.width = Cm(widths_cm[n])
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
    doc.add_paragraph()


def _indicator(doc, block: IndicatorBlock, chart_png: ChartRenderer) -> None:
    doc.add_heading(block.name, level=4)
    meta = doc.add_paragraph()
    meta.add_run(f"Måltal: {block.target}. ").font.size = Pt(9)
    if block.responsible:
        meta.add_run(f"Ansvarlig: {block.responsible}. ").font.size = Pt(9)
    meta.add_run(f"{block.better_label}. ").font.size = Pt(9)
    status = meta.add_run(f"Status: {block.overall.label}")
    status.bold = True
    status.font.size = Pt(9)
    status.font.color.rgb = STATUS_COLOURS[block.overall.status]
    meta.add_run(f" — {block.overall.reason}").font.size = Pt(9)
    _text(doc, block.text)
    image = chart_png(block.chart)
    if image:
        doc.add_picture(io.BytesIO(image), width=Cm(15))
    columns = len(block.table.header) - 1
    _table(doc, block.table, widths_cm=(5.0, *[11.5 / columns] * columns) if columns else ())
    if len(block.statuses) > 1:
        lines = [f"{s.unit_name}: {s.label} — {s.reason}" for s in block.statuses[1:]]
        _note(doc, "Status pr. boligområde: " + " ".join(lines))
    for note in block.notes:
        _note(doc, note)


def _organisation(doc, report: StatusReport) -> None:
    org = report.organisation
    doc.add_heading("Organisering", level=2)
    doc.add_paragraph(
        f"Partnere i helhedsplanen: {', '.join(org.partners)}. Planen omfatter "
        f"{org.department_count} afdelinger med {org.tenancies:,} lejemål.".replace(",", ".")
        if org.partners
        else "Planen har ingen registrerede partnere."
    )
    _table(
        doc,
        TableData(
            ("Boligområde", "Afdelinger", "Lejemål"),
            tuple(
                (a.name, "; ".join(a.departments) or "ingen", f"{a.tenancies:,}".replace(",", "."))
                for a in org.areas
            ),
        ),
        numeric_from=2,
        widths_cm=(3.5, 11.0, 2.0),
    )
    for area in org.areas:
        for change in area.changes:
            _note(doc, change)
    for body in org.bodies:
        meetings = "; ".join(body.meetings) if body.meetings else "ingen møder registreret"
        doc.add_paragraph(f"{body.name} ({body.kind.lower()}): {meetings}.", style="List Bullet")
    if report.review and report.review.organisation:
        doc.add_heading("Bestyrelsens opmærksomhedspunkter om organisering", level=3)
        _text(doc, report.review.organisation)


def _goal_follow_up(doc, report: StatusReport, chart_png: ChartRenderer) -> None:
    doc.add_heading("Opfølgning på det strategiske samarbejde og målopfyldelse", level=2)
    if report.review and report.review.goal_follow_up:
        _text(doc, report.review.goal_follow_up)
    doc.add_paragraph(report.status_summary)
    for section in report.focus_areas:
        doc.add_heading(section.name, level=3)
        for goal in section.goals:
            goal_paragraph = doc.add_paragraph()
            goal_paragraph.add_run(f"Mål: {goal.title}").bold = True
            for block in goal.indicators:
                _indicator(doc, block, chart_png)
        if section.added_text:
            _text(doc, section.added_text)


def _budget(doc, report: StatusReport) -> None:
    doc.add_heading("Budget og finansiering", level=2)
    doc.add_paragraph(report.funding_text)
    rows = [
        (str(r.year), kroner(r.budget), kroner(r.lbf), kroner(r.local), kroner(r.grants))
        for r in report.funding.rows
    ]
    t = report.funding.total
    rows.append(("I alt", kroner(t.budget), kroner(t.lbf), kroner(t.local), kroner(t.grants)))
    _table(
        doc,
        TableData(
            ("År", "Budget", "Landsbyggefonden", "Lokal andel", "Eksterne bevillinger"),
            tuple(rows),
        ),
    )
    if report.grants:
        doc.add_paragraph(f"Eksterne bevillinger modtaget i {report.year}:")
        for g in report.grants:
            doc.add_paragraph(f"{g.grantor}: {g.amount} til {g.purpose}", style="List Bullet")
    if report.gains:
        doc.add_heading("Forventede gevinster (gevinstberegninger)", level=3)
        for gain in report.gains:
            doc.add_paragraph(gain.sentence, style="List Bullet")
    if report.review and report.review.budget:
        doc.add_heading("Bestyrelsens opmærksomhedspunkter om budgettet", level=3)
        _text(doc, report.review.budget)


def _activities(doc, report: StatusReport) -> None:
    doc.add_heading("Aktiviteter og resultater", level=2)
    if not report.activities:
        doc.add_paragraph(f"Ingen aktiviteter registreret for {report.year}.")
        return
    rows = tuple(
        (
            a.name,
            a.focus_area or "–",
            str(a.participants),
            str(a.volunteers),
            "; ".join(f"{label}: {value}" for label, value in a.figures) or "–",
        )
        for a in report.activities
    )
    header = ("Aktivitet", "Indsatsområde", "Deltagere", "Frivillige", f"Resultater {report.year}")
    _table(doc, TableData(header, rows), numeric_from=2)
    for a in report.activities:
        if a.results:
            doc.add_paragraph(f"{a.name}: {a.results}", style="List Bullet")


def _fixed_zip(data: bytes, when: datetime) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def write_docx(report: StatusReport, chart_png: ChartRenderer) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading(report.title, level=0)
    issued = (
        f"Udsendt {short_date(report.issued_on)}" if report.issued_on else "Udkast (ikke udsendt)"
    )
    _note(doc, f"{report.municipality_name} · {report.plan_name} · {issued}")
    if report.synthetic:
        _note(doc, "Demoinstallation — alle tal er syntetiske.")
    doc.add_heading("Sagsresume", level=1)
    _text(doc, report.case_summary)
    doc.add_heading("Sagsfremstilling", level=1)
    doc.add_paragraph(report.introduction)
    doc.add_paragraph(report.review_sentence)
    _organisation(doc, report)
    _goal_follow_up(doc, report, chart_png)
    _budget(doc, report)
    _activities(doc, report)
    doc.add_heading("Samspillet mellem den boligsociale indsats og øvrige tiltag", level=2)
    if report.review and report.review.collaboration:
        _text(doc, report.review.collaboration)
    _text(doc, report.other_efforts or "Intet registreret.")
    doc.add_heading("Indstilling", level=1)
    doc.add_paragraph("Administrationen indstiller,")
    _text(doc, report.recommendation)
    doc.add_heading("Datagrundlag", level=2)
    for line in report.sources or ("Ingen indikatorberegninger.",):
        _note(doc, line)
    when = datetime(report.as_of.year, report.as_of.month, report.as_of.day)
    props = doc.core_properties
    props.title = report.title
    props.author = props.last_modified_by = report.municipality_name
    props.created = props.modified = when
    props.revision = 1
    props.language = "da-DK"
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue(), when)
