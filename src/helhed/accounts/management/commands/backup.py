from django.core.management.base import BaseCommand

from helhed.accounts.backup import backup_write


class Command(BaseCommand):
    help = "Skriver hele installationen til én fil (gzip JSON med manifest), uafhængigt af databasetypen."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Fil, fx helhed-2026-11-23.json.gz")

    def handle(self, *args, out: str, **options):
        manifest = backup_write(out)
        total = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup skrevet til {out}: {total} rækker, sha256 {manifest['sha256']}"
            )
        )
