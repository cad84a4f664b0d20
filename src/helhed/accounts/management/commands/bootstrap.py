import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from helhed.accounts.services import municipality_bootstrap


class Command(BaseCommand):
    help = (
        "Første opsætning: opretter kommunen, dens egen organisation og en første bruger, "
        "der er både administrator og kommunal koordinator."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="Kommunekode, tre cifre (fx 657).")
        parser.add_argument("--name", required=True, help="Kommunens navn (fx 'Herning Kommune').")
        parser.add_argument("--region-code", required=True, help="Regionskode 1081–1085.")
        parser.add_argument("--region-name", required=True)
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Læs adgangskoden fra standard input."
        )

    def handle(self, *args, **options):
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Adgangskode for den første bruger: ")
        try:
            org = municipality_bootstrap(
                code=options["code"],
                name=options["name"],
                region_code=options["region_code"],
                region_name=options["region_name"],
                username=options["username"],
                password=password,
                email=options["email"],
            )
        except ValidationError as exc:
            messages = (
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                if hasattr(exc, "error_dict")
                else " ".join(exc.messages)
            )
            raise CommandError(f"Intet er oprettet: {messages}") from exc
        self.stdout.write(self.style.SUCCESS(f"Oprettet {org} med brugeren {options['username']}."))
