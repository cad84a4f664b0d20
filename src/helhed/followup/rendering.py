"""Render the status report's typed context as HTML, PDF (WeasyPrint) and Word (python-docx).

The three take the same `StatusReport`. Charts are drawn once with matplotlib as PNG (150 dpi)
and embedded in the PDF, the Word file and the pages in the app (the app's own SVG chart has
no room for a legend of six lines). (matplotlib SVG in the PDF was tried: WeasyPrint draws it about twice as slowly.)

Idempotence: the Word file is byte-for-byte the same for the same report (docx_writer). For the
PDF, the document's creation and modification dates are set from the report's own date
(`as_of`) through <meta name="dcterms.created/modified">, and WeasyPrint derives the file
identifier from the content, so the same report gives the same PDF bytes as well.
"""

from __future__ import annotations

import base64
import functools

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from helhed.domain.reporting.charts import chart_png
from helhed.domain.reporting.context import ChartData, StatusReport
from helhed.domain.reporting.docx_writer import write_docx

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@functools.lru_cache(maxsize=128)
def _png(chart: ChartData) -> bytes:
    """Charts are frozen values, so PDF and Word rendered together draw each chart once."""
    return chart_png(chart)


def chart_image(chart: ChartData) -> SafeString:
    """The chart as an <img> with the PNG inline (empty when there is nothing to draw)."""
    data = _png(chart)
    if not data:
        return mark_safe("")
    encoded = base64.b64encode(data).decode("ascii")
    return mark_safe(  # noqa: S308 — base64 and an escaped title
        f'<img class="chart" alt="Graf: {escape(chart.title)} (tallene står i tabellen)" '
        f'src="data:image/png;base64,{encoded}">'
    )


def chart_images(report: StatusReport) -> dict[int, SafeString]:
    return {b.goal_indicator_id: chart_image(b.chart) for b in report.indicators}


def render_html(report: StatusReport) -> str:
    """A standalone HTML file (print styles, charts as embedded SVG) — also the PDF's source."""
    return render_to_string(
        "followup/report_print.html",
        {"report": report, "charts": chart_images(report)},
    )


def render_pdf(report: StatusReport) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(report), base_url=None).write_pdf()


def render_docx(report: StatusReport) -> bytes:
    return write_docx(report, _png)


def render(report: StatusReport, fmt: str) -> bytes:
    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(report)
    if fmt == "docx":
        return render_docx(report)
    raise ValueError(f"ukendt format: {fmt}")


def render_both(report: StatusReport) -> dict[str, bytes]:
    return {"pdf": render_pdf(report), "docx": render_docx(report)}


def filename(report: StatusReport, fmt: str) -> str:
    from django.utils.text import slugify

    return f"statusrapport-{slugify(report.plan_name)}-{report.year}.{fmt}"
