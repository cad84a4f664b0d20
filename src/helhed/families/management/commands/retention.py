from datetime import date

from django.core.management.base import BaseCommand, CommandError

from helhed.families.retention import ENV_VAR, retention_months, retention_run


class Command(BaseCommand):
    help = (
        "Sletter lukkede familiesager, der blev lukket for mere end "
        f"{ENV_VAR} måneder siden (standard 24). Kør først med --dry-run."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument(
            "--dry-run", action="store_true", help="Vis hvad der ville blive slettet."
        )
        mode.add_argument("--apply", action="store_true", help="Slet (kan ikke fortrydes).")
        parser.add_argument("--months", type=int, help=f"Overskriv {ENV_VAR}.")
        parser.add_argument("--today", type=date.fromisoformat, help="Dato for kørslen (test).")

    def handle(self, *args, dry_run: bool, apply: bool, months, today, **options):
        if months is not None and months < 1:
            raise CommandError("--months skal være mindst 1.")
        months = months or retention_months()
        result = retention_run(apply=apply, today=today, months=months)
        cutoff = result.cutoff.strftime("%d.%m.%Y")
        self.stdout.write(
            f"Opbevaringsfrist: {result.months} måneder; sager lukket før {cutoff} er forfaldne."
        )
        for code in result.due:
            self.stdout.write(f"  {code}")
        if apply:
            self.stdout.write(
                self.style.SUCCESS(f"Slettet: {result.deleted} familier (revisionslog bevaret).")
            )
        else:
            self.stdout.write(f"Tørkørsel: {len(result.due)} familier ville blive slettet.")
