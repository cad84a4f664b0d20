"""The types an indicator definition is made of (the definitions themselves are in registry.py)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FocusArea(StrEnum):
    """Landsbyggefonden's four current focus areas (indsatsområder)."""

    EDUCATION = "uddannelse_og_livschancer"
    EMPLOYMENT = "beskaeftigelse"
    CRIME = "kriminalitetsforebyggelse"
    COHESION = "sammenhaengskraft_og_medborgerskab"


FOCUS_AREA_NAMES: dict[FocusArea, str] = {
    FocusArea.EDUCATION: "Uddannelse og livschancer",
    FocusArea.EMPLOYMENT: "Beskæftigelse",
    FocusArea.CRIME: "Kriminalitetsforebyggelse",
    FocusArea.COHESION: "Sammenhængskraft og medborgerskab",
}


class Unit(StrEnum):
    PCT = "pct"  # 0-100
    RATE = "rate"  # per `rate_per` of the denominator, e.g. per 100 tenancies
    MEAN = "mean"  # plain mean, e.g. an exam mark
    KR = "kr"  # kroner (a mean or a total)
    COUNT = "count"
    RATIO = "ratio"  # a plain multiple, e.g. 3.1 times the national rate


class Measure(StrEnum):
    """How a value follows from the summed numerator n and denominator d."""

    SHARE = "share"  # 100 · n / d
    RATE = "rate"  # rate_per · n / d
    MEAN = "mean"  # n / d
    TOTAL = "total"  # n


class Comparison(StrEnum):
    """A value relative to a reference unit in the same year (after averaging)."""

    NONE = "none"
    RATIO_TO_COUNTRY = "ratio_to_country"  # value / country's value
    PCT_OF_REGION = "pct_of_region"  # 100 · value / the unit's region's value


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    NEUTRAL = "neutral"


class Source(StrEnum):
    REGISTER = "register"  # computed by the engine from the person-level extract
    HOUSING_AGGREGATE = "housing_aggregate"  # delivered per department and year (aggregates.py)
    # answers to a survey (respondents as denominator), delivered per department or area and
    # year in the same files as the housing aggregates (aggregates.py)
    SURVEY = "survey"


SOURCE_NAMES: dict[Source, str] = {
    Source.REGISTER: "registerudtræk",
    Source.HOUSING_AGGREGATE: "boligorganisationens tal",
    Source.SURVEY: "undersøgelse",
}


class Relation(StrEnum):
    """The rows a register definition's expressions are evaluated over."""

    PERSONS = "persons"  # one row per person and year
    # one row per child 0-17 whose mother has a row the same year; the mother's columns are
    # available as mother_<column> (see sql.CHILD_MOTHER_COLUMNS)
    CHILD_MOTHER = "child_mother"


class Level(StrEnum):
    DEPARTMENT = "department"
    AREA = "area"
    MUNICIPALITY = "municipality"
    REGION = "region"
    COUNTRY = "country"


ALL_LEVELS: tuple[Level, ...] = tuple(Level)
HOUSING_LEVELS: tuple[Level, ...] = (Level.DEPARTMENT, Level.AREA, Level.MUNICIPALITY)


@dataclass(frozen=True)
class IndicatorDefinition:
    key: str
    name: str  # Danish
    description: str  # Danish: population, numerator and denominator in words, and choices made
    focus_area: FocusArea
    unit: Unit
    measure: Measure
    better: Better
    source: Source = Source.REGISTER
    version: int = 1
    population: str = "1 = 1"  # SQL condition on one row: who is counted ("1 = 1": everyone)
    numerator: str = "1"  # SQL number per row, summed over the population
    denominator: str = "1"  # SQL number per row, summed over the population
    comparison: Comparison = Comparison.NONE
    window: int = 1  # data years averaged: 1 or 2
    min_numerator: int | None = 5  # suppress when the summed numerator is below this
    min_denominator: int | None = 5  # suppress when the summed denominator is below this
    relation: Relation = Relation.PERSONS
    levels: tuple[Level, ...] = ALL_LEVELS
    list_criterion: bool = False  # one of the official list criteria (almenboligloven §61a)
    rate_per: int = 100
    scale: tuple[float, float] | None = (
        None  # a mean's answer scale, e.g. (1, 5); checked on import
    )

    def __post_init__(self) -> None:
        if self.window not in (1, 2):
            raise ValueError(f"{self.key}: window skal være 1 eller 2")
        if self.comparison is Comparison.RATIO_TO_COUNTRY and self.unit is not Unit.RATIO:
            raise ValueError(f"{self.key}: sammenligning med landet har enheden ratio")
        if self.comparison is Comparison.PCT_OF_REGION and self.unit is not Unit.PCT:
            raise ValueError(f"{self.key}: procent af regionen har enheden pct")
        if self.comparison is Comparison.RATIO_TO_COUNTRY and Level.COUNTRY not in self.levels:
            raise ValueError(f"{self.key}: sammenligning med landet kræver landsniveauet")
        if self.scale is not None and self.measure is not Measure.MEAN:
            raise ValueError(f"{self.key}: kun et gennemsnit har en skala")

    def value_of(self, numerator: float, denominator: float | None) -> float | None:
        """The value of summed counts: 100 · n / d for a share, rate_per · n / d for a rate,
        n / d for a mean, n for a total; None without a denominator. (Not for two-year averages
        or comparisons, which the engine computes.)"""
        if self.measure is Measure.TOTAL:
            return numerator
        if not denominator:
            return None
        factor = {Measure.SHARE: 100.0, Measure.RATE: float(self.rate_per)}.get(self.measure, 1.0)
        return factor * numerator / denominator
