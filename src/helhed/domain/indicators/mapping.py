"""Mapping files (YAML): a municipality's or Statistics Denmark's names onto the extract schema.

    description: Herning Kommunes datavarehus           # optional, free text
    persons:
      file: befolkning.csv                             # optional; default persons.parquet/.csv
      columns:                                         # schema column: column in the file
        person_id: PNR_PSEUDO
        age: ALDER
      codes:                                           # schema column: {value in file: code}
        sex: {"1": M, "2": F}
        convicted: {"J": true, "N": false}
        language_support: {"9": null}                  # null = unknown (nullable columns only)
    departments:
      columns: {department_id: AFD_NR}

Columns not named keep their schema name; values not named in `codes` pass through unchanged
(and must then already be valid). Every problem names the mapping file and the key.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helhed.domain.indicators.schema import TABLES, ColumnType

_TOP_KEYS = {"description", *TABLES}
_TABLE_KEYS = {"file", "columns", "codes"}


class MappingError(ValueError):
    """A mapping file that cannot be used; `problems` lists every reason (Danish)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Mappingfilen kan ikke bruges:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class TableMapping:
    file: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # schema column → file column
    # schema column → {file value (as text): schema value as text, or None for unknown}
    codes: dict[str, dict[str, str | None]] = field(default_factory=dict)

    def source_column(self, column: str) -> str:
        return self.columns.get(column, column)


@dataclass(frozen=True)
class Mapping:
    path: str | None = None
    tables: dict[str, TableMapping] = field(default_factory=dict)

    def table(self, name: str) -> TableMapping:
        return self.tables.get(name, TableMapping())

    def key_for(self, table: str, column: str) -> str | None:
        """'persons.columns.age' when the column is renamed by this mapping, else None."""
        if column in self.table(table).columns:
            return f"{table}.columns.{column}"
        return None


IDENTITY = Mapping()


def _text(value: object) -> str:
    # YAML reads 1 as int and true as bool; files compare as text ('1', 'true').
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_mapping(data: object, source: str) -> Mapping:
    """Validate parsed YAML `data` (from `source`, used in messages) into a Mapping."""
    problems: list[str] = []
    if data is None:
        data = {}
    if not isinstance(data, MappingABC):
        raise MappingError([f"{source}: skal være en YAML-ordbog med nøglerne persons/departments"])
    tables: dict[str, TableMapping] = {}
    for key, value in data.items():
        if key not in _TOP_KEYS:
            problems.append(
                f"{source}: ukendt nøgle '{key}' (tilladt: {', '.join(sorted(_TOP_KEYS))})"
            )
            continue
        if key == "description":
            continue
        table_mapping = _parse_table(str(key), value, source, problems)
        if table_mapping is not None:
            tables[str(key)] = table_mapping
    if problems:
        raise MappingError(problems)
    return Mapping(path=source, tables=tables)


def _parse_table(
    table_name: str, value: object, source: str, problems: list[str]
) -> TableMapping | None:
    table = TABLES[table_name]
    if not isinstance(value, MappingABC):
        problems.append(f"{source}: nøglen '{table_name}' skal være en ordbog")
        return None
    for key in value:
        if key not in _TABLE_KEYS:
            problems.append(
                f"{source}: ukendt nøgle '{table_name}.{key}' "
                f"(tilladt: {', '.join(sorted(_TABLE_KEYS))})"
            )
    file = value.get("file")
    if file is not None and not (isinstance(file, str) and file.endswith((".parquet", ".csv"))):
        problems.append(
            f"{source}: '{table_name}.file' skal være et filnavn på .parquet eller .csv"
        )
        file = None
    columns: dict[str, str] = {}
    raw_columns = value.get("columns") or {}
    if not isinstance(raw_columns, MappingABC):
        problems.append(f"{source}: '{table_name}.columns' skal være en ordbog")
        raw_columns = {}
    known = ", ".join(table.column_names)
    for schema_column, file_column in raw_columns.items():
        where = f"{table_name}.columns.{schema_column}"
        if schema_column not in table.column_names:
            problems.append(
                f"{source}: nøglen '{where}' er ikke en kolonne i {table_name} (kendte: {known})"
            )
        elif not isinstance(file_column, str | int) or isinstance(file_column, bool):
            problems.append(f"{source}: nøglen '{where}' skal pege på et kolonnenavn (tekst)")
        else:
            columns[str(schema_column)] = str(file_column)
    codes: dict[str, dict[str, str | None]] = {}
    raw_codes = value.get("codes") or {}
    if not isinstance(raw_codes, MappingABC):
        problems.append(f"{source}: '{table_name}.codes' skal være en ordbog")
        raw_codes = {}
    for schema_column, code_map in raw_codes.items():
        where = f"{table_name}.codes.{schema_column}"
        if schema_column not in table.column_names:
            problems.append(
                f"{source}: nøglen '{where}' er ikke en kolonne i {table_name} (kendte: {known})"
            )
            continue
        column = table.column(str(schema_column))
        if column.type not in (ColumnType.CODE, ColumnType.BOOLEAN):
            problems.append(
                f"{source}: nøglen '{where}': kun kode- og sand/falsk-kolonner kan have koder"
            )
            continue
        if not isinstance(code_map, MappingABC) or not code_map:
            problems.append(f"{source}: nøglen '{where}' skal være en ikke-tom ordbog")
            continue
        parsed: dict[str, str | None] = {}
        for file_value, schema_value in code_map.items():
            item = f"{where}.{_text(file_value)}"
            if schema_value is None:
                if not column.nullable:
                    problems.append(
                        f"{source}: nøglen '{item}': {schema_column} må ikke være tom (null)"
                    )
                parsed[_text(file_value)] = None
                continue
            if column.type is ColumnType.BOOLEAN and not isinstance(schema_value, bool):
                problems.append(f"{source}: nøglen '{item}' skal være true eller false")
                continue
            target = _text(schema_value)
            if column.type is ColumnType.CODE and target not in column.codes:
                problems.append(
                    f"{source}: nøglen '{item}': '{target}' er ikke en tilladt kode for "
                    f"{schema_column} (tilladt: {', '.join(column.codes)})"
                )
                continue
            parsed[_text(file_value)] = target
        codes[str(schema_column)] = parsed
    return TableMapping(file=file, columns=columns, codes=codes)


def load_mapping(path: str | Path) -> Mapping:
    """Read and validate a mapping file; MappingError names the file and every bad key."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise MappingError([f"{source}: kan ikke læses ({error.strerror})"]) from error
    except UnicodeDecodeError as error:
        raise MappingError([f"{source}: er ikke gemt som UTF-8 ({error.reason})"]) from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise MappingError([f"{source}: er ikke gyldig YAML ({error})"]) from error
    except RecursionError as error:  # PyYAML composes nested lists and mappings recursively
        message = f"{source}: er ikke gyldig YAML (lister eller ordbøger er indlejret for dybt)"
        raise MappingError([message]) from error
    return parse_mapping(data, source)
