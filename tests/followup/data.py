"""Follow-up test data: a small hand-made snapshot and goal indicators on the demo plan.

The snapshot (run owned by Herning Kommune) has, for 2019–2021, three indicators for the plan's
three areas, Herning, Region Midtjylland and the country. One value is suppressed: Lyngbyen's
charged 10–17-year-olds in 2020 (2 of 80), so a board member sees it hidden and the
coordinator, who owns the run, sees it.
"""

from __future__ import annotations

from decimal import Decimal

# indicator → unit → (numerators 2019–2021, denominators 2019–2021)
VALUES: dict[str, dict[str, tuple[tuple[float, ...], tuple[float, ...]]]] = {
    "charged_10_17": {
        "657-BRA": ((8, 6, 7), (126, 120, 118)),
        "657-HOL": ((9, 7, 7), (125, 119, 121)),
        "657-LYN": ((5, 2, 6), (80, 80, 86)),
        "657": ((18, 14, 18), (440, 444, 443)),
        "1082": ((51, 52, 56), (2157, 2173, 2194)),
        "DK": ((160, 147, 154), (7997, 8082, 8121)),
    },
    "education_benefit_18_29": {
        "657-BRA": ((40, 46, 52), (245, 230, 232)),
        "657-HOL": ((54, 66, 59), (307, 311, 316)),
        "657-LYN": ((27, 29, 26), (194, 189, 188)),
        "657": ((137, 120, 130), (955, 932, 936)),
        "1082": ((249, 248, 243), (4314, 4247, 4221)),
        "DK": ((473, 487, 448), (16103, 15866, 15638)),
    },
    "youth_education_by_25": {
        "657-BRA": ((9, 11, 14), (16, 21, 18)),
        "657-HOL": ((16, 9, 12), (26, 16, 19)),
        "657-LYN": ((9, 13, 14), (11, 17, 17)),
        "657": ((44, 43, 44), (59, 67, 72)),
        "1082": ((275, 275, 296), (355, 346, 365)),
        "DK": ((1040, 1066, 1139), (1279, 1274, 1379)),
    },
}
LEVELS = {"657": "municipality", "1082": "region", "DK": "country"}
NAMES = {
    "657-BRA": "Brændgård-området",
    "657-HOL": "Holtbjerg",
    "657-LYN": "Lyngbyen/Gullestrup",
    "657": "Herning Kommune",
    "1082": "Region Midtjylland",
    "DK": "Hele landet",
}


def make_snapshot(user):
    """The hand-made snapshot described above, as a finished computation run."""
    from django.utils import timezone

    from helhed.indicators.models import ComputationRun, IndicatorValue, RunKind, RunStatus
    from helhed.partnerships.models import Organisation

    run = ComputationRun.objects.create(
        kind=RunKind.REGISTER,
        status=RunStatus.DONE,
        organisation=Organisation.objects.get(name="Herning Kommune"),
        started_by=user,
        source="test",
        input_hash="ab" * 32,
        years=[2019, 2020, 2021],
        finished_at=timezone.now(),
    )
    rows = []
    for indicator, units in VALUES.items():
        for unit, (numerators, denominators) in units.items():
            for year, n, d in zip((2019, 2020, 2021), numerators, denominators, strict=True):
                rows.append(
                    IndicatorValue(
                        run=run,
                        level=LEVELS.get(unit, "area"),
                        unit_id=unit,
                        unit_name=NAMES[unit],
                        indicator=indicator,
                        year=year,
                        value=100 * n / d,
                        numerator=n,
                        denominator=d,
                        suppressed=n < 5 or d < 5,
                    )
                )
    IndicatorValue.objects.bulk_create(rows)
    return run


def make_goal_indicators(plan) -> dict:
    """Three goal indicators of the demo plan on the snapshot's indicators."""
    from helhed.followup.models import GoalIndicator
    from helhed.partnerships.models import Goal, Organisation

    herning = Organisation.objects.get(name="Herning Kommune")
    made = {}
    for title, key, kind, value, year in (
        ("Færre sigtede 10–17-årige", "charged_10_17", "approach_average", None, None),
        (
            "Færre unge på uddannelseshjælp",
            "education_benefit_18_29",
            "approach_average",
            None,
            None,
        ),
        (
            "Flere gennemfører en ungdomsuddannelse",
            "youth_education_by_25",
            "value_by_year",
            75,
            2021,
        ),
    ):
        made[key] = GoalIndicator.objects.create(
            goal=Goal.objects.get(plan=plan, title=title),
            indicator=key,
            target_kind=kind,
            target_value=Decimal(value) if value is not None else None,
            target_year=year,
            baseline_year=2019,
            responsible=herning,
        )
    return made
