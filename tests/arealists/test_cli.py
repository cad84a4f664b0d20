"""`helhed lists screen|path|import`: exact rows for a hand-made file, stored data, Danish errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from helhed.arealists.models import CriterionImport
from tests.arealists.conftest import APARKEN_HISTORY, SMALL_2021, counts

ESTIMATE = " (skøn: befolkningsgruppen er anslået ud fra antal beboere)"


def _run(*args) -> str:
    out = io.StringIO()
    call_command("lists", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def areas_csv(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_bytes(SMALL_2021)
    return path


@pytest.fixture
def history_csv(tmp_path):
    path = tmp_path / "history.csv"
    path.write_bytes(APARKEN_HISTORY)
    return path


def test_screen_file_csv_exact_rows(db, areas_csv):
    before = counts()
    rows = list(
        csv.DictReader(io.StringIO(_run("screen", "--year", "2021", "--input", str(areas_csv))))
    )
    assert [
        {k: r[k] for k in ("year", "area", "municipality", "criteria_met", "lists", "undecided")}
        for r in rows
    ] == [
        {
            "year": "2021",
            "area": "Aparken",
            "municipality": "Aby",
            "criteria_met": "labour_market;education;income;nonwestern;fb_labour_market;"
            "fb_income;fb_nonwestern",
            "lists": "udsat;parallelsamfund",
            "undecided": "",
        },
        {
            "year": "2021",
            "area": "Bparken",
            "municipality": "Bby",
            "criteria_met": "fb_labour_market;fb_convictions;fb_income;fb_nonwestern",
            "lists": "forebyggelse",
            "undecided": "",
        },
        {
            "year": "2021",
            "area": "Cparken",
            "municipality": "Cby",
            "criteria_met": "labour_market;fb_labour_market;fb_income",
            "lists": "",
            "undecided": "convictions;fb_convictions",
        },
    ]
    # Without history the five-year rule cannot be decided for Aparken.
    assert [r["undecided_lists"] for r in rows] == ["omdannelse", "", "udsat"]
    aparken = rows[0]
    assert {
        k: aparken[k]
        for k in (
            "labour_market_value",
            "labour_market_threshold",
            "labour_market_met",
            "labour_market_distance_pp",
            "labour_market_distance_persons",
            "labour_market_population",
            "convictions_threshold",
            "convictions_met",
            "income_distance_pp",
            "income_distance_persons",
        )
    } == {
        "labour_market_value": "41.2",
        "labour_market_threshold": "40",
        "labour_market_met": "ja",
        "labour_market_distance_pp": "1.2",
        "labour_market_distance_persons": "9",  # ⌈1,2 × 720 / 100⌉, 720 = 60 % of 1.200
        "labour_market_population": "720",
        "convictions_threshold": "2.16",  # 3 × 0,72
        "convictions_met": "nej",
        "income_distance_pp": "-5",
        "income_distance_persons": "",
    }
    assert aparken["labour_market_text"] == (
        "9 flere beboere på 18-64 år i arbejde eller uddannelse vil bringe andelen ned på højst "
        "40 %, så kriteriet ikke er opfyldt" + ESTIMATE
    )
    assert counts() == before  # --input screens without storing


def test_screen_file_with_history_decides_the_five_year_rule(db, areas_csv, history_csv):
    out = _run(
        "screen",
        "--year",
        "2021",
        "--input",
        str(areas_csv),
        "--history",
        str(history_csv),
        "--format",
        "json",
    )
    rows = json.loads(out)
    assert rows[0]["area"] == "Aparken"
    assert rows[0]["lists"] == "udsat;parallelsamfund;omdannelse"
    assert rows[0]["undecided_lists"] == ""
    assert rows[0]["labour_market_met"] is True and rows[0]["income_distance_persons"] is None


def test_screen_xlsx_needs_out_and_opens(db, areas_csv, tmp_path):
    with pytest.raises(CommandError, match="--out er påkrævet"):
        _run("screen", "--year", "2021", "--input", str(areas_csv), "--format", "xlsx")
    target = tmp_path / "out.xlsx"
    out = _run(
        "screen",
        "--year",
        "2021",
        "--input",
        str(areas_csv),
        "--format",
        "xlsx",
        "--out",
        str(target),
    )
    assert "3 områder" in out
    table = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert table[0][:6] == ("year", "area", "municipality", "residents", "criteria_met", "lists")
    assert [row[1] for row in table[1:]] == ["Aparken", "Bparken", "Cparken"]


def test_screen_stored_data_uses_the_current_import(demo_lists):
    rows = json.loads(_run("screen", "--year", "2021", "--format", "json"))
    assert len(rows) == 14
    lists = {r["area"]: r["lists"] for r in rows}
    # Nordparken: ghetto 2015-2018 in the official history, screened 2019-2020.
    assert lists["Nordparken (syntetisk)"] == "udsat;parallelsamfund;omdannelse"
    assert lists["Ellekonebakken"] == "forebyggelse"
    assert lists["Engparken (syntetisk)"] == "none"  # all criteria met, but 985 residents


def test_screen_errors_are_danish(db, tmp_path, areas_csv):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(SMALL_2021.replace(b"41.2", b"abc"))
    with pytest.raises(CommandError) as caught:
        _run("screen", "--year", "2021", "--input", str(bad))
    assert 'bad.csv, række 2, kolonne pct_outside_labour_market: "abc" er ikke et tal' in str(
        caught.value
    )
    with pytest.raises(CommandError, match="ikke et listeår"):
        _run("screen", "--year", "1999", "--input", str(areas_csv))
    with pytest.raises(CommandError, match="ingen rækker for listeåret 2022"):
        _run("screen", "--year", "2022", "--input", str(areas_csv))
    with pytest.raises(CommandError, match="ingen kriterieværdier for listeåret 2021"):
        _run("screen", "--year", "2021")
    with pytest.raises(CommandError, match="filen kan ikke åbnes"):
        _run("screen", "--year", "2021", "--input", str(tmp_path / "mangler.csv"))


def test_path_from_a_file(db, areas_csv):
    out = _run("path", "--year", "2021", "--area", "aparken", "--input", str(areas_csv))
    lines = out.splitlines()
    assert lines[0] == "Aparken (Aby), listeår 2021: udsat boligområde, parallelsamfund"
    assert lines[1] == "Kan ikke afgøres: omdannelsesområde"
    assert any(line.startswith("udsat boligområde, mulighed 1: ") for line in lines)
    assert any(line.startswith("parallelsamfund, mulighed 1: ") for line in lines)
    with pytest.raises(CommandError, match='Området "Xparken" findes ikke'):
        _run("path", "--year", "2021", "--area", "Xparken", "--input", str(areas_csv))


def test_path_from_stored_data(demo_lists):
    out = _run("path", "--year", "2019", "--area", "Ellekonebakken")
    assert out.splitlines()[0] == "Ellekonebakken (Viborg Kommune), listeår 2019: udsat boligområde"
    assert "udsat boligområde, mulighed 1: " in out
    out = _run("path", "--year", "2024", "--area", "Højvang (syntetisk)")
    assert "Området er ikke på nogen liste i 2024." in out
    with pytest.raises(CommandError, match="findes ikke i listeåret 2024"):
        _run("path", "--year", "2024", "--area", "Ingensteds")


def test_import_needs_an_allowed_user(personas, areas_csv, history_csv):
    before = counts()
    with pytest.raises(CommandError, match="må ikke importere"):
        _run("import", "--criteria", str(areas_csv), "--year", "2021", "--as-user", "bob")
    with pytest.raises(CommandError, match="findes ikke"):
        _run("import", "--criteria", str(areas_csv), "--year", "2021", "--as-user", "ingen")
    with pytest.raises(CommandError, match="--year er påkrævet"):
        _run("import", "--criteria", str(areas_csv), "--as-user", "alice")
    assert counts() == before
    out = _run("import", "--criteria", str(areas_csv), "--year", "2021", "--as-user", "alice")
    assert out.startswith("Importeret: 3 områder for listeåret 2021 fra areas.csv")
    source = CriterionImport.objects.get()
    assert source.imported_by == personas.alice
    out = _run("import", "--history", str(history_csv), "--as-user", "olivia")
    assert out.startswith("Importeret: 4 listeplaceringer fra history.csv")
    rows = json.loads(_run("screen", "--year", "2021", "--format", "json"))
    assert rows[0]["lists"] == "udsat;parallelsamfund;omdannelse"


def test_import_bad_file_stores_nothing(personas, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(SMALL_2021.replace(b"Bby,1000", b"Bby,-4"))
    with pytest.raises(CommandError) as caught:
        _run("import", "--criteria", str(bad), "--year", "2021", "--as-user", "alice")
    assert "intet er gemt" in str(caught.value)
    assert 'bad.csv, række 3, kolonne residents: "-4" må ikke være negativ' in str(caught.value)
    assert not CriterionImport.objects.exists()
