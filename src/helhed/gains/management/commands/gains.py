import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from helhed.domain.gains import ScenarioError, evaluate, evaluation_to_dict, load_input, write_xlsx


class Command(BaseCommand):
    help = "Gevinstberegning. `helhed gains calc --input scenario.json --format json|xlsx [--out FIL]`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        calc = sub.add_parser("calc", help="Beregn et scenarie (se docs/gains.md).")
        calc.add_argument("--input", required=True, help="Scenariet som JSON.")
        calc.add_argument("--format", choices=["json", "xlsx"], default="json")
        calc.add_argument(
            "--out", help="Outputfil (påkrævet for xlsx; JSON skrives ellers til skærmen)."
        )

    def handle(self, *args, action: str, **options):
        source = Path(options["input"])
        if not source.exists():
            raise CommandError(f"{source}: filen findes ikke.")
        try:
            scenario, assumptions, settings = load_input(source)
            evaluation = evaluate(scenario, assumptions, settings)
        except ScenarioError as exc:
            raise CommandError(f"Scenariet kan ikke beregnes:\n{exc}") from exc
        out = options.get("out")
        if options["format"] == "xlsx":
            if not out:
                raise CommandError("--out er påkrævet for --format xlsx.")
            write_xlsx(evaluation, out)
            self.stdout.write(f"Skrevet: {out}")
            return
        text = json.dumps(evaluation_to_dict(evaluation), ensure_ascii=False, indent=2)
        if out:
            Path(out).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"Skrevet: {out}")
        else:
            sys.stdout.write(text + "\n")
