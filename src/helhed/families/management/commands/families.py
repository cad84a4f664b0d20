import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from helhed.families import exports, oversight
from helhed.families.models import AuditEntry, Member


class Command(BaseCommand):
    help = (
        "Familiedata for databeskyttelsesrådgiveren. "
        "`helhed families audit-export --from 2025-01-01 --to 2025-12-31 --out log.xlsx` · "
        "`helhed families subject-export --cpr 010101-XXXX --reason … --out indsigt.json`."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        log = sub.add_parser("audit-export", help="Revisionsloggen som CSV eller XLSX.")
        log.add_argument("--from", dest="start", type=date.fromisoformat, help="Fra dato (incl.).")
        log.add_argument("--to", dest="end", type=date.fromisoformat, help="Til dato (incl.).")
        log.add_argument("--out", required=True, help="Fil; .csv eller .xlsx bestemmer formatet.")
        subject = sub.add_parser("subject-export", help="Alt om én person som JSON (indsigt).")
        who = subject.add_mutually_exclusive_group(required=True)
        who.add_argument("--member", type=int, help="Familiemedlemmets id.")
        who.add_argument("--cpr", help="CPR-nummer; alle medlemmer med nummeret eksporteres.")
        subject.add_argument("--reason", required=True, help="Begrundelse (revisionsloggen).")
        subject.add_argument("--out", required=True, help="JSON-fil.")

    def handle(self, *args, action: str, **options):
        if action == "audit-export":
            self._audit(options["start"], options["end"], Path(options["out"]))
        else:
            self._subject(options, Path(options["out"]))

    def _audit(self, start, end, out: Path) -> None:
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in {"csv", "xlsx"}:
            raise CommandError("--out skal ende på .csv eller .xlsx.")
        entries = oversight.audit_entries(AuditEntry.objects.all(), start=start, end=end)
        count = entries.count()
        body = exports.audit_file(
            actor=None,
            entries=entries,
            fmt=fmt,
            detail={
                "start": start and start.isoformat(),
                "end": end and end.isoformat(),
                "via": "cli",
            },
        )
        out.write_bytes(body)
        self.stdout.write(f"Skrevet {count} poster til {out}.")

    def _subject(self, options, out: Path) -> None:
        members = Member.objects.select_related("family__department")
        if options["member"] is not None:
            members = members.filter(pk=options["member"])
        else:
            members = members.filter(cpr=options["cpr"].strip())
        found = list(members.order_by("family__code", "number"))
        if not found:
            raise CommandError("Ingen familiemedlem fundet.")
        reason = f"CLI: {options['reason']}"
        data = [exports.subject_export(actor=None, member=m, reason=reason) for m in found]
        out.write_text(
            json.dumps(data if len(data) > 1 else data[0], ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        self.stdout.write(f"Skrevet indsigt for {len(found)} familiemedlem(mer) til {out}.")
