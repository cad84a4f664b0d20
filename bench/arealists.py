"""Micro-benchmark: screen a national file of 600 areas (issue 4: "well under a second").

Run: .venv/bin/python bench/arealists.py [--areas 600] [--year 2024] [--repeat 5]

Synthetic, deterministic values (no real data). Prints the best-of-N time to parse the input CSV,
to screen every area, to write the results as CSV, and to compute the path off the lists for
every listed area. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import time
from collections.abc import Callable

from helhed.domain.arealists import (
    AreaInput,
    History,
    HistoryEntry,
    parse_areas,
    path_off_lists,
    screen,
    write_csv,
)
from helhed.domain.arealists.io import AREA_COLUMNS


def synthetic_areas(count: int, year: int, seed: int = 4) -> list[AreaInput]:
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        residents = rng.randint(900, 6000)
        rows.append(
            AreaInput(
                year=year,
                area=f"Område {n:03d}",
                municipality=f"Kommune {n % 98:02d}",
                residents=residents,
                pct_outside_labour_market=round(rng.uniform(15, 55), 1),
                conviction_rate_pct=round(rng.uniform(0.3, 3.5), 2),
                national_conviction_rate_pct=0.725,
                pct_basic_education=round(rng.uniform(25, 75), 1),
                income_pct_of_region=round(rng.uniform(40, 95), 1),
                pct_nonwestern=round(rng.uniform(5, 80), 1),
            )
        )
    return rows


def as_danish_csv(rows: list[AreaInput]) -> bytes:
    """The input file as Danish Excel writes it: semicolons and decimal commas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(AREA_COLUMNS)
    for row in rows:
        values = (getattr(row, column) for column in AREA_COLUMNS)
        writer.writerow("" if v is None else str(v).replace(".", ",") for v in values)
    return out.getvalue().encode("utf-8")


def best_of(repeat: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--areas", type=int, default=600)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rows = synthetic_areas(args.areas, args.year)
    data = as_danish_csv(rows)
    # The four previous years are published lists; every other area was a parallelsamfund.
    history = History(
        HistoryEntry(row.area, year, "parallelsamfund" if n % 2 else "udsat")
        for n, row in enumerate(rows)
        for year in range(args.year - 4, args.year)
    )
    results = screen(rows, history=history)
    listed = [result for result in results if result.on_lists]

    parse_time = best_of(args.repeat, lambda: parse_areas(data, "areas.csv"))
    screen_time = best_of(args.repeat, lambda: screen(rows, history=history))
    write_time = best_of(args.repeat, lambda: write_csv(results, io.StringIO()))
    path_time = best_of(1, lambda: [path_off_lists(result) for result in listed])

    counts: dict[str, int] = {}
    for result in results:
        for key in result.on_lists:
            counts[key] = counts.get(key, 0) + 1
    print(f"{args.areas} areas, list year {args.year}, on lists: {counts}")
    print(f"parse input CSV ({len(data):,} bytes): {parse_time * 1000:8.1f} ms")
    print(f"screen all areas:                   {screen_time * 1000:8.1f} ms")
    print(f"write results CSV:                  {write_time * 1000:8.1f} ms")
    print(f"paths off the lists ({len(listed)} areas):   {path_time * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
