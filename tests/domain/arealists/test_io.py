"""Strict input: Danish messages naming file, row and column; all problems at once; no rows."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from helhed.domain.arealists import (
    AreaInput,
    AreaListInputError,
    HistoryEntry,
    parse_areas,
    parse_history,
    read_areas,
    read_history,
)

HEADER = (
    "year;area;municipality;residents;pct_outside_labour_market;conviction_rate_pct;"
    "national_conviction_rate_pct;pct_basic_education;income_pct_of_region;pct_nonwestern"
)


def csv_bytes(*lines: str, header: str = HEADER, bom: bool = False) -> bytes:
    text = "\n".join((header, *lines)) + "\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def problems(data: bytes, filename: str = "areas.csv") -> list[str]:
    with pytest.raises(AreaListInputError) as caught:
        parse_areas(data, filename)
    return [str(problem) for problem in caught.value.problems]


def test_semicolons_decimal_comma_and_bom() -> None:
    data = csv_bytes("2021;Ålykke;Aarhus;1.250;41,2;2,07;0,725;63,5 %;50,4;55", bom=True)
    assert parse_areas(data, "areas.csv") == [
        AreaInput(2021, "Ålykke", "Aarhus", 1250, 41.2, 2.07, 0.725, 63.5, 50.4, 55.0)
    ]


def test_commas_and_decimal_points_with_population_columns_and_empty_cells() -> None:
    header = HEADER.replace(";", ",") + ",residents_18_64,residents_18plus,residents_30_59"
    data = csv_bytes("2019,Parken,Vejle,1100,40.5,,0.66,61,,52.1,700,,400", header=header)
    assert parse_areas(data, "areas.csv") == [
        AreaInput(2019, "Parken", "Vejle", 1100, 40.5, None, 0.66, 61.0, None, 52.1, 700, None, 400)
    ]


def test_tab_separated_and_header_case_and_spaces() -> None:
    header = "\t".join(f" {name.upper()} " for name in HEADER.split(";"))
    data = csv_bytes("2016\tParken\tVejle\t1000\t41\t2.8\t\t51\t54\t60", header=header)
    assert parse_areas(data, "areas.csv")[0].conviction_rate_pct == 2.8


def test_windows_1252_from_danish_excel() -> None:
    text = HEADER + "\n2021;Søndergård;Ærø;1000;1;1;1;1;1;1\n"
    assert parse_areas(text.encode("cp1252"), "areas.csv")[0].area == "Søndergård"


def test_every_problem_in_the_file_is_reported_with_row_and_column() -> None:
    data = csv_bytes(
        "2021;Aparken;Aarhus;1500;41,2;2;0,725;63;50;55",
        "2009;Bparken;Aarhus;1500;41,2;2;0,725;120;50;55",
        "2021;Cparken;Aarhus;12,5;41,2;2;0,725;63;50;55",
        "2021;;Aarhus;1500;41,2;2;0,725;63;50;55",
        "2021;Eparken;Aarhus;1500;41,2;2;0;63;50;55",
        "2021;Fparken;Aarhus;1500;41,2;2;0,725;63;50;abc",
        "2021;Aparken;Aarhus;1500;-1;2;0,725;63;50;55",
    )
    assert problems(data) == [
        'areas.csv, række 3, kolonne year: "2009" er ikke et listeår (2010-2025)',
        'areas.csv, række 3, kolonne pct_basic_education: "120" ligger uden for 0-100',
        'areas.csv, række 4, kolonne residents: "12,5" er ikke et helt tal',
        "areas.csv, række 5, kolonne area: værdien mangler",
        'areas.csv, række 6, kolonne national_conviction_rate_pct: "0" skal være større end 0',
        'areas.csv, række 7, kolonne pct_nonwestern: "abc" er ikke et tal',
        'areas.csv, række 8, kolonne pct_outside_labour_market: "-1" må ikke være negativ',
        'areas.csv, række 8, kolonne area: området "Aparken" står også i række 2 for året 2021',
    ]


def test_the_error_message_lists_every_problem() -> None:
    data = csv_bytes("2021;Aparken;Aarhus;1500;41,2;2;0,725;63;50;abc")
    with pytest.raises(AreaListInputError) as caught:
        parse_areas(data, "areas.csv")
    assert str(caught.value) == 'areas.csv, række 2, kolonne pct_nonwestern: "abc" er ikke et tal'


def test_population_larger_than_residents() -> None:
    data = csv_bytes(
        "2021;Aparken;Aarhus;1500;41;2;1;63;50;55;1600", header=HEADER + ";residents_18_64"
    )
    assert problems(data) == [
        'areas.csv, række 2, kolonne residents_18_64: "1.600" er større end residents (1.500)'
    ]


def test_missing_unknown_and_repeated_columns() -> None:
    header = HEADER.replace(";pct_nonwestern", ";residents_18_65;area")
    assert problems(csv_bytes(header=header)) == [
        'areas.csv: kolonnen "pct_nonwestern" mangler',
        'areas.csv: ukendt kolonne "residents_18_65" (tilladte kolonner: year, area, municipality, '
        "residents, pct_outside_labour_market, conviction_rate_pct, national_conviction_rate_pct, "
        "pct_basic_education, income_pct_of_region, pct_nonwestern, residents_18_64, "
        "residents_18plus, residents_30_59)",
        'areas.csv: kolonnen "area" står to gange',
    ]


def test_rows_with_the_wrong_number_of_fields() -> None:
    data = csv_bytes("2021;Aparken;Aarhus;1500;41", "2021;Bparken;Aarhus;1500;41;2;1;63;50;55;99")
    assert problems(data) == [
        "areas.csv, række 2: rækken har 5 felter, men overskriften har 10",
        "areas.csv, række 3: rækken har 11 felter, men overskriften har 10",
    ]


def test_blank_lines_are_skipped_but_counted() -> None:
    data = csv_bytes("", "2021;Aparken;Aarhus;1500;41;2;1;63;50;abc")
    assert problems(data) == ['areas.csv, række 3, kolonne pct_nonwestern: "abc" er ikke et tal']


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "areas.csv", "areas.csv: filen er tom"),
        (csv_bytes(), "areas.csv", "areas.csv: filen har ingen datarækker"),
        (b"x", "areas.ods", 'areas.ods: filtypen ".ods" kendes ikke (brug .csv eller .xlsx)'),
        (b"not a zip", "areas.xlsx", "areas.xlsx: filen kan ikke læses som XLSX (BadZipFile)"),
    ],
)
def test_file_level_problems(data: bytes, filename: str, message: str) -> None:
    assert problems(data, filename) == [message]


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AreaListInputError) as caught:
        read_areas(tmp_path / "areas.csv")
    assert str(caught.value) == "areas.csv: filen kan ikke åbnes (No such file or directory)"


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_numbers_and_danish_text_numbers(tmp_path: Path) -> None:
    path = tmp_path / "areas.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                HEADER.split(";"),
                [2022, "Parken", "Odense", 1300.0, 41.2, "2,1", 0.725, None, 50, "55,5"],
                [None] * 10,
            ]
        )
    )
    assert read_areas(path) == [
        AreaInput(2022, "Parken", "Odense", 1300, 41.2, 2.1, 0.725, None, 50.0, 55.5)
    ]


def test_xlsx_errors_name_the_spreadsheet_row() -> None:
    data = xlsx_bytes(
        [HEADER.split(";"), [2022, "Parken", "Odense", 1300, 41.2, True, 0.725, 61, 50, 55]]
    )
    assert problems(data, "areas.xlsx") == [
        'areas.xlsx, række 2, kolonne conviction_rate_pct: "True" er ikke et tal'
    ]


def test_history_file() -> None:
    data = b"area,year,list\nParken,2017,ghetto\nParken,2021,OMDANNELSE\n"
    assert parse_history(data, "history.csv") == [
        HistoryEntry("Parken", 2017, "ghetto"),
        HistoryEntry("Parken", 2021, "omdannelse"),
    ]


def test_history_file_with_municipality_column(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    path.write_bytes(b"area;municipality;year;list\nParken;Vejle;2019;udsat\n")
    assert read_history(path) == [HistoryEntry("Parken", 2019, "udsat")]


def test_history_problems() -> None:
    data = b"area;year;list\nParken;2015;parallelsamfund\nParken;2021;ghetto2\n;2030;udsat\n"
    with pytest.raises(AreaListInputError) as caught:
        parse_history(data, "history.csv")
    assert [str(p) for p in caught.value.problems] == [
        'history.csv, række 2, kolonne list: listen "parallelsamfund" fandtes ikke i 2015 '
        "(listerne var: ghetto)",
        'history.csv, række 3, kolonne list: "ghetto2" er ikke en kendt liste (udsat, ghetto, '
        "parallelsamfund, haardt_ghetto, omdannelse, forebyggelse)",
        "history.csv, række 4, kolonne area: værdien mangler",
        'history.csv, række 4, kolonne year: "2030" er ikke et listeår (2010-2025)',
    ]


def test_history_with_a_missing_column() -> None:
    with pytest.raises(AreaListInputError) as caught:
        parse_history(b"area;year\nParken;2019\n", "history.csv")
    assert str(caught.value) == 'history.csv: kolonnen "list" mangler'
