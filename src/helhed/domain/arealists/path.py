"""The path off each list: the cheapest sets of per-criterion changes that remove an area from it.

Only changes that existing residents can make are considered — more residents in work or
education, fewer convicted, more with an education beyond compulsory school, a higher income.
Origin and the number of residents are never offered as a path (the source material's point:
Ellekonebakken came off the list by helping its residents into work, not by moving them out).

For each list the area is on, every combination of "bring this met criterion just past its
threshold" is tried by re-classifying the area (so requires/excludes, counts and the
consecutive-year rules all apply exactly as in screening). Combinations that remove the area are
kept unless another one needs no more on every criterion; they are ranked by persons, and options
that need an income change (percentage points, not persons) come after the persons-only ones.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from helhed.domain.arealists.distance import ESTIMATE_NOTE, format_da, persons_phrase
from helhed.domain.arealists.measures import MEASURES, Measure
from helhed.domain.arealists.rules import LIST_LABELS_DA, ListKey
from helhed.domain.arealists.screening import AreaResult, CriterionResult, what_if


@dataclass(frozen=True)
class PathStep:
    criterion_id: str  # the criterion whose threshold the change crosses
    measure: Measure
    field: str  # input column changed
    from_value: float
    to_value: float
    change_pp: float  # size of the change in percentage points
    persons: int | None  # None for income: an average has no persons figure
    population_estimated: bool
    text: str


@dataclass(frozen=True)
class PathOption:
    steps: tuple[PathStep, ...]
    total_persons: int
    pp_without_persons: float  # percentage points on steps without a persons figure
    certain: bool  # False when the list becomes undecided rather than off (missing values)
    lists_after: tuple[ListKey, ...]
    undecided_after: tuple[ListKey, ...]

    @property
    def text(self) -> str:
        changes = " og ".join(step.text for step in self.steps)
        if self.lists_after:
            after = ", ".join(LIST_LABELS_DA[key] for key in self.lists_after)
            outcome = f"området er derefter på listen: {after}"
        else:
            outcome = "området er derefter ikke på nogen liste"
        if not self.certain:
            outcome += " (hvis de uafgjorte kriterier ikke er opfyldt)"
        return f"{changes}: {outcome}"


@dataclass(frozen=True)
class ListPath:
    list_key: ListKey
    options: tuple[PathOption, ...]  # cheapest first


def _step(result: CriterionResult) -> PathStep | None:
    """The smallest change that takes one met criterion off, or None if none is offered."""
    criterion = result.criterion
    info = MEASURES[criterion.measure]
    if result.met is not True or result.value is None or result.threshold is None:
        return None
    if criterion.measure == "income":
        to_value = result.threshold  # "mindre end": at the threshold the criterion is off
        pp = round(to_value - result.value, 6)
        text = (
            f"indkomsten op fra {format_da(result.value)} % til {format_da(to_value)} % af "
            f"regionens gennemsnit (+{format_da(pp)} procentpoint)"
        )
        return PathStep(
            criterion.id, "income", info.field, result.value, to_value, pp, None, False, text
        )
    if not info.actionable_in_persons or result.persons is None or not result.population:
        return None
    to_value = result.value - result.persons * 100 / result.population
    text = (
        f"{persons_phrase(criterion.measure, result.persons, True)} (andelen fra "
        f"{format_da(result.value)} % til {format_da(to_value)} %)"
    )
    if result.population_estimated:
        text += ESTIMATE_NOTE
    return PathStep(
        criterion.id,
        criterion.measure,
        info.field,
        result.value,
        round(to_value, 6),
        round(result.value - to_value, 6),
        result.persons,
        result.population_estimated,
        text,
    )


def _candidates(result: AreaResult) -> list[list[PathStep | None]]:
    """Per measure: no change, or one step per met criterion of that measure (smallest first)."""
    by_measure: dict[Measure, list[PathStep]] = {}
    for criterion_result in result.criteria:
        step = _step(criterion_result)
        if step is not None:
            by_measure.setdefault(step.measure, []).append(step)
    return [[None, *sorted(steps, key=lambda s: s.change_pp)] for steps in by_measure.values()]


def _dominates(a: PathOption, b: PathOption) -> bool:
    """`a` needs no more than `b` on every measure, is at least as certain, and differs."""
    if a is b or (b.certain and not a.certain):
        return False
    a_size = {step.measure: step.change_pp for step in a.steps}
    b_size = {step.measure: step.change_pp for step in b.steps}
    return all(size <= b_size.get(measure, -1.0) for measure, size in a_size.items())


def path_off_list(result: AreaResult, key: ListKey) -> ListPath:
    """Ranked options that take the area off list `key` (empty if it is not on it)."""
    if result.lists.get(key) is not True:
        return ListPath(key, ())
    found: list[PathOption] = []
    for combination in itertools.product(*_candidates(result)):
        steps = tuple(step for step in combination if step is not None)
        if not steps:
            continue
        after = what_if(result, {step.field: step.to_value for step in steps})
        status = after.lists[key]
        if status is True:
            continue
        found.append(
            PathOption(
                steps=steps,
                total_persons=sum(step.persons or 0 for step in steps),
                pp_without_persons=round(
                    sum(step.change_pp for step in steps if step.persons is None), 6
                ),
                certain=status is False,
                lists_after=after.on_lists,
                undecided_after=after.undecided_lists,
            )
        )
    kept = [option for option in found if not any(_dominates(o, option) for o in found)]
    kept.sort(
        key=lambda o: (
            not o.certain,
            o.pp_without_persons > 0,
            o.total_persons,
            o.pp_without_persons,
            len(o.steps),
        )
    )
    return ListPath(key, tuple(kept))


def path_off_lists(result: AreaResult) -> tuple[ListPath, ...]:
    """A path for every list the area is on, in the rule set's list order."""
    return tuple(path_off_list(result, key) for key in result.on_lists)


def describe_path(path: ListPath) -> list[str]:
    """Danish lines for the CLI and reports: one per option, cheapest first."""
    label = LIST_LABELS_DA[path.list_key]
    if not path.options:
        return [f"{label}: ingen ændring af kriterierne fjerner området fra listen"]
    return [f"{label}, mulighed {n}: {option.text}" for n, option in enumerate(path.options, 1)]
