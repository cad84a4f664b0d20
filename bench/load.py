"""Bounded loopback load test: gunicorn (several workers) on PostgreSQL, 20 concurrent users.

    .venv/bin/python bench/load.py [--users 20] [--seconds 60] [--workers 4] [--think 1,3]
        [--database postgres://postgres@127.0.0.1:5432/helhed_load]

Creates (or recreates) the load database, loads the demo, starts gunicorn on 127.0.0.1, logs in
20 demo users' sessions and requests the plan dashboard, the list pages, an area's indicators and
the follow-up pages in a loop until the time is up. Only loopback is ever targeted.

A user reads each page before the next click: after every response it waits a think time drawn
uniformly from --think (seconds; like locust's `wait_time = between(1, 3)`), seeded per user so
runs are comparable. `--think 0` drops the reading time: every user fires its next request the
moment the last one returns — that measures the capacity of the machine (requests/s at
saturation), not what 20 people at their screens see.

Prints requests, errors and p50/p95/p99 per page, each also as a ratio to the login page as an
anonymous visitor sees it (the baseline: no database work, measured in the same run), and ends
with one JSON line.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def _recreate_database(url: str) -> None:
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}"')
        con.execute(f'CREATE DATABASE "{name}"')


class Session:
    def __init__(self, base: str, username: str, password: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self.opener.open(f"{base}/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        )
        request = urllib.request.Request(
            f"{base}/login/", data=data.encode(), headers={"Referer": f"{base}/login/"}
        )
        self.opener.open(request).read()

    def get(self, path: str, opener=None) -> tuple[int, float]:
        start = time.perf_counter()
        try:
            with (opener or self.opener).open(f"{self.base}{path}", timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = 0
        return status, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--think", default="1,3", help="think time between clicks: MIN,MAX seconds, or 0"
    )
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/helhed_load")
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split(",")) if args.think != "0" else (0.0, 0.0)
    if len(think) == 1:
        think = (think[0], think[0])

    env = {
        **os.environ,
        "DATABASE_URL": args.database,
        "HELHED_DEMO": "1",
        "HELHED_SECRET_KEY": secrets.token_urlsafe(50),
        "HELHED_BACKGROUND_TASKS": "0",
        "DJANGO_SETTINGS_MODULE": "helhed.settings",
        "HELHED_DATA_DIR": str(ROOT / "var" / "load"),
    }
    env.pop("HELHED_DEBUG", None)
    Path(env["HELHED_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    print("==> preparing the load database and the demo", flush=True)
    _recreate_database(args.database)
    subprocess.run(
        [str(BIN / "helhed"), "demo", "--no-serve"],
        env=env,
        check=True,
        cwd=env["HELHED_DATA_DIR"],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://{HOST}:{args.port}"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "helhed.wsgi:application",
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            str(args.workers),
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=env["HELHED_DATA_DIR"],
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/login/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        probe = Session(base, "kommune", "helhed-demo")
        plan_ids = re.findall(
            r'href="/planer/(\d+)/"', probe.opener.open(f"{base}/planer/").read().decode()
        )
        area_ids = re.findall(
            r'href="/indikatorer/omraader/(\d+)/"',
            probe.opener.open(f"{base}/indikatorer/").read().decode(),
        )
        pages = {
            "login (baseline)": "/login/",  # requested without the session: see user_loop
            "plan list": "/planer/",
            "plan dashboard": f"/planer/{plan_ids[0]}/",
            "areas list": "/omraader/",
            "area indicators": f"/indikatorer/omraader/{area_ids[0]}/",
            "area lists": "/lister/",
            "follow-up": "/opfoelgning/",
        }
        users = ["kommune", "boligsocial", "bestyrelse", "analytiker"]
        sessions = [Session(base, users[i % len(users)], "helhed-demo") for i in range(args.users)]
        timings: dict[str, list[float]] = {name: [] for name in pages}
        errors: dict[str, int] = {name: 0 for name in pages}
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds

        anonymous = urllib.request.build_opener()

        def user_loop(number: int, session: Session) -> None:
            names = list(pages)
            rng = random.Random(number)
            i = number  # users start at different pages
            while time.monotonic() < deadline:
                name = names[i % len(names)]
                if name == "login (baseline)":
                    status, seconds = session.get(pages[name], opener=anonymous)
                else:
                    status, seconds = session.get(pages[name])
                with lock:
                    timings[name].append(seconds)
                    if status != 200:
                        errors[name] += 1
                i += 1
                if think[1] > 0:
                    time.sleep(rng.uniform(*think))

        reading = f"think time {think[0]:g}-{think[1]:g} s" if think[1] else "no think time"
        print(
            f"==> {args.users} users ({reading}) for {args.seconds:.0f} s against gunicorn "
            f"({args.workers} workers)",
            flush=True,
        )
        threads = [threading.Thread(target=user_loop, args=(n, s)) for n, s in enumerate(sessions)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=30)

    baseline = statistics.median(timings["login (baseline)"])
    summary = {}
    print(
        f"{'page':<20} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p50/base':>9}"
    )
    for name, values in timings.items():
        p50, p95, p99 = (_percentile(values, p) * 1000 for p in (50, 95, 99))
        summary[name] = {
            "requests": len(values),
            "errors": errors[name],
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "p99_ms": round(p99, 1),
            "p50_ratio_to_baseline": round(p50 / (baseline * 1000), 2),
        }
        print(
            f"{name:<20} {len(values):>8} {errors[name]:>6} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} "
            f"{summary[name]['p50_ratio_to_baseline']:>9}"
        )
    all_values = [v for values in timings.values() for v in values]
    total = {
        "users": args.users,
        "seconds": args.seconds,
        "workers": args.workers,
        "think_s": list(think),
        "requests": len(all_values),
        "requests_per_s": round(len(all_values) / args.seconds, 1),
        "errors": sum(errors.values()),
        "p50_ms": round(_percentile(all_values, 50) * 1000, 1),
        "p95_ms": round(_percentile(all_values, 95) * 1000, 1),
        "p99_ms": round(_percentile(all_values, 99) * 1000, 1),
        "pages": summary,
    }
    print(json.dumps(total, ensure_ascii=False))


if __name__ == "__main__":
    main()
