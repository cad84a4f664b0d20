from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from helhed.arealists.demo import load_demo_lists
from helhed.families.demo import load_demo_families
from helhed.followup.demo import load_demo_followup
from helhed.gains.demo import load_demo_gains
from helhed.indicators.demo import load_demo_indicators
from helhed.partnerships.demo import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Migrerer databasen, indlæser demo-partnerskabet (syntetiske tal) og starter serveren."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="Gør alt andet end at starte serveren."
        )
        parser.add_argument(
            "--addr", default="127.0.0.1:8000", help="Adresse og port (standard 127.0.0.1:8000)."
        )
        parser.add_argument(
            "--persons",
            type=int,
            default=100_000,
            help="Personer pr. år i det syntetiske registerudtræk.",
        )

    def handle(self, *args, no_serve: bool, addr: str, persons: int, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demoen kræver demotilstand (HELHED_DEMO=1); demobrugere findes kun i demotilstand."
            )
        call_command("migrate", interactive=False, verbosity=0)
        result = load_demo()
        for name in result["plans_created"]:
            self.stdout.write(f"Oprettet helhedsplan: {name}")
        for line in load_demo_families().lines():
            self.stdout.write(line)
        load_demo_lists()
        gains = load_demo_gains()
        if gains["calculations_created"]:
            self.stdout.write(f"Oprettet {len(gains['calculations_created'])} gevinstberegninger.")
        run = load_demo_indicators(persons=persons)
        if run is not None:
            self.stdout.write(
                f"Beregnet {run.row_count} indikatortal for {', '.join(map(str, run.years))}."
            )
        load_demo_followup()
        self.stdout.write(
            self.style.SUCCESS("Demo-partnerskabet er klar (alle tal er syntetiske).")
        )
        self.stdout.write(f"\nÅbn http://{addr}/ og log ind med et af disse brugernavne:")
        for username, (org, role, _name) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<12} {role.label} i {org}")
        self.stdout.write(f"Adgangskode for alle demobrugere: {DEMO_PASSWORD}\n")
        if not no_serve:
            call_command("runserver", addr, use_reloader=False)
