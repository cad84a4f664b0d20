"""The five measures behind the list criteria: input column, population, Danish wording."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Measure = Literal["labour_market", "convictions", "education", "income", "nonwestern"]


@dataclass(frozen=True)
class MeasureInfo:
    """What an input column measures and which population its persons figure counts."""

    key: Measure
    field: str  # the AreaInput field (= input column) holding the value in percent
    population_field: str | None  # optional input column with the criterion's population
    # Share of all residents used when the population column is absent. Not from a source: round
    # figures for a social-housing area with more children and fewer elderly than the country.
    fallback_share: float | None
    population_da: str
    # False where a persons figure would mean changing who lives in the area rather than helping
    # existing residents (origin), or where persons are not meaningful (an average income).
    actionable_in_persons: bool
    label_da: str


_LM_DA = "Uden for arbejdsmarked og uddannelse (18-64 år)"
_CONV_DA = "Dømte for straffelov, våbenlov eller lov om euforiserende stoffer"
_INCOME_DA = "Bruttoindkomst i pct. af regionens gennemsnit (15-64 år, ekskl. uddannelsessøgende)"
MEASURES: dict[Measure, MeasureInfo] = {
    "labour_market": MeasureInfo(
        "labour_market",
        "pct_outside_labour_market",
        "residents_18_64",
        0.60,
        "beboere på 18-64 år",
        True,
        _LM_DA,
    ),
    "convictions": MeasureInfo(
        "convictions",
        "conviction_rate_pct",
        "residents_18plus",
        0.72,
        "beboere på 18 år og derover",
        True,
        _CONV_DA,
    ),
    "education": MeasureInfo(
        "education",
        "pct_basic_education",
        "residents_30_59",
        0.38,
        "beboere på 30-59 år",
        True,
        "Alene grunduddannelse (30-59 år)",
    ),
    "income": MeasureInfo(
        "income",
        "income_pct_of_region",
        None,
        None,
        "skattepligtige på 15-64 år ekskl. uddannelsessøgende",
        False,
        _INCOME_DA,
    ),
    "nonwestern": MeasureInfo(
        "nonwestern",
        "pct_nonwestern",
        None,
        None,
        "beboere",
        False,
        "Indvandrere og efterkommere fra ikke-vestlige lande",
    ),
}
