"""Benchmark: the status report of a 3-area plan to PDF (issue 5: "under 5 seconds").

Run: .venv/bin/python bench/report.py [--persons 100000] [--year 2021] [--repeat 3]

Builds the demo partnership in a fresh SQLite database in a temporary folder (synthetic register
extract at real area size, the housing organisations' figures, 13 goal indicators on the plan's
three areas), then times, in this process:
- the first report: context + charts + PDF, with WeasyPrint's and matplotlib's start-up costs;
- the best of --repeat further reports (a warm server process);
- the same for Word.
Not a test: timings depend on the machine (and on what else runs on it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="helhed-bench-report-"))
    os.environ["HELHED_DATA_DIR"] = str(tmp)
    os.environ["HELHED_DEMO"] = "1"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helhed.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from helhed.followup.demo import load_demo_followup
    from helhed.indicators.demo import load_demo_indicators
    from helhed.partnerships.demo import load_demo

    started = time.perf_counter()
    load_demo()
    load_demo_indicators(persons=args.persons, directory=tmp / "extract")
    plan = load_demo_followup()
    assert plan is not None
    print(f"demo data ({args.persons:,} persons): {time.perf_counter() - started:.1f} s")

    from helhed.followup.rendering import render_docx, render_pdf
    from helhed.followup.report_context import build_status_report

    def once(render) -> tuple[float, int, int]:
        render_pdf.__globals__["_png"].cache_clear()  # draw the charts every time
        t = time.perf_counter()
        report = build_status_report(plan, args.year, None)
        content = render(report)
        return time.perf_counter() - t, len(content), len(report.indicators)

    first, size, indicators = once(render_pdf)
    print(f"plan {plan.name!r}, {args.year}: {indicators} goal indicators on 3 areas")
    print(f"PDF, first in process: {first:.2f} s ({size:,} bytes)")
    warm = min(once(render_pdf)[0] for _ in range(args.repeat))
    print(f"PDF, best of {args.repeat}: {warm:.2f} s")
    word = min(once(render_docx)[0] for _ in range(args.repeat))
    print(f"Word, best of {args.repeat}: {word:.2f} s")
    print("under 5 s:", "yes" if first < 5 else "NO", file=sys.stderr if first >= 5 else sys.stdout)


if __name__ == "__main__":
    main()
