"""Danish sentences about an indicator, generated from its values (pure).

    describe(TrendInput(...)) → ["Kriminaliteten blandt de 10–17-årige i boligområderne er faldet
    fra 2019 til 2020 og nærmer sig gennemsnittet for Herning Kommune.", ...]

The sentences come in a fixed order:
1. notes on the years: the report year has no figures yet, only one year exists, or years are
   missing in between (the change is then taken over the gap and says so);
2. the plan's areas together (or the only area): rise / fall / roughly unchanged from the earlier
   to the later year, and whether the distance to the municipal average shrinks, grows, stays
   the same or has closed;
3. with two or more areas: the movement in each area against the municipality ("er steget i alle
   tre boligområder, mens den er faldet i kommunen"; mixed movements name the areas);
4. the areas whose change cannot be told, because a figure is suppressed or missing;
5. a missing municipal comparison.
The earlier year is the latest year with figures before the later year; the later year is the
latest year with figures up to the report year. See series.py for the tolerance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from helhed.domain.indicators.definitions import Unit
from helhed.domain.reporting.phrases import (
    Subject,
    capitalise,
    join_names,
    join_years,
    number_word,
)
from helhed.domain.reporting.series import Movement, UnitSeries, movement, tolerance

SUPPRESSED = "diskretioneret (for få personer)"


@dataclass(frozen=True)
class TrendInput:
    subject: Subject
    unit: Unit
    year: int  # the report year: the latest year described
    areas: Sequence[UnitSeries]  # the plan's areas, in the order they are named
    combined: UnitSeries | None  # the areas together; None → the only area stands for them
    municipality: UnitSeries | None  # None: no comparison is meaningful (no note either)
    municipality_name: str  # e.g. "Herning Kommune"


def _participle(m: Movement, subject: Subject) -> str:
    return {
        Movement.RISE: "steget",
        Movement.FALL: "faldet",
        Movement.FLAT: f"stort set {subject.unchanged}",
    }[m]


def _all_series(t: TrendInput) -> list[UnitSeries]:
    return [s for s in (t.combined, *t.areas) if s is not None]


def choose_years(t: TrendInput) -> tuple[int | None, int | None]:
    """(earlier, later) year to compare; None where there is no such year."""
    series = _all_series(t)
    years = sorted({y for s in series for y in s.points if y <= t.year and s.present(y)})
    if not years:
        return None, None
    return (years[-2] if len(years) > 1 else None), years[-1]


def _year_notes(t: TrendInput, before: int | None, after: int | None) -> list[str]:
    if after is None:
        return [f"Der er endnu ingen tal for {t.subject.text} i {_label(t)}."]
    notes = []
    if after < t.year:
        notes.append(f"Der foreligger endnu ikke tal for {t.year}; de seneste tal er fra {after}.")
    if before is None:
        notes.append(f"Der er kun tal for {after}, så udviklingen kan endnu ikke opgøres.")
    elif after - before > 1:
        gap = list(range(before + 1, after))
        notes.append(
            f"Der mangler tal for {join_years(gap)}, "
            f"så udviklingen er opgjort fra {before} til {after}."
        )
    return notes


def _label(t: TrendInput) -> str:
    if len(t.areas) == 1:
        return t.areas[0].name
    return "boligområderne"


def _main_series(t: TrendInput) -> UnitSeries | None:
    if t.combined is not None:
        return t.combined
    return t.areas[0] if len(t.areas) == 1 else None


def _unavailable(series: UnitSeries, years: Sequence[int]) -> str | None:
    """Why the change of `series` over `years` cannot be told, or None if it can."""
    hidden = [y for y in years if series.hidden(y)]
    missing = [y for y in years if series.value(y) is None and not series.hidden(y)]
    parts = []
    if missing:
        parts.append(f"der er ingen tal for {join_years(missing)}")
    if hidden:
        noun = "tallene" if len(hidden) > 1 else "tallet"
        parts.append(f"{noun} for {join_years(hidden)} er {SUPPRESSED}")
    return ", og ".join(parts) or None


def _average_clause(t: TrendInput, series: UnitSeries, before: int, after: int) -> str:
    m = t.municipality
    if m is None or m.value(before) is None or m.value(after) is None:
        return "."
    b, a = series.value(before), series.value(after)
    assert b is not None and a is not None
    gap_before = abs(b - m.value(before))  # type: ignore[operator]
    gap_after = abs(a - m.value(after))  # type: ignore[operator]
    tol = tolerance(t.unit, m.value(after))
    average = f"gennemsnittet for {t.municipality_name}"
    if gap_after < tol:
        return f" og ligger nu på niveau med {average}."
    if gap_after < gap_before - tol:
        return f" og nærmer sig {average}."
    if gap_after > gap_before + tol:
        return f" og fjerner sig fra {average}."
    return f", og afstanden til {average} er stort set den samme."


def _main_sentence(t: TrendInput, before: int, after: int) -> str | None:
    series = _main_series(t)
    if series is None:
        return None
    label = _label(t)
    reason = _unavailable(series, (before, after))
    if reason is not None:
        together = f"{label} samlet" if len(t.areas) > 1 else label
        return f"Udviklingen for {together} kan ikke opgøres: {reason}."
    b, a = series.value(before), series.value(after)
    assert b is not None and a is not None
    verb = _participle(movement(b, a, t.unit), t.subject)
    return (
        f"{capitalise(t.subject.text)} i {label} er {verb} fra {before} til {after}"
        + _average_clause(t, series, before, after)
    )


def _municipal_movement(t: TrendInput, before: int, after: int) -> Movement | None:
    m = t.municipality
    if m is None:
        return None
    b, a = m.value(before), m.value(after)
    if b is None or a is None:
        return None
    return movement(b, a, t.unit)


def _area_sentences(t: TrendInput, before: int, after: int, with_years: bool) -> list[str]:
    if len(t.areas) < 2:
        return []
    moved: list[tuple[UnitSeries, Movement]] = []
    reasons: dict[str, list[str]] = {}
    for area in t.areas:
        reason = _unavailable(area, (before, after))
        if reason is None:
            b, a = area.value(before), area.value(after)
            assert b is not None and a is not None
            moved.append((area, movement(b, a, t.unit)))
        else:
            reasons.setdefault(reason, []).append(area.name)
    sentences = []
    if moved:
        sentences.extend(_movement_sentences(t, moved, before, after, with_years))
    for reason, names in reasons.items():
        sentences.append(f"For {join_names(names)} kan udviklingen ikke opgøres: {reason}.")
    return sentences


def _movement_sentences(
    t: TrendInput,
    moved: list[tuple[UnitSeries, Movement]],
    before: int,
    after: int,
    with_years: bool,
) -> list[str]:
    groups: dict[Movement, list[str]] = {}
    for m in (Movement.RISE, Movement.FALL, Movement.FLAT):
        names = [area.name for area, mv in moved if mv is m]
        if names:
            groups[m] = names
    municipal = _municipal_movement(t, before, after)
    pronoun = t.subject.pronoun
    tail = ""
    if len(groups) == 1:
        ((only, names),) = groups.items()
        if len(moved) == len(t.areas):
            where = (
                "begge boligområder"
                if len(moved) == 2
                else f"alle {number_word(len(moved))} boligområder"
            )
        else:
            where = join_names(names)
        core = f"{_participle(only, t.subject)} i {where}"
        if municipal is only:
            core += " og i kommunen"
        elif municipal is not None:
            core += f", mens {pronoun} er {_participle(municipal, t.subject)} i kommunen"
    else:
        parts = [f"{_participle(m, t.subject)} i {join_names(n)}" for m, n in groups.items()]
        core = f"{parts[0]}, men {parts[1]}" if len(parts) == 2 else join_names(parts)
        if municipal is not None:
            tail = f"I kommunen er {pronoun} {_participle(municipal, t.subject)}."
    if with_years:
        first = f"Fra {before} til {after} er {t.subject.text} {core}."
    else:
        first = f"{capitalise(t.subject.text)} er {core}."
    return [first, tail] if tail else [first]


def describe(t: TrendInput) -> list[str]:
    """The generated sentences about one indicator, in the order described above."""
    before, after = choose_years(t)
    sentences = _year_notes(t, before, after)
    if before is None or after is None:
        return sentences
    main = _main_sentence(t, before, after)
    if main is not None:
        sentences.append(main)
    told_years = main is not None and not main.startswith("Udviklingen for")
    sentences.extend(_area_sentences(t, before, after, with_years=not told_years))
    m = t.municipality
    if m is not None and (m.value(before) is None or m.value(after) is None):
        sentences.append(
            f"Der er ikke tal for {t.municipality_name} for både {before} og {after} "
            "at sammenligne med."
        )
    return sentences


def paragraph(t: TrendInput) -> str:
    return " ".join(describe(t))
