"""Demo follow-up for "Plads Til Forskel" (synthetic): goal indicators with targets, the housing
organisations' figures and survey results for 2019–2021, annual reviews for 2020 and 2021 and the
report's free text.

The texts paraphrase the kind of statements in the committee document the report is modelled on;
every name of a person is left out and every figure is synthetic. Call after the demo partnership
and the demo indicators are loaded (`helhed demo` does). Idempotent.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from helhed.domain import demo_partnership as demo
from helhed.domain.indicators.aggregates import AREA_COLUMN, COLUMNS
from helhed.followup.models import AnnualReview, GoalIndicator, ReportText, TargetKind
from helhed.indicators.models import ComputationRun, RunKind, RunStatus
from helhed.indicators.services import aggregates_import
from helhed.partnerships.demo import PLAN_NAME
from helhed.partnerships.models import Body, BodyKind, BodyMeeting, Goal, Organisation, Plan

from . import demo_texts

APPROACH, NOT_WORSE, VALUE = (
    TargetKind.APPROACH_AVERAGE,
    TargetKind.NOT_WORSE,
    TargetKind.VALUE_BY_YEAR,
)

# goal title → [(indicator, target kind, target value, target year, responsible, note)]
INDICATORS: dict[str, list[tuple]] = {
    "Færre sigtede 10–17-årige": [("charged_10_17", APPROACH, None, None, "Herning Kommune", "")],
    "Mindre hærværk i afdelingerne": [
        (
            "vandalism_cost",
            NOT_WORSE,
            None,
            None,
            "Fællesbo",
            "Boligorganisationerne opgør hærværk forskelligt; tallene kan give et misvisende "
            "billede (syntetisk bemærkning).",
        )
    ],
    "Lavere fraflytningsprocent": [("move_out_rate", NOT_WORSE, None, None, "Fruehøjgaard", "")],
    "Færre klager fra beboerne": [
        ("complaints_per_100_tenancies", NOT_WORSE, None, None, "Lejerbo", "")
    ],
    "Flere frivillige": [("volunteers", NOT_WORSE, None, None, "Lejerbo", "")],
    "Færre unge på uddannelseshjælp": [
        ("education_benefit_18_29", APPROACH, None, None, "Herning Kommune", "")
    ],
    "Flere unge i fritidsjob": [("leisure_jobs", NOT_WORSE, None, None, "Fællesbo", "")],
    "Flere gennemfører en ungdomsuddannelse": [
        ("youth_education_by_25", VALUE, Decimal(75), 2021, "Herning Kommune", ""),
        ("basic_education_25_29", APPROACH, None, None, "Herning Kommune", ""),
    ],
    "Højere karaktergennemsnit i 9. klasse": [
        ("grade_danish_9", APPROACH, None, None, "Herning Kommune", ""),
        ("grade_math_9", APPROACH, None, None, "Herning Kommune", ""),
    ],
    "Færre børnesager": [("child_case_0_17", APPROACH, None, None, "Herning Kommune", "")],
    "Mindre behov for sproglig indsats i dagtilbud": [
        ("language_support_3_5", VALUE, Decimal(35), 2021, "Herning Kommune", "")
    ],
    "Flere føler sig trygge om aftenen": [
        (
            "feel_safe_evening",
            NOT_WORSE,
            None,
            None,
            "Fællesbo",
            "Fra beboerundersøgelsen; tallene bygger på de beboere, der har svaret "
            "(syntetisk bemærkning).",
        )
    ],
}
EXTRA_GOALS = {  # goals the demo partnership does not have, under these focus areas
    "Færre klager fra beboerne": "Trivsel og tryghed",
    "Flere føler sig trygge om aftenen": "Trivsel og tryghed",
    "Flere unge i fritidsjob": "Beskæftigelse og uddannelse",
}

# Synthetic housing-organisation figures per area and year (2019, 2020, 2021).
_MOVE_OUT = {
    "657-LYN": (9.5, 10.9, 9.8),
    "657-HOL": (11.2, 10.1, 10.7),
    "657-BRA": (12.4, 15.8, 14.6),
}
_COMPLAINTS = {"657-LYN": (3.8, 7.1, 5.9), "657-HOL": (4.4, 8.3, 6.2), "657-BRA": (5.0, 9.6, 7.4)}
_VANDALISM_PER_TENANCY = (160, 235, 205)  # kr. per tenancy
_VOLUNTEERS = (3, 5, 4)  # per department
_LEISURE_JOBS = {2019: 31, 2020: 38, 2021: 41}


def _aggregate_rows() -> list[dict]:
    rows = []
    years = (2019, 2020, 2021)
    jobs_left = dict(_LEISURE_JOBS)
    for n, d in enumerate(demo.DEPARTMENTS):
        for i, year in enumerate(years):
            base = {"department_id": d.department_id, "year": year}
            moves = round(d.tenancies * _MOVE_OUT[d.area_id][i] / 100 * (1.25 if n == 7 else 1))
            complaints = round(d.tenancies * _COMPLAINTS[d.area_id][i] / 100)
            jobs = jobs_left[year] if n == len(demo.DEPARTMENTS) - 1 else _LEISURE_JOBS[year] // 11
            jobs_left[year] -= jobs
            rows += [
                {
                    **base,
                    "indicator": "move_out_rate",
                    "numerator": moves,
                    "denominator": d.tenancies,
                },
                {
                    **base,
                    "indicator": "complaints_per_100_tenancies",
                    "numerator": complaints,
                    "denominator": d.tenancies,
                },
                {
                    **base,
                    "indicator": "vandalism_cost",
                    "value": d.tenancies * _VANDALISM_PER_TENANCY[i],
                },
                {**base, "indicator": "volunteers", "value": _VOLUNTEERS[i] + n % 3},
                {**base, "indicator": "leisure_jobs", "value": jobs},
            ]
    return rows


# Synthetic survey results per area (2019, 2020, 2021): respondents and the shares answering
# "tryg/meget tryg", "meget/noget bekymret", "enig/meget enig"; pupils' general well-being 1-5.
_RESPONDENTS = {"657-LYN": (118, 131, 126), "657-HOL": (164, 152, 171), "657-BRA": (97, 104, 112)}
_SURVEY_SHARES = {
    "feel_safe_evening": {
        "657-LYN": (62.0, 64.5, 68.0),
        "657-HOL": (58.5, 57.0, 61.5),
        "657-BRA": (51.0, 55.5, 59.0),
    },
    "worried_about_crime": {
        "657-LYN": (24.0, 22.5, 19.0),
        "657-HOL": (27.5, 28.0, 25.0),
        "657-BRA": (33.0, 30.5, 27.0),
    },
    "part_of_community": {
        "657-LYN": (41.0, 43.0, 47.5),
        "657-HOL": (38.0, 39.5, 41.0),
        "657-BRA": (35.5, 37.0, 42.0),
    },
}
_PUPILS = {"657-LYN": (58, 61, 57), "657-HOL": (74, 70, 77)}
_WELLBEING = {"657-LYN": (3.7, 3.6, 3.7), "657-HOL": (3.8, 3.7, 3.7), "657-BRA": (3.6, 3.6, 3.7)}
# Brændgård's pupils are counted per department; the small 602-34 is suppressed (under 20).
_PUPILS_BRA = {
    "601-31": (22, 24, 23),
    "601-32": (21, 20, 22),
    "602-33": (20, 21, 20),
    "602-34": (9, 11, 8),
}


def _survey_rows() -> list[dict]:
    rows = []
    for i, year in enumerate((2019, 2020, 2021)):
        for area, respondents in _RESPONDENTS.items():
            base = {"area_id": area, "year": year, "denominator": respondents[i]}
            for key, shares in _SURVEY_SHARES.items():
                answers = round(shares[area][i] * respondents[i] / 100)
                rows.append({**base, "indicator": key, "numerator": answers})
        for area, pupils in _PUPILS.items():
            score = round(_WELLBEING[area][i] * pupils[i], 1)
            rows.append(
                {"area_id": area, "year": year, "indicator": "pupil_wellbeing",
                 "numerator": score, "denominator": pupils[i]}
            )  # fmt: skip
        for department, pupils in _PUPILS_BRA.items():
            score = round(_WELLBEING["657-BRA"][i] * pupils[i], 1)
            rows.append(
                {"department_id": department, "year": year, "indicator": "pupil_wellbeing",
                 "numerator": score, "denominator": pupils[i]}
            )  # fmt: skip
    return rows


def _import_file(rows: list[dict], filename: str, *, survey: bool) -> None:
    """Import synthetic rows as the demo coordinator, unless a run of this kind exists."""
    kind = RunKind.SURVEY if survey else RunKind.AGGREGATE
    if ComputationRun.objects.filter(kind=kind, status=RunStatus.DONE).exists():
        return
    user = get_user_model().objects.get(username="kommune")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tal.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=[*COLUMNS, AREA_COLUMN])
            writer.writeheader()
            writer.writerows(rows)
        aggregates_import(
            actor=user,
            organisation=Organisation.objects.get(name="Herning Kommune"),
            path=path,
            filename=f"{filename} (syntetisk)",
        )


def _goal_indicators(plan: Plan) -> None:
    orgs = {o.name: o for o in Organisation.objects.filter(municipality=plan.municipality)}
    for title, focus_name in EXTRA_GOALS.items():
        Goal.objects.get_or_create(
            plan=plan, title=title, defaults={"focus_area": plan.focus_areas.get(name=focus_name)}
        )
    for title, rows in INDICATORS.items():
        goal = Goal.objects.get(plan=plan, title=title)
        for key, kind, value, year, responsible, note in rows:
            GoalIndicator.objects.get_or_create(
                goal=goal,
                indicator=key,
                defaults={
                    "target_kind": kind,
                    "target_value": value,
                    "target_year": year,
                    "baseline_year": 2019,
                    "responsible": orgs[responsible],
                    "note": note,
                },
            )


def _reviews(plan: Plan) -> None:
    board = Body.objects.get(plan=plan, kind=BodyKind.BOARD)
    meeting_2020 = BodyMeeting.objects.filter(body=board, title="Årligt eftersyn 2020").first()
    meeting_2021, _ = BodyMeeting.objects.get_or_create(
        body=board,
        title="Årligt eftersyn 2021 (slutstatus)",
        defaults={"date": date(2021, 9, 15), "minutes": "Sidste eftersyn i planperioden."},
    )
    for year, meeting, texts in (
        (2020, meeting_2020, demo_texts.REVIEW_2020),
        (2021, meeting_2021, demo_texts.REVIEW_2021),
    ):
        AnnualReview.objects.get_or_create(
            plan=plan,
            year=year,
            defaults={
                "meeting": meeting,
                "meeting_date": meeting.date if meeting else None,
                **texts,
            },
        )


def _texts(plan: Plan) -> None:
    from helhed.followup.figures import plan_followup

    followup = plan_followup(plan, 2020, None)
    for item in followup.indicators:
        edited = demo_texts.EDITED_2020.get(item.goal_indicator.indicator)
        if edited:
            ReportText.objects.get_or_create(
                plan=plan,
                year=2020,
                goal_indicator=item.goal_indicator,
                defaults={"text": edited, "generated_text": item.generated_text},
            )
    for focus_name, text in demo_texts.ADDED_2020.items():
        ReportText.objects.get_or_create(
            plan=plan,
            year=2020,
            focus_area=plan.focus_areas.get(name=focus_name),
            defaults={"text": text},
        )


@transaction.atomic
def load_demo_followup() -> Plan | None:
    """Goal indicators, housing figures, survey results, reviews and texts for the demo plan (if
    it exists)."""
    plan = Plan.objects.filter(name=PLAN_NAME, municipality__code=demo.HERNING.code).first()
    if plan is None:
        return None
    _import_file(_aggregate_rows(), "boligorganisationernes-tal-2019-2021.csv", survey=False)
    _import_file(
        _survey_rows(), "beboerundersoegelse-og-trivselsmaaling-2019-2021.csv", survey=True
    )
    _goal_indicators(plan)
    _reviews(plan)
    _texts(plan)
    return plan
