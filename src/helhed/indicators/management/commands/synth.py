import sys

from django.core.management.base import BaseCommand, CommandError

from helhed.domain.indicators.synth import generate
from helhed.indicators.management.commands._common import ProgressBar


class Command(BaseCommand):
    help = (
        "Skriver et deterministisk syntetisk registerudtræk (persons.parquet, departments.parquet)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, required=True, help="Antal personer pr. år.")
        parser.add_argument("--years", required=True, help="Fortløbende år, fx 2022,2023.")
        parser.add_argument("--out", required=True, help="Mappe, der skrives til.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, persons: int, years: str, out: str, seed: int, **options):
        try:
            year_list = [int(y) for y in years.split(",") if y.strip()]
        except ValueError as exc:
            raise CommandError(
                f"--years skal være årstal adskilt af komma, ikke {years!r}"
            ) from exc
        bar = ProgressBar(sys.stderr)
        try:
            summary = generate(persons, year_list, out, seed=seed, progress=bar)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        self.stdout.write(self.style.SUCCESS(f"Skrevet til {out}: {summary}"))
