from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from helhed.accounts.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Gendanner en backup i en ny, tom database (migrerer først). Alt eller intet."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = backup_restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Gendannet {total} rækker fra {file}."))
