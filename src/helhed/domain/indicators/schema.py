"""The person-level extract schema (registerudtræk): two tables, their columns, types and codes.

`persons` has one row per person per data year; `departments` says which housing department
(afdeling) belongs to which housing area (boligområde) in which years. More columns than these
are allowed and ignored. docs/extract-format.md describes the same schema for people; the tests
keep the two in step by generating the column list from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from helhed.domain.indicators.geography import MUNICIPALITY_BY_CODE, REGION_BY_CODE


class ColumnType(StrEnum):
    INTEGER = "integer"
    IDENTIFIER = "identifier"  # pseudonymous id: whole number or text, as the source has it
    TEXT = "text"
    CODE = "code"  # text restricted to `Column.codes`
    BOOLEAN = "boolean"
    MONEY = "money"  # kroner, up to two decimals
    DECIMAL = "decimal"  # e.g. exam marks, up to two decimals


# The SQL type every logical type is stored as once validated. DECIMAL rather than DOUBLE so that
# sums are exact and identical on DuckDB and PostgreSQL (the compiled SQL must agree on both).
SQL_TYPES: dict[ColumnType, str] = {
    ColumnType.INTEGER: "INTEGER",
    ColumnType.IDENTIFIER: "VARCHAR",  # see `create_table_sql(identifier_type=...)`
    ColumnType.TEXT: "VARCHAR",
    ColumnType.CODE: "VARCHAR",
    ColumnType.BOOLEAN: "BOOLEAN",
    ColumnType.MONEY: "DECIMAL(18,2)",
    ColumnType.DECIMAL: "DECIMAL(18,2)",
}

TYPE_NAMES_DA: dict[ColumnType, str] = {
    ColumnType.INTEGER: "heltal",
    ColumnType.IDENTIFIER: "id (heltal eller tekst)",
    ColumnType.TEXT: "tekst",
    ColumnType.CODE: "kode",
    ColumnType.BOOLEAN: "sand/falsk",
    ColumnType.MONEY: "kroner (tal)",
    ColumnType.DECIMAL: "tal",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str  # Danish, shown in docs and error messages
    nullable: bool = False
    codes: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    # SQL condition over the row: a value may only be present when it holds ("null unless …").
    present_only_when: str | None = None
    present_only_when_da: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


SEX_CODES = ("F", "M")
ORIGIN_CODES = (
    "danish",
    "western_immigrant",
    "western_descendant",
    "nonwestern_immigrant",
    "nonwestern_descendant",
)
LABOUR_STATUS_CODES = ("employed", "in_education", "unemployed", "outside")
EDUCATION_CODES = (
    "basic",
    "upper_secondary",
    "vocational",
    "short_higher",
    "medium_higher",
    "long_higher",
    "unknown",
)
MUNICIPALITY_CODES = tuple(sorted(MUNICIPALITY_BY_CODE))
REGION_CODES = tuple(sorted(REGION_BY_CODE))

_C = ColumnType

PERSONS = Table(
    name="persons",
    key=("year", "person_id"),
    columns=(
        Column("year", _C.INTEGER, "Dataår", minimum=1990, maximum=2100),
        Column("person_id", _C.IDENTIFIER, "Pseudonymt person-id, stabilt på tværs af år"),
        Column("municipality_code", _C.CODE, "Bopælskommune (3 cifre)", codes=MUNICIPALITY_CODES),
        Column("region_code", _C.CODE, "Bopælsregion (1081-1085)", codes=REGION_CODES),
        Column(
            "department_id",
            _C.TEXT,
            "Boligafdeling; tom uden for almene boliger",
            nullable=True,
        ),
        Column("age", _C.INTEGER, "Alder ved årets udgang", minimum=0, maximum=125),
        Column("sex", _C.CODE, "Køn: F (kvinde) eller M (mand)", codes=SEX_CODES),
        Column("origin", _C.CODE, "Herkomst", codes=ORIGIN_CODES),
        Column(
            "labour_status", _C.CODE, "Tilknytning til arbejdsmarkedet", codes=LABOUR_STATUS_CODES
        ),
        Column(
            "education",
            _C.CODE,
            "Højest fuldførte uddannelse (unknown = uoplyst)",
            codes=EDUCATION_CODES,
        ),
        Column("in_education", _C.BOOLEAN, "Under uddannelse"),
        Column("gross_income", _C.MONEY, "Bruttoindkomst i kr. (kan være negativ)"),
        Column("taxable", _C.BOOLEAN, "Fuldt skattepligtig"),
        Column(
            "convicted",
            _C.BOOLEAN,
            "Dømt efter straffeloven, våbenloven eller lov om euf. stoffer i året",
        ),
        Column("charged", _C.BOOLEAN, "Sigtet i året (bruges for 10-17-årige)"),
        Column("education_benefit", _C.BOOLEAN, "Modtager uddannelseshjælp"),
        Column("cash_benefit_or_pension", _C.BOOLEAN, "Modtager kontanthjælp eller pension"),
        Column("public_support_cost", _C.MONEY, "Offentlige forsørgelsesudgifter i kr.", minimum=0),
        Column("moved_out", _C.BOOLEAN, "Fraflyttet sin bolig i året"),
        Column("child_case", _C.BOOLEAN, "Sag efter serviceloven (børnesag)"),
        Column(
            "grade_danish_9",
            _C.DECIMAL,
            "Gennemsnitlig eksamenskarakter i dansk, 9. klasse",
            nullable=True,
            minimum=-3,
            maximum=12,
        ),
        Column(
            "grade_math_9",
            _C.DECIMAL,
            "Gennemsnitlig eksamenskarakter i matematik, 9. klasse",
            nullable=True,
            minimum=-3,
            maximum=12,
        ),
        Column(
            "completed_youth_education",
            _C.BOOLEAN,
            "Har fuldført en ungdomsuddannelse (kun udfyldt for 25-årige)",
            nullable=True,
            present_only_when="age = 25",
            present_only_when_da="alder 25",
        ),
        Column(
            "language_support",
            _C.BOOLEAN,
            "Behov for sproglig indsats i dagtilbud (kun udfyldt for 3-5-årige)",
            nullable=True,
            present_only_when="age BETWEEN 3 AND 5",
            present_only_when_da="alder 3-5",
        ),
        Column("mother_id", _C.IDENTIFIER, "Moderens person-id; tom hvis ukendt", nullable=True),
        Column("nuclear_family", _C.BOOLEAN, "Bor i kernefamilie"),
    ),
)

DEPARTMENTS = Table(
    name="departments",
    key=("department_id", "valid_from"),
    columns=(
        Column("department_id", _C.TEXT, "Boligafdeling, fx 601-11"),
        Column("housing_organisation", _C.TEXT, "Boligorganisation"),
        Column(
            "area_id", _C.TEXT, "Boligområde; tom hvis afdelingen ikke hører til et", nullable=True
        ),
        Column("area_name", _C.TEXT, "Boligområdets navn", nullable=True),
        Column("municipality_code", _C.CODE, "Kommune", codes=MUNICIPALITY_CODES),
        Column("valid_from", _C.INTEGER, "Første dataår i området", minimum=1900, maximum=2100),
        Column(
            "valid_to",
            _C.INTEGER,
            "Sidste dataår i området (inklusive); tom = stadig gældende",
            nullable=True,
            minimum=1900,
            maximum=2100,
        ),
    ),
)

# Optional extra column of `departments`: used as the department's display name when present.
DEPARTMENT_NAME_COLUMN = "department_name"

TABLES: dict[str, Table] = {PERSONS.name: PERSONS, DEPARTMENTS.name: DEPARTMENTS}


def create_table_sql(
    table: Table, name: str | None = None, *, identifier_type: str = "BIGINT"
) -> str:
    """Portable `CREATE TABLE` for `table` (DuckDB and PostgreSQL), e.g. for an equivalence test.

    Identifiers are whole numbers in most extracts; pass `identifier_type="VARCHAR"` for text ids.
    """
    lines = []
    for column in table.columns:
        sql_type = (
            identifier_type if column.type is ColumnType.IDENTIFIER else SQL_TYPES[column.type]
        )
        null = "" if column.nullable else " NOT NULL"
        lines.append(f"    {column.name} {sql_type}{null}")
    if table is DEPARTMENTS:
        lines.append(f"    {DEPARTMENT_NAME_COLUMN} VARCHAR")
    body = ",\n".join(lines)
    return f"CREATE TABLE {name or table.name} (\n{body}\n)"
