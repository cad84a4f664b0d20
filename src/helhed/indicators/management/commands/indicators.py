import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from helhed.domain.indicators.aggregates import AggregateFileError
from helhed.domain.indicators.docs import write_indicators_markdown
from helhed.indicators import access, selectors
from helhed.indicators.exports import export_rows, render
from helhed.indicators.management.commands._common import user_or_error
from helhed.indicators.services import aggregates_import


class Command(BaseCommand):
    help = (
        "Indikatorer: eksport, indlæsning af boligorganisationstal og undersøgelser, dokumentation."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        exp = sub.add_parser("export", help="Én række pr. (enhed, indikator, år).")
        exp.add_argument("--year", type=int, required=True)
        exp.add_argument(
            "--level",
            choices=["department", "area", "municipality", "region", "country"],
            default="area",
        )
        exp.add_argument("--format", choices=["csv", "json", "xlsx"], default="csv")
        exp.add_argument("--out", help="Fil (påkrævet for xlsx).")
        exp.add_argument(
            "--as-user",
            dest="as_user",
            help="Vis diskretionerede værdier som denne bruger må se dem.",
        )
        imp = sub.add_parser(
            "import-aggregates",
            help="Indlæs en CSV/XLSX med boligorganisationstal og/eller undersøgelsesresultater.",
        )
        imp.add_argument("file")
        imp.add_argument("--as-user", dest="as_user", required=True)
        imp.add_argument("--organisation", help="Organisationens navn, hvis brugeren har flere.")
        docs = sub.add_parser("docs", help="Skriv docs/indicators.md ud fra definitionerne.")
        docs.add_argument("--out", default="docs/indicators.md")

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action.replace('-', '_')}")(**options)

    def _export(
        self, *, year: int, level: str, format: str, out: str | None, as_user: str | None, **_
    ):
        user = user_or_error(as_user) if as_user else None
        figures = selectors.current_values(user, level=level, years=[year])
        body = render(export_rows(figures), format)
        if out:
            Path(out).write_bytes(body)
            self.stdout.write(f"Skrevet: {out} ({len(figures)} rækker)")
        elif format == "xlsx":
            raise CommandError("--out er påkrævet for --format xlsx.")
        else:
            sys.stdout.write(body.decode("utf-8"))

    def _import_aggregates(self, *, file: str, as_user: str, organisation: str | None, **_):
        user = user_or_error(as_user)
        orgs = access.import_organisations(user)
        if organisation:
            orgs = orgs.filter(name=organisation)
        org = orgs.order_by("name").first()
        if org is None:
            raise CommandError(
                "Brugeren må ikke indlæse boligorganisationstal og undersøgelser "
                "(for den organisation)."
            )
        if not Path(file).exists():
            raise CommandError(f"{file}: filen findes ikke.")
        try:
            run = aggregates_import(actor=user, organisation=org, path=file)
        except AggregateFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Indlæst {file}: {run.row_count} tal (kørsel {run.pk}).")
        )

    def _docs(self, *, out: str, **_):
        path = write_indicators_markdown(out)
        self.stdout.write(f"Skrevet: {path}")
