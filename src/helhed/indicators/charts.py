"""Server-rendered SVG line charts (no JavaScript), with a title for screen readers.

Each chart stands beside a table with the same figures, so nothing is only in the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLOURS = ("#0b4f6c", "#c9a227", "#6b9fb8", "#7a7f87")
DASHES = ("", "6 3", "2 3", "8 3 2 3")


@dataclass(frozen=True)
class Line:
    label: str
    values: Sequence[float | None]  # one per x value; None = missing (the line breaks)


def _fmt(value: float) -> str:
    return number_format(
        round(value, 1),
        decimal_pos=1 if abs(value) < 100 else 0,
        use_l10n=True,
        force_grouping=True,
    )


def line_chart(
    title: str,
    x_values: Sequence[int],
    lines: Sequence[Line],
    *,
    width: int = 520,
    height: int = 220,
) -> SafeString:
    left, right, top, bottom = 70, 28, 14, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    ys = [v for line in lines for v in line.values if v is not None]
    if not ys or not x_values:
        return mark_safe("")
    low, high = min(0.0, min(ys)), max(ys)
    if high == low:
        high = low + 1
    high += (high - low) * 0.1

    def x(i: int) -> float:
        return left + (plot_w * i / (len(x_values) - 1) if len(x_values) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - low) / (high - low))

    parts = [
        f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" class="line-chart">'
        f"<title>{escape(title)}</title>"
    ]
    for k in range(5):  # gridlines and y labels
        tick = low + (high - low) * k / 4
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#d5dbe1"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="13" text-anchor="end" fill="#4f5b67">'
            f"{escape(_fmt(tick))}</text>"
        )
    for i, year in enumerate(x_values):
        parts.append(
            f'<text x="{x(i):.1f}" y="{top + plot_h + 16}" font-size="13" text-anchor="middle" fill="#4f5b67">{year}</text>'
        )
    lx = 24.0  # the legend's next entry, below the plot
    for n, line in enumerate(lines):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        segment: list[str] = []
        segments: list[list[str]] = []
        for i, value in enumerate(line.values):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{x(i):.1f},{y(value):.1f}")
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3" fill="{colour}"/>')
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" '
                    f'stroke-dasharray="{dash}" points="{" ".join(seg)}"/>'
                )
        parts.append(
            f'<line x1="{lx:.1f}" x2="{lx + 18:.1f}" y1="{height - 10}" y2="{height - 10}" stroke="{colour}" '
            f'stroke-width="2.5" stroke-dasharray="{dash}"/>'
            f'<text x="{lx + 22:.1f}" y="{height - 6}" font-size="13" fill="#1d2733">{escape(line.label[:20])}</text>'
        )
        # Each entry as wide as its label (about 8 px a character at 13 px in DejaVu Sans): the four
        # levels' labels did not fit equal slots ("Boligområdet" ran into the next symbol).
        lx += 22 + 8.0 * len(line.label[:20]) + 16
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text part is escaped above
