import csv
import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from helhed.domain.spreadsheet import csv_cell
from helhed.partnerships.models import Plan


class Command(BaseCommand):
    help = "Helhedsplaner. `helhed plans list --format csv|json` skriver id, navn og kommune."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="List helhedsplaner.")
        listing.add_argument("--format", choices=["csv", "json"], default="csv")
        listing.add_argument(
            "--as-user",
            dest="as_user",
            help="Vis kun de planer, brugeren har adgang til (samme regler som web og API).",
        )

    def handle(self, *args, action: str, **options):
        qs = Plan.objects.select_related("municipality").order_by("pk")
        if options.get("as_user"):
            user = get_user_model().objects.filter(username=options["as_user"]).first()
            if user is None:
                raise CommandError(f"Brugeren {options['as_user']!r} findes ikke.")
            qs = Plan.objects.visible_to(user).select_related("municipality").order_by("pk")
        rows = [{"id": p.pk, "name": p.name, "municipality": p.municipality.name} for p in qs]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            writer = csv.DictWriter(
                self.stdout, fieldnames=["id", "name", "municipality"], lineterminator="\n"
            )
            writer.writeheader()
            writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
