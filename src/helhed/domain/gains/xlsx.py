"""The XLSX export of a calculation: Oversigt, Pr. år, Pr. kasse, Pr. post and Usikkerhed.

Kept apart from io.py so that each module stays small; io re-exports write_xlsx.
Amounts are rounded to the øre like the JSON output, so the two never disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Font

from helhed.domain.gains.model import BODY_LABELS, round_kr, round_optional
from helhed.domain.gains.uncertainty import Evaluation
from helhed.domain.spreadsheet import xlsx_append

_KR = "#,##0.00"
_SHARE = "0.0%"


def _sheet(
    workbook: Workbook,
    title: str,
    header: list[str],
    rows: list[list[Any]],
    formats: dict[int, str] | None = None,
) -> None:
    """A sheet with a bold header; formats maps a column number (0-based) to a number format."""
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_append(sheet, row)
        for column, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(cell.value, float):
                cell.number_format = (formats or {}).get(column, _KR)
    sheet.column_dimensions["A"].width = 42


def _summary(workbook: Workbook, rows: list[tuple[str, Any, str]]) -> None:
    sheet = workbook.create_sheet("Oversigt")
    sheet.append(["Nøgletal", "Værdi"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for label, value, number_format in rows:
        xlsx_append(sheet, [label, value])
        sheet.cell(row=sheet.max_row, column=2).number_format = number_format
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 18


def write_xlsx(evaluation: Evaluation, target: Path | str | IO[bytes]) -> None:
    """Sheets Oversigt, Pr. år, Pr. kasse, Pr. post (and Usikkerhed when there is any)."""
    result, scenario = evaluation.result, evaluation.scenario
    labels = [BODY_LABELS[body] for body in result.bodies]
    workbook = Workbook()
    workbook.remove(workbook.active)
    summary: list[tuple[str, Any, str]] = [
        ("Nettoresultat (kr, nutidsværdi)", round_kr(result.net_result), _KR),
        ("Omkostninger i alt (kr)", round_kr(result.costs_total), _KR),
        ("Gevinster i alt (kr)", round_kr(result.gains_total), _KR),
        ("Gevinst pr. omkostningskrone", round_optional(result.gain_cost_ratio, 4), "0.0000"),
        ("Nettoresultat pr. deltager (kr)", round_optional(result.per_participant, 2), _KR),
        ("Deltagere i alt", result.participants_total, "0"),
        ("Succeser i alt", round(result.successes_total, 6), "0.00"),
        ("Tilbagebetalingsår (år 0 = første år)", result.payback_year, "0"),
        ("Break-even-succesrate", round_optional(result.break_even_success_rate, 6), _SHARE),
        ("Tidshorisont (år)", scenario.horizon_years, "0"),
        ("Diskonteringsrente", scenario.discount_rate, _SHARE),
        ("Tilgang", scenario.approach.value, "General"),
    ]
    if (mc := evaluation.monte_carlo) is not None:
        share = f"{mc.interval:.0%}"
        summary += [
            (f"Monte Carlo: nedre grænse ({share}-interval)", round_kr(mc.lower), _KR),
            ("Monte Carlo: median", round_kr(mc.median), _KR),
            (f"Monte Carlo: øvre grænse ({share}-interval)", round_kr(mc.upper), _KR),
            ("Monte Carlo: sandsynlighed for nettoresultat ≥ 0", mc.probability_positive, _SHARE),
            ("Monte Carlo: trækninger", mc.draws, "0"),
            ("Monte Carlo: seed", mc.seed, "0"),
        ]
    _summary(workbook, summary)
    _sheet(
        workbook,
        "Pr. år",
        ["År", *labels, "I alt (nutidsværdi)", "I alt (udiskonteret)", "Kumuleret"],
        [
            [
                year,
                *(round_kr(result.net_by_body_by_year[b][year]) for b in result.bodies),
                round_kr(result.net_by_year[year]),
                round_kr(result.net_by_year_undiscounted[year]),
                round_kr(result.cumulative_net_by_year[year]),
            ]
            for year in range(scenario.horizon_years)
        ],
    )
    _sheet(
        workbook,
        "Pr. kasse",
        ["Kasse", "Omkostninger", "Gevinster", "Nettoresultat"],
        [
            [
                BODY_LABELS[body],
                round_kr(result.costs_by_body[body]),
                round_kr(result.gains_by_body[body]),
                round_kr(result.net_result_by_body[body]),
            ]
            for body in result.bodies
        ],
    )
    _sheet(
        workbook,
        "Pr. post",
        ["Post", *labels, "I alt"],
        [
            [item, *(round_kr(values[b]) for b in result.bodies), round_kr(result.by_item[item])]
            for item, values in result.by_item_by_body.items()
        ],
    )
    if evaluation.tornado:
        _sheet(
            workbook,
            "Usikkerhed",
            ["Antagelse", "Lav", "Central", "Høj", "Netto ved lav", "Netto ved høj", "Udsving"],
            [
                [
                    b.label,
                    b.low,
                    b.central,
                    b.high,
                    round_kr(b.net_at_low),
                    round_kr(b.net_at_high),
                    round_kr(b.swing),
                ]
                for b in evaluation.tornado
            ],
            formats={1: "General", 2: "General", 3: "General"},
        )
    workbook.save(target)
