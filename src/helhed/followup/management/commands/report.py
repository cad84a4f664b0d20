"""`helhed report status --plan ID --year Y --format html|pdf|docx --out FILE [--as-user NAME]`."""

from __future__ import annotations

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from helhed.followup.rendering import render
from helhed.followup.report_context import build_status_report
from helhed.followup.selectors import check_year, get_plan_for_user
from helhed.partnerships.models import Plan


class Command(BaseCommand):
    help = (
        "Statusrapporten for en helhedsplan og et år som HTML, PDF eller Word. "
        "--plan tager id'et fra `helhed plans list`."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        status = sub.add_parser("status", help="Dan statusrapporten for et år.")
        status.add_argument("--plan", type=int, required=True, help="Planens id.")
        status.add_argument("--year", type=int, required=True, help="Året, rapporten gælder.")
        status.add_argument("--format", choices=["html", "pdf", "docx"], required=True)
        status.add_argument("--out", required=True, help="Filen, rapporten skrives til.")
        status.add_argument(
            "--as-user",
            dest="as_user",
            help=(
                "Dan rapporten, som brugeren må se den (samme regler som web og API). "
                "Uden: som offentliggjort, med alle diskretionerede tal skjult."
            ),
        )

    def _plan(self, plan_id: int, username: str | None) -> tuple[Plan, object]:
        if not username:
            plan = Plan.objects.filter(pk=plan_id).first()
            if plan is None:
                raise CommandError(f"Planen {plan_id} findes ikke (se `helhed plans list`).")
            return plan, None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Brugeren {username!r} findes ikke.")
        try:
            return get_plan_for_user(user, plan_id), user
        except (Http404, PermissionDenied) as exc:
            raise CommandError(f"Planen {plan_id} findes ikke for {username}.") from exc

    def handle(self, *args, plan: int, year: int, format: str, out: str, **options):
        started = time.monotonic()
        plan_obj, reader = self._plan(plan, options.get("as_user"))
        try:
            check_year(plan_obj, year)
        except Http404 as exc:
            raise CommandError(
                f"{plan_obj.name} løber {plan_obj.start_date.year}–{plan_obj.end_date.year}, "
                f"ikke {year}."
            ) from exc
        report = build_status_report(plan_obj, year, reader)
        content = render(report, format)
        target = Path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.stdout.write(
            f"Skrev {target} ({len(content):,} byte, {format}) for {plan_obj.name} {year} "
            f"på {time.monotonic() - started:.1f} s: {len(report.indicators)} målindikatorer."
        )
