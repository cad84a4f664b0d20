import sys

from django.core.management.base import BaseCommand, CommandError

from helhed.domain.indicators.mapping import MappingError
from helhed.domain.indicators.validate import ExtractError
from helhed.indicators.access import compute_organisation
from helhed.indicators.management.commands._common import ProgressBar, user_or_error
from helhed.indicators.services import indicators_compute


class Command(BaseCommand):
    help = "Beregner alle registerindikatorer fra et udtræk og gemmer dem som et øjebliksbillede."

    def add_arguments(self, parser):
        parser.add_argument(
            "--extract", required=True, help="Mappe med persons og departments (Parquet/CSV)."
        )
        parser.add_argument("--mapping", help="YAML-fil, der oversætter kolonnenavne og koder.")
        parser.add_argument(
            "--as-user", dest="as_user", help="Brugeren, der beregner (koordinator/analytiker)."
        )

    def handle(self, *args, extract: str, mapping: str | None, as_user: str | None, **options):
        user = user_or_error(as_user)
        organisation = compute_organisation(user)
        if organisation is None:
            raise CommandError(
                "Kun kommunale koordinatorer og analytikere i en kommune kan beregne indikatorer."
            )
        bar = ProgressBar(sys.stderr)
        try:
            run = indicators_compute(
                actor=user,
                organisation=organisation,
                extract=extract,
                mapping=mapping,
                progress=bar,
            )
        except (ExtractError, MappingError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Beregning {run.pk}: {run.row_count} tal for årene {', '.join(map(str, run.years))}; "
                f"input sha256 {run.input_hash}"
            )
        )
