"""Calibration report for the synthetic extract: published figures vs what `helhed synth` makes.

    nice -n 19 .venv/bin/python scripts/synth_calibration.py            # 1,000,000 persons, seed 1
    nice -n 19 .venv/bin/python scripts/synth_calibration.py --seeds 1,2,3,4,5,6,7,8
    nice -n 19 .venv/bin/python scripts/synth_calibration.py --persons 5900000

Exit status 0 when every national figure and every figure of the "2+ crit." group with a
tolerance is within it (pooled over the seeds), else 1.

Generates an extract (years 2022, 2023) per seed in a temporary directory, runs the indicator
engine on it and screens every area of the last data year with the official rules of the next list year
(2023 data → the 2024 list). Two groups of areas are reported:

- "2+ crit.": areas meeting at least two of the four udsat criteria, whatever their size. This
  is the group the generator is calibrated on: it is large enough to measure at 1,000,000
  persons, and the KL figures are about vulnerable areas in general, not only those of 1,000+
  residents (which is a size test, not a fact about the residents).
- "udsat": the official udsat list (parallelsamfund included): 2+ criteria and at least 1,000
  residents. Synthetic areas have realistic sizes at every scale (about 135 residents per
  department), so only about 9 areas are this large at 1,000,000 persons (82 at 5,900,000),
  and the group's figures vary more from seed to seed; reported, not judged.

A group's figure pools its areas (over every seed): the sum of their numerators over the sum of
their denominators, as a share of all their residents would be. A national figure is the mean
over the seeds. With several seeds the range and SD of the per-seed figures are shown.

The published targets are the figures KL's catalogue states itself
(src/helhed/domain/gains/data/source_figures.csv, docs/gains.md) and, for conviction, the
national average implied by the 2022 forebyggelse threshold (../shared/data/area_list_rules.md §6).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from helhed.domain.arealists.rules import rules_for
from helhed.domain.arealists.screening import AreaInput, screen
from helhed.domain.indicators.engine import EngineResult, compute
from helhed.domain.indicators.synth import generate

KL = "KL: Gevinster ved boligsociale indsatser (2016)"


@dataclass(frozen=True)
class Target:
    label: str
    indicator: str
    scope: str  # "country", "2+ crit." or "udsat"
    published: float | None
    tolerance: float | None  # acceptable |synthetic - published|, in the indicator's unit
    source: str


TARGETS = (
    Target("18+ employed, %", "employment_18plus", "country", 73.0, 2.0, f"{KL}, p. 4"),
    Target("0-17 share of residents, %", "under_18_share", "country", 20.0, 2.0, f"{KL}, p. 6"),
    Target(
        "18+ convicted, % (2-year average)",
        "convicted_18plus",
        "country",
        0.725,
        0.1,
        "area_list_rules.md §6: 2022 forebyggelse threshold 1.45 % = 2 × national",
    ),
    Target(
        "public support per resident, kr",
        "public_support_cost_per_resident",
        "country",
        29_000,
        2_000,
        f"{KL}, p. 5 (2014)",
    ),
    Target("children, 3+ SFI risk factors, %", "sfi_risk_children", "country", None, None, "-"),
    Target("18+ employed, %", "employment_18plus", "2+ crit.", 46.0, 2.0, f"{KL}, p. 4"),
    Target("0-17 share of residents, %", "under_18_share", "2+ crit.", 27.0, 2.0, f"{KL}, p. 6"),
    Target(
        "children, 3+ SFI risk factors, %",
        "sfi_risk_children",
        "2+ crit.",
        37.0,
        2.0,
        f"{KL}, p. 6 (Center for Boligsocial Udvikling)",
    ),
    Target(
        "public support per resident, kr",
        "public_support_cost_per_resident",
        "2+ crit.",
        65_000,
        None,
        f"{KL}, p. 5 (2014)",
    ),
    Target("18+ employed, %", "employment_18plus", "udsat", 46.0, None, f"{KL}, p. 4"),
    Target("0-17 share of residents, %", "under_18_share", "udsat", 27.0, None, f"{KL}, p. 6"),
    Target(
        "children, 3+ SFI risk factors, %",
        "sfi_risk_children",
        "udsat",
        37.0,
        None,
        f"{KL}, p. 6 (Center for Boligsocial Udvikling)",
    ),
    Target(
        "public support per resident, kr",
        "public_support_cost_per_resident",
        "udsat",
        65_000,
        None,
        f"{KL}, p. 5 (2014)",
    ),
)


def _rows(result: EngineResult, year: int, level: str) -> Iterable[dict]:
    for row in result.table.to_pylist():
        if row["level"] == level and row["year"] == year:
            yield row


def screened_areas(result: EngineResult, year: int) -> dict[str, set[str]]:
    """Group → areas: all areas, those meeting 2+ udsat criteria (whatever their size), and
    those on the udsat list."""
    values: dict[str, dict[str, float | None]] = {}
    for row in _rows(result, year, "area"):
        values.setdefault(row["unit_id"], {})[row["indicator"]] = row["value"]
    [national] = [
        r["value"] for r in _rows(result, year, "country") if r["indicator"] == "convicted_18plus"
    ]
    inputs = [
        AreaInput(
            year=year + 1,
            area=area,
            municipality=area.split("-", 1)[0],
            residents=None if v.get("residents") is None else round(v["residents"]),
            pct_outside_labour_market=v.get("outside_labour_market_18_64"),
            conviction_rate_pct=v.get("convicted_18plus"),
            national_conviction_rate_pct=national,
            pct_basic_education=v.get("basic_education_30_59"),
            income_pct_of_region=v.get("gross_income_15_64_pct_of_region"),
            pct_nonwestern=v.get("nonwestern_share"),
        )
        for area, v in sorted(values.items())
    ]
    results = screen(inputs)
    rule = rules_for(year + 1).list_rule("udsat")
    return {
        "all": {r.area for r in results},
        "2+ crit.": {
            r.area for r in results if len(set(r.criteria_met) & set(rule.counted)) >= rule.min_met
        },
        "udsat": {r.area for r in results if r.lists.get("udsat")},
    }


def pooled_sums(result: EngineResult, year: int, areas: set[str]) -> dict[str, list[float]]:
    """Indicator → [sum of numerators, sum of denominators] over the areas."""
    sums: dict[str, list[float]] = {}
    for row in _rows(result, year, "area"):
        if row["unit_id"] in areas and row["numerator"] is not None and row["denominator"]:
            pair = sums.setdefault(row["indicator"], [0.0, 0.0])
            pair[0] += float(row["numerator"])
            pair[1] += float(row["denominator"])
    return sums


def _ratio(key: str, numerator: float, denominator: float) -> float:
    return (1.0 if key == "public_support_cost_per_resident" else 100.0) * numerator / denominator


@dataclass
class Measurement:
    """Figures over one or more extracts: the country's mean value, each group pooled."""

    country: dict[str, list[float]]
    sums: dict[tuple[str, str], list[float]]
    per_seed: list[dict[tuple[str, str], float]]
    some_meet_some_not: bool = True  # in every extract, some areas meet 2+ criteria, some fewer

    def value(self, scope: str, key: str) -> float | None:
        if scope == "country":
            values = self.country.get(key)
            return sum(values) / len(values) if values else None
        pair = self.sums.get((scope, key))
        return _ratio(key, *pair) if pair and pair[1] else None


def measure(results: list[EngineResult], year: int) -> tuple[Measurement, list[str]]:
    """The figures, and one line per extract about its areas."""
    m = Measurement(country={}, sums={}, per_seed=[])
    lines = []
    for result in results:
        groups = screened_areas(result, year)
        seed_values: dict[tuple[str, str], float] = {}
        for row in _rows(result, year, "country"):
            if row["value"] is not None:
                m.country.setdefault(row["indicator"], []).append(float(row["value"]))
                seed_values[("country", row["indicator"])] = float(row["value"])
        for scope in ("2+ crit.", "udsat"):
            for key, (n, d) in pooled_sums(result, year, groups[scope]).items():
                pair = m.sums.setdefault((scope, key), [0.0, 0.0])
                pair[0] += n
                pair[1] += d
                seed_values[(scope, key)] = _ratio(key, n, d)
        m.per_seed.append(seed_values)
        m.some_meet_some_not &= 0 < len(groups["2+ crit."]) < len(groups["all"])
        lines.append(
            f"{len(groups['all'])} areas; {len(groups['2+ crit.'])} meet 2+ criteria, "
            f"{len(groups['udsat'])} of them on the {year + 1} udsat list (1,000+ residents)"
        )
    return m, lines


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.2f}"


def _spread(values: list[float]) -> str:
    if len(values) < 2:
        return ""
    mean = sum(values) / len(values)
    sd = (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5
    sd_text = f"{sd:,.0f}" if abs(mean) >= 1000 else f"{sd:.2f}"
    return f"{_number(min(values))}-{_number(max(values))} (SD {sd_text})"


def report(results: list[EngineResult], seeds: list[int | None], year: int) -> bool:
    """Print the comparison; True when every figure with a tolerance is within it."""
    m, lines = measure(results, year)
    for seed, line in zip(seeds, lines, strict=True):
        print(f"data year {year}, {'given extract' if seed is None else f'seed {seed}'}: {line}")
    ok = m.some_meet_some_not
    several = len(results) > 1
    print(
        f"{'scope':<9} {'figure':<36} {'published':>9} {'synthetic':>9}      "
        + ("by seed  " if several else "")
        + "source"
    )
    for target in TARGETS:
        value = m.value(target.scope, target.indicator)
        mark = ""
        if target.tolerance is not None and target.published is not None:
            good = value is not None and abs(value - target.published) <= target.tolerance
            ok &= good
            mark = "ok" if good else "OFF"
        published = "" if target.published is None else _number(target.published)
        spread = ""
        if several:
            key = (target.scope, target.indicator)
            spread = _spread([s[key] for s in m.per_seed if key in s]) + "  "
        print(
            f"{target.scope:<9} {target.label:<36} {published:>9} {_number(value):>9} {mark:<4} "
            f"{spread}{target.source}"
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--seeds", default="1", help="e.g. 1,2,3: the groups pooled over them")
    parser.add_argument("--years", default="2022,2023")
    parser.add_argument("--extract", type=Path, help="use this extract instead of generating one")
    args = parser.parse_args(argv)
    years = [int(y) for y in args.years.split(",")]
    if args.extract is not None:
        return 0 if report([compute(args.extract)], [None], years[-1]) else 1
    seeds = [int(s) for s in args.seeds.split(",")]
    results = []
    for seed in seeds:
        with tempfile.TemporaryDirectory(prefix="synth-calibration-") as directory:
            started = time.perf_counter()
            generate(args.persons, years, directory, seed=seed)
            generated = time.perf_counter() - started
            results.append(compute(directory))
            print(
                f"seed {seed}: generated {args.persons:,} persons × {len(years)} years in "
                f"{generated:.1f} s, engine {time.perf_counter() - started - generated:.1f} s",
                flush=True,
            )
    return 0 if report(results, list(seeds), years[-1]) else 1


if __name__ == "__main__":
    sys.exit(main())
