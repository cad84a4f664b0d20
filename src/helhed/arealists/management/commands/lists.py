"""`helhed lists …`: screen areas, show the path off the lists, import data sets.

- `screen --year Y [--input areas.csv] [--history history.csv] --format csv|json|xlsx [--out F]`
  Without --input the current stored import of the year is screened (with the stored official
  lists, plus --history if given); with --input the file is screened without storing anything,
  with only the --history file as official history. Rows of earlier years in the input count as
  screened history for the five-year rules; the output holds the rows of year Y.
- `path --year Y --area NAME [--input …] [--history …]`: distances and the path off each list.
- `import --criteria FILE --year Y --as-user U` / `import --history FILE --as-user U`: store a
  data set with provenance, through the same service and permission check as the web page.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from helhed.arealists import selectors, services
from helhed.domain.arealists import (
    LIST_LABELS_DA,
    RULE_SETS,
    AreaListInputError,
    AreaResult,
    History,
    describe_path,
    path_off_lists,
    read_areas,
    read_history,
    screen,
    write_csv,
    write_json,
    write_xlsx,
)


def _year(raw: str) -> int:
    if not raw.isdigit() or int(raw) not in RULE_SETS:
        raise CommandError(f"--year: {raw} er ikke et listeår ({min(RULE_SETS)}-{max(RULE_SETS)}).")
    return int(raw)


def _input_error(error: AreaListInputError) -> CommandError:
    return CommandError("Filen kan ikke bruges (intet er gemt):\n" + str(error))


class Command(BaseCommand):
    help = "Områdelister: `lists screen`, `lists path` og `lists import` (se docs/area-lists.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        screen_p = sub.add_parser("screen", help="Screen alle områder for et listeår.")
        screen_p.add_argument("--year", required=True, help="Listeåret.")
        screen_p.add_argument("--input", help="Fil med kriterieværdier (CSV/XLSX); gemmes ikke.")
        screen_p.add_argument("--history", help="Fil med officielle lister (area, year, list).")
        screen_p.add_argument("--format", choices=["csv", "json", "xlsx"], default="csv")
        screen_p.add_argument("--out", help="Outputfil (påkrævet for xlsx).")
        path_p = sub.add_parser("path", help="Afstand til grænserne og vejen af listerne.")
        path_p.add_argument("--year", required=True, help="Listeåret.")
        path_p.add_argument("--area", required=True, help="Områdets navn.")
        path_p.add_argument("--input", help="Fil med kriterieværdier (CSV/XLSX); gemmes ikke.")
        path_p.add_argument("--history", help="Fil med officielle lister (area, year, list).")
        import_p = sub.add_parser("import", help="Gem et datasæt med proveniens.")
        source = import_p.add_mutually_exclusive_group(required=True)
        source.add_argument("--criteria", help="Fil med kriterieværdier for ét listeår.")
        source.add_argument("--history", help="Fil med officielle lister (area, year, list).")
        import_p.add_argument("--year", help="Listeåret (påkrævet med --criteria).")
        import_p.add_argument(
            "--as-user", dest="as_user", required=True, help="Brugeren, der importerer."
        )

        ind_p = sub.add_parser(
            "from-indicators",
            help="Gem kriterieværdier for et listeår ud fra de beregnede indikatorer.",
        )
        ind_p.add_argument("--year", required=True, help="Listeåret.")
        ind_p.add_argument(
            "--data-year", dest="data_year", type=int, help="Dataåret (standard: listeåret − 1)."
        )
        ind_p.add_argument("--as-user", dest="as_user", required=True)

    def handle(self, *args, action: str, **options) -> None:
        try:
            if action == "screen":
                self._screen(**options)
            elif action == "path":
                self._path(**options)
            elif action == "from-indicators":
                self._from_indicators(**options)
            else:
                self._import(**options)
        except AreaListInputError as error:
            raise _input_error(error) from error
        except Http404 as error:
            raise CommandError(str(error)) from error

    # ---- screen -------------------------------------------------------------------------------

    def _results(self, year: int, input_file: str | None, history_file: str | None):
        history_entries = read_history(history_file) if history_file else []
        if input_file:
            rows = [row for row in read_areas(input_file) if row.year <= year]
            results = screen(rows, history=History(history_entries))
            return [r for r in results if r.year == year], f"{Path(input_file).name}"
        history = selectors.official_history()
        for entry in history_entries:
            history.add_official(entry)
        screening = selectors.screen_year(year, history=history)
        return screening.results, f"den gemte import {screening.source.file_name}"

    def _screen(self, *, year: str, input: str | None, history: str | None, **options) -> None:
        list_year = _year(year)
        results, source = self._results(list_year, input, history)
        if not results:
            raise CommandError(f"{source} har ingen rækker for listeåret {list_year}.")
        out, fmt = options.get("out"), options["format"]
        if fmt == "xlsx":
            if not out:
                raise CommandError("--out er påkrævet for --format xlsx.")
            write_xlsx(results, out)
        else:
            buffer = io.StringIO()
            (write_json if fmt == "json" else write_csv)(results, buffer)
            if not out:
                self.stdout.write(buffer.getvalue(), ending="")
                return
            Path(out).write_text(buffer.getvalue(), encoding="utf-8")
        if out:
            self.stdout.write(f"Skrevet: {out} ({len(results)} områder, listeår {list_year})")

    # ---- path ---------------------------------------------------------------------------------

    def _area_result(self, year: int, area: str, input_file, history_file) -> AreaResult:
        if input_file:
            entries = read_history(history_file) if history_file else []
            rows = [r for r in read_areas(input_file) if r.year <= year]
            name = next((r.area for r in rows if r.area.casefold() == area.casefold()), None)
            found = screen([r for r in rows if r.area == name], history=History(entries))
            result = next((r for r in found if r.year == year), None)
            if result is None:
                raise CommandError(f'Området "{area}" findes ikke i {input_file} for {year}.')
            return result
        history = selectors.official_history()
        for entry in read_history(history_file) if history_file else []:
            history.add_official(entry)
        return selectors.area_screening(year, area, history=history).result

    def _path(self, *, year: str, area: str, input: str | None, history: str | None, **_) -> None:
        list_year = _year(year)
        result = self._area_result(list_year, area, input, history)
        lists = ", ".join(LIST_LABELS_DA[key] for key in result.on_lists) or "ingen liste"
        self.stdout.write(f"{result.area} ({result.municipality}), listeår {list_year}: {lists}")
        if result.undecided_lists:
            undecided = ", ".join(LIST_LABELS_DA[key] for key in result.undecided_lists)
            self.stdout.write(f"Kan ikke afgøres: {undecided}")
        self.stdout.write("")
        for c in result.criteria:
            self.stdout.write(f"- {c.id}: {c.text}")
        paths = path_off_lists(result)
        self.stdout.write("")
        if not paths:
            self.stdout.write(f"Området er ikke på nogen liste i {list_year}.")
        for path in paths:
            for line in describe_path(path):
                self.stdout.write(line)

    # ---- import -------------------------------------------------------------------------------

    def _from_indicators(self, *, year: str, data_year: int | None, as_user: str, **_) -> None:
        from helhed.arealists.from_indicators import (
            NoSnapshotError,
            criterion_import_from_indicators,
        )

        list_year = _year(year)
        user = get_user_model().objects.filter(username=as_user).first()
        if user is None:
            raise CommandError(f"Brugeren {as_user!r} findes ikke.")
        try:
            source = criterion_import_from_indicators(
                actor=user, list_year=list_year, data_year=data_year or list_year - 1
            )
        except NoSnapshotError as error:
            raise CommandError(str(error)) from error
        except PermissionDenied as error:
            raise CommandError(f"Brugeren {as_user!r} må ikke importere områdelister.") from error
        self.stdout.write(
            f"Gemt {source.row_count} områder for listeåret {list_year} ({source.file_name})."
        )

    def _import(self, *, criteria, history, year, as_user: str, **_) -> None:
        user = get_user_model().objects.filter(username=as_user).first()
        if user is None:
            raise CommandError(f"Brugeren {as_user!r} findes ikke.")
        file_name = criteria or history
        path = Path(file_name)
        if not path.is_file():
            raise CommandError(f"{file_name}: filen findes ikke.")
        try:
            if criteria:
                if not year:
                    raise CommandError("--year er påkrævet med --criteria.")
                source = services.criterion_import_create(
                    actor=user, year=_year(year), data=path.read_bytes(), file_name=path.name
                )
                linked = source.rows.exclude(area=None).count()
                self.stdout.write(
                    f"Importeret: {source.row_count} områder for listeåret {source.year} fra "
                    f"{source.file_name} (import {source.pk}, SHA-256 {source.sha256[:12]}…); "
                    f"{linked} knyttet til boligområder i partnerskabet."
                )
            else:
                official = services.official_list_import_create(
                    actor=user, data=path.read_bytes(), file_name=path.name
                )
                self.stdout.write(
                    f"Importeret: {official.row_count} listeplaceringer fra {official.file_name} "
                    f"(import {official.pk}, SHA-256 {official.sha256[:12]}…)."
                )
        except PermissionDenied as error:
            raise CommandError(
                f"Brugeren {as_user!r} må ikke importere områdelister (kræver rollen kommunal "
                "koordinator eller analytiker)."
            ) from error
