"""Charts and the Word writer without Django: images are drawn, bytes are repeatable."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from helhed.domain.funding import funding_table
from helhed.domain.indicators.definitions import Unit
from helhed.domain.reporting.charts import chart_png
from helhed.domain.reporting.context import (
    AreaInfo,
    ChartData,
    ChartLine,
    FocusSection,
    GoalBlock,
    IndicatorBlock,
    OrganisationSection,
    StatusReport,
    TableData,
    UnitStatus,
)
from helhed.domain.reporting.docx_writer import write_docx
from helhed.domain.reporting.status import Status

CHART = ChartData(
    "Sigtede 10-17-årige",
    Unit.PCT,
    (2019, 2020, 2021),
    (ChartLine("Holtbjerg", (7.2, None, 5.8)), ChartLine("Herning Kommune", (4.1, 3.2, 4.1))),
    target=3.0,
)


def _report() -> StatusReport:
    block = IndicatorBlock(
        goal_indicator_id=1,
        key="charged_10_17",
        name="Sigtede 10-17-årige",
        unit_label="procent",
        better_label="Lavere er bedre",
        target="Højst 3,0 % i 2021 (basisår 2019)",
        responsible="Herning Kommune",
        statuses=(UnitStatus("Holtbjerg", Status.OFF_TRACK, "Ikke på rette spor", "Bagud."),),
        text="Kriminaliteten blandt de 10–17-årige i Holtbjerg er faldet fra 2019 til 2021.",
        generated_text="Kriminaliteten blandt de 10–17-årige i Holtbjerg er faldet fra 2019 til 2021.",
        edited=False,
        generated_changed=False,
        chart=CHART,
        table=TableData(("", "2019", "2021"), (("Holtbjerg", "7,2 %", "5,8 %"),)),
        notes=("»diskr.«: tallet er diskretioneret (for få personer) og vises ikke.",),
    )
    return StatusReport(
        plan_name="Prøveplanen",
        municipality_name="Herning Kommune",
        year=2021,
        title="Orientering om status for 2021 på helhedsplanen Prøveplanen",
        as_of=date(2021, 12, 31),
        issued_on=None,
        synthetic=True,
        case_summary="Resume.",
        introduction="Indledning.",
        vision="",
        review=None,
        organisation=OrganisationSection(
            ("Fællesbo",), (AreaInfo("Holtbjerg", ("603-21 Holtbjerg Nord",), 310, ()),), ()
        ),
        focus_areas=(
            FocusSection(
                1, "Kriminalitetsforebyggelse", "", (GoalBlock("Færre sigtede", (block,)),), ""
            ),
        ),
        funding=funding_table([(2021, Decimal(1000))], [], Decimal(75)),
        funding_text="Finansiering.",
        grants=(),
        activities=(),
        other_efforts="- et samarbejde\n- et andet",
        recommendation="at orienteringen tages til efterretning.",
        sources=(),
    )


def test_a_chart_is_a_png_and_an_empty_chart_is_nothing():
    png = chart_png(CHART)
    assert png.startswith(b"\x89PNG") and png == chart_png(CHART)
    assert chart_png(ChartData("x", Unit.PCT, (2020,), (ChartLine("a", (None,)),))) == b""


def test_the_word_file_is_repeatable_and_has_the_report_in_it():
    from docx import Document

    report = _report()
    first, second = write_docx(report, chart_png), write_docx(report, chart_png)
    assert first == second
    document = Document(io.BytesIO(first))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Orientering om status for 2021 på helhedsplanen Prøveplanen"
    assert "Der er ikke registreret et årligt eftersyn for 2021." in texts
    assert (
        "Af 1 målindikator er 0 på rette spor, 1 ikke på rette spor og 0 uden data for 2021."
        in texts
    )
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"][-2:] == [
        "et samarbejde",
        "et andet",
    ]
    assert len(document.inline_shapes) == 1
    assert document.core_properties.created.year == 2021
