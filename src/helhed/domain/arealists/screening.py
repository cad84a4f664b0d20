"""Classify areas against a list year's rules, with three-valued logic for missing values.

A criterion whose value (or, for the conviction multiple, the national rate) is missing is
*undecided*. A list is decided only when no way of filling the undecided values could change the
answer: two criteria met already put an area on the udsat list whatever a third says; otherwise
the list is reported as undecided, never guessed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from helhed.domain.arealists.distance import compare, criterion_distance
from helhed.domain.arealists.history import History
from helhed.domain.arealists.measures import MEASURES
from helhed.domain.arealists.rules import Criterion, ListKey, RuleSet, rules_for


@dataclass(frozen=True)
class AreaInput:
    """One area's criterion values for one list year, as published (percent, e.g. 41.2).

    Values are already averaged over the window the year's rule prescribes (two or four years);
    screening does no averaging. Any value may be None: the criterion is then undecided.
    """

    year: int
    area: str
    municipality: str
    residents: int | None
    pct_outside_labour_market: float | None
    conviction_rate_pct: float | None
    national_conviction_rate_pct: float | None
    pct_basic_education: float | None
    income_pct_of_region: float | None
    pct_nonwestern: float | None
    residents_18_64: int | None = None
    residents_18plus: int | None = None
    residents_30_59: int | None = None


INPUT_FIELDS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(AreaInput))
_EDITABLE_FIELDS = frozenset(INPUT_FIELDS) - {"year", "area", "municipality"}


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    value: float | None
    threshold: float | None
    met: bool | None
    distance_pp: float | None
    population: int | None
    population_estimated: bool
    persons: int | None
    text: str

    @property
    def id(self) -> str:
        return self.criterion.id


@dataclass(frozen=True)
class AreaResult:
    row: AreaInput
    rules: RuleSet
    criteria: tuple[CriterionResult, ...]
    lists: Mapping[ListKey, bool | None]  # every list of the year, in rule-set order
    # History part of each consecutive-year list, kept so that what-if needs no history.
    streaks: Mapping[ListKey, bool | None]

    @property
    def year(self) -> int:
        return self.row.year

    @property
    def area(self) -> str:
        return self.row.area

    @property
    def municipality(self) -> str:
        return self.row.municipality

    def criterion(self, criterion_id: str) -> CriterionResult:
        for result in self.criteria:
            if result.id == criterion_id:
                return result
        raise KeyError(criterion_id)

    @property
    def criteria_met(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria if c.met is True)

    @property
    def on_lists(self) -> tuple[ListKey, ...]:
        return tuple(key for key, status in self.lists.items() if status is True)

    @property
    def undecided_lists(self) -> tuple[ListKey, ...]:
        return tuple(key for key, status in self.lists.items() if status is None)

    @property
    def undecided(self) -> tuple[str, ...]:
        """Undecided criteria, plus `residents` when the number of residents is missing."""
        missing = tuple(c.id for c in self.criteria if c.met is None)
        return (*missing, "residents") if self.row.residents is None else missing

    @property
    def estimated(self) -> tuple[str, ...]:
        """Criteria whose persons figure rests on an estimated population."""
        return tuple(
            c.id for c in self.criteria if c.population_estimated and c.persons is not None
        )


def and3(parts: Iterable[bool | None]) -> bool | None:
    """Kleene AND: False if any part is False, else None if any is unknown, else True."""
    result: bool | None = True
    for part in parts:
        if part is False:
            return False
        if part is None:
            result = None
    return result


def at_least(needed: int, parts: Sequence[bool | None]) -> bool | None:
    """Are at least `needed` of `parts` true, given that the None parts could go either way?"""
    met = sum(1 for part in parts if part is True)
    unknown = sum(1 for part in parts if part is None)
    if met >= needed:
        return True
    if met + unknown < needed:
        return False
    return None


def evaluate_criterion(criterion: Criterion, row: AreaInput) -> CriterionResult:
    value: float | None = getattr(row, MEASURES[criterion.measure].field)
    threshold = criterion.threshold_for(row.national_conviction_rate_pct)
    met = (
        None
        if value is None or threshold is None
        else compare(value, threshold, criterion.comparison)
    )
    distance = criterion_distance(criterion, value, threshold, met, row)
    return CriterionResult(
        criterion=criterion,
        value=value,
        threshold=None if threshold is None else round(threshold, 6),
        met=met,
        distance_pp=distance.distance_pp,
        population=distance.population,
        population_estimated=distance.population_estimated,
        persons=distance.persons,
        text=distance.text,
    )


def _streaks(row: AreaInput, rules: RuleSet, history: History | None) -> dict[ListKey, bool | None]:
    streaks: dict[ListKey, bool | None] = {}
    for rule in rules.lists:
        if rule.consecutive_years > 1:
            earlier = range(row.year - rule.consecutive_years + 1, row.year)
            streaks[rule.key] = and3(
                history.on_any(row.area, year, rule.streak_lists) if history else None
                for year in earlier
            )
    return streaks


def _classify(row: AreaInput, rules: RuleSet, streaks: Mapping[ListKey, bool | None]) -> AreaResult:
    if row.year != rules.year:
        raise ValueError(f"row for {row.year} screened with the rules of {rules.year}")
    criteria = tuple(evaluate_criterion(criterion, row) for criterion in rules.criteria)
    met = {result.id: result.met for result in criteria}
    residents_ok = None if row.residents is None else row.residents >= rules.min_residents
    statuses: dict[ListKey, bool | None] = {}
    for rule in rules.lists:
        parts: list[bool | None] = [residents_ok]
        if rule.counted:
            parts.append(at_least(rule.min_met, [met[i] for i in rule.counted]))
        parts.extend(met[i] for i in rule.conditions)
        parts.extend(statuses[key] for key in rule.requires)
        parts.extend(_not3(statuses[key]) for key in rule.excludes)
        if rule.consecutive_years > 1:
            parts.append(streaks[rule.key])
        statuses[rule.key] = and3(parts)
    return AreaResult(
        row=row, rules=rules, criteria=criteria, lists=statuses, streaks=dict(streaks)
    )


def _not3(value: bool | None) -> bool | None:
    return None if value is None else not value


def screen_area(
    row: AreaInput, *, history: History | None = None, rules: RuleSet | None = None
) -> AreaResult:
    """Classify one area; `rules` defaults to the row's year (OCTOBER_2013 is the alternative)."""
    rules = rules or rules_for(row.year)
    return _classify(row, rules, _streaks(row, rules, history))


def screen(rows: Iterable[AreaInput], *, history: History | None = None) -> list[AreaResult]:
    """Classify many areas over one or more years, earliest year first.

    Each screened year joins a copy of the history, so a later year's consecutive-year rule sees
    it (official rows for the same year still win). The caller's history is left unchanged.
    """
    by_year: dict[int, list[AreaInput]] = {}
    seen: set[tuple[int, str]] = set()
    for row in rows:
        if (row.year, row.area) in seen:
            raise ValueError(f"area {row.area!r} appears twice in {row.year}")
        seen.add((row.year, row.area))
        by_year.setdefault(row.year, []).append(row)
    working = history.copy() if history is not None else History()
    results: list[AreaResult] = []
    for year in sorted(by_year):
        rules = rules_for(year)
        year_results = [screen_area(row, history=working, rules=rules) for row in by_year[year]]
        for result in year_results:
            working.add_screened(result.area, year, result.lists)
        results.extend(year_results)
    return results


def what_if(
    base: AreaInput | AreaResult,
    changes: Mapping[str, float | int | None],
    *,
    history: History | None = None,
) -> AreaResult:
    """Re-classify an area with some input values replaced (keys are input column names).

    Given an AreaResult, its rules and history outcome are reused, so no history is needed;
    given an AreaInput, `history` feeds the consecutive-year rules as in `screen_area`.
    """
    unknown = sorted(set(changes) - _EDITABLE_FIELDS)
    if unknown:
        raise ValueError(
            f"cannot change {', '.join(unknown)}; editable: {sorted(_EDITABLE_FIELDS)}"
        )
    if isinstance(base, AreaResult):
        row = dataclasses.replace(base.row, **changes)  # type: ignore[arg-type]
        return _classify(row, base.rules, base.streaks)
    row = dataclasses.replace(base, **changes)  # type: ignore[arg-type]
    return screen_area(row, history=history)
