"""Distance from a criterion value to its threshold, in percentage points and in persons.

The persons figure is the number of residents whose status must change for the criterion to flip:
off when it is met, on when it is not. The population is the criterion's own (18-64-year-olds for
the labour-market share, and so on). Where the input lacks that population it is estimated from
the number of residents and the result says so. Income (an average, not a share of persons) and
origin (changing it would mean moving residents, not helping them) have no persons figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from helhed.domain.arealists.measures import MEASURES
from helhed.domain.arealists.rules import Comparison, Criterion

# Published values carry one or two decimals; comparing at 9 decimals keeps float noise such as
# 41.2 - 1.2 = 40.00000000000001 from deciding a boundary case.
_PRECISION = 9


class HasPopulation(Protocol):
    @property
    def residents(self) -> int | None: ...
    @property
    def residents_18_64(self) -> int | None: ...
    @property
    def residents_18plus(self) -> int | None: ...
    @property
    def residents_30_59(self) -> int | None: ...


def compare(value: float, threshold: float, comparison: Comparison) -> bool:
    """Whether `value` meets the threshold under the statute's comparison."""
    difference = round(value - threshold, _PRECISION)
    if comparison is Comparison.GREATER:
        return difference > 0
    if comparison is Comparison.AT_LEAST:
        return difference >= 0
    return difference < 0


def population_for(criterion: Criterion, row: HasPopulation) -> tuple[int | None, bool]:
    """The criterion's population and whether it is an estimate from `residents`."""
    info = MEASURES[criterion.measure]
    if info.population_field is None:
        return None, False
    given: int | None = getattr(row, info.population_field)
    if given is not None:
        return given, False
    if row.residents is None or info.fallback_share is None:
        return None, False
    return round(row.residents * info.fallback_share), True


def persons_to_flip(
    value: float, threshold: float, comparison: Comparison, population: int, met: bool
) -> int:
    """Smallest number of persons whose change flips the criterion (always at least 1).

    A person moving (into work, out of the convicted, into education) leaves the population
    unchanged, so the count behind the share moves by one per person.
    """
    gap = round((value - threshold) * population / 100, 6)  # persons above the line
    if comparison is Comparison.GREATER:
        # met ⇔ count > line; off at count ≤ line; on at count > line.
        needed = math.ceil(gap) if met else math.floor(-gap) + 1
    elif comparison is Comparison.AT_LEAST:
        # met ⇔ count ≥ line; off at count < line; on at count ≥ line.
        needed = math.floor(gap) + 1 if met else math.ceil(-gap)
    else:
        raise ValueError("a 'less than' criterion (income) has no persons figure")
    return max(needed, 1)


def format_da(number: float, decimals: int = 3) -> str:
    """Danish number format: decimal comma, thousands dot, no trailing zeros (41,2 · 1.250)."""
    rounded = round(number, decimals)
    if rounded == int(rounded):
        return f"{int(rounded):,}".replace(",", ".")
    whole, _, fraction = f"{rounded:,.{decimals}f}".partition(".")
    return whole.replace(",", ".") + "," + fraction.rstrip("0")


@dataclass(frozen=True)
class Distance:
    distance_pp: float | None  # value - threshold (signed)
    population: int | None
    population_estimated: bool
    persons: int | None  # persons whose change flips the criterion
    text: str  # Danish, for people


# Danish phrases per measure: (one person who improves, n persons who improve, one person who
# worsens, n persons who worsen). "{n}" is the number.
_PHRASES: dict[str, tuple[str, str, str, str]] = {
    "labour_market": (
        "1 beboer mere på 18-64 år i arbejde eller uddannelse",
        "{n} flere beboere på 18-64 år i arbejde eller uddannelse",
        "1 beboer mere på 18-64 år uden for arbejdsmarked og uddannelse",
        "{n} flere beboere på 18-64 år uden for arbejdsmarked og uddannelse",
    ),
    "convictions": (
        "1 dømt beboer færre (18 år og derover)",
        "{n} færre dømte beboere (18 år og derover)",
        "1 dømt beboer mere (18 år og derover)",
        "{n} flere dømte beboere (18 år og derover)",
    ),
    "education": (
        "1 beboer mere på 30-59 år med uddannelse ud over grundskolen",
        "{n} flere beboere på 30-59 år med uddannelse ud over grundskolen",
        "1 beboer mere på 30-59 år med alene grunduddannelse",
        "{n} flere beboere på 30-59 år med alene grunduddannelse",
    ),
}
ESTIMATE_NOTE = " (skøn: befolkningsgruppen er anslået ud fra antal beboere)"


def persons_phrase(measure: str, persons: int, improving: bool) -> str:
    one_up, many_up, one_down, many_down = _PHRASES[measure]
    if improving:
        return one_up if persons == 1 else many_up.format(n=format_da(persons))
    return one_down if persons == 1 else many_down.format(n=format_da(persons))


def _position(subject: str, value: float, threshold: float, met: bool) -> str:
    t = format_da(threshold)
    pp = format_da(abs(value - threshold))
    side = "over" if value > threshold else "under" if value < threshold else ""
    where = f"{pp} procentpoint {side} grænsen" if side else "på grænsen"
    state = "opfyldt" if met else "ikke opfyldt"
    return f"{subject} ligger {where} på {t} % (kriteriet er {state})"


def _text(
    criterion: Criterion, value: float, threshold: float, met: bool, persons: int | None
) -> str:
    t = format_da(threshold)
    if criterion.measure == "income":
        if met:
            pp = format_da(threshold - value)
            return (
                f"Indkomsten skal op med {pp} procentpoint til mindst {t} % af regionens "
                "gennemsnit, før kriteriet ikke er opfyldt"
            )
        return _position("Indkomsten", value, threshold, met)
    if persons is None:
        return _position("Andelen", value, threshold, met)
    strict = criterion.comparison is Comparison.GREATER
    if met:
        target = f"ned på højst {t} %" if strict else f"ned under {t} %"
        return (
            f"{persons_phrase(criterion.measure, persons, True)} vil bringe andelen {target}, "
            "så kriteriet ikke er opfyldt"
        )
    target = f"op over {t} %" if strict else f"op på mindst {t} %"
    return (
        f"{persons_phrase(criterion.measure, persons, False)} vil bringe andelen {target}, "
        "så kriteriet er opfyldt"
    )


def criterion_distance(
    criterion: Criterion,
    value: float | None,
    threshold: float | None,
    met: bool | None,
    row: HasPopulation,
) -> Distance:
    """Distance of one decided or undecided criterion, with its Danish sentence."""
    population, estimated = population_for(criterion, row)
    if value is None:
        return Distance(None, population, estimated, None, "Kan ikke afgøres: værdien mangler")
    if threshold is None or met is None:
        return Distance(
            None, population, estimated, None, "Kan ikke afgøres: landsgennemsnittet mangler"
        )
    persons: int | None = None
    if MEASURES[criterion.measure].actionable_in_persons and population:
        persons = persons_to_flip(value, threshold, criterion.comparison, population, met)
    text = _text(criterion, value, threshold, met, persons)
    if persons is not None and estimated:
        text += ESTIMATE_NOTE
    return Distance(round(value - threshold, 6), population, estimated, persons, text)
