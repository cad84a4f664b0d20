import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_plans_list_csv(db):
    rows = list(csv.DictReader(io.StringIO(_run("plans", "list", "--format", "csv"))))
    assert [(r["name"], r["municipality"]) for r in rows] == [
        ("Plads Til Forskel", "Herning Kommune"),
        ("Sammen På Tværs (syntetisk)", "Viborg Kommune"),
    ]
    assert all(r["id"].isdigit() for r in rows)


def test_plans_list_csv_defuses_a_formula_name_and_json_keeps_it(db):
    from helhed.partnerships.models import Plan

    name = '=HYPERLINK("http://x")'
    plan = Plan.objects.get(name="Plads Til Forskel")
    Plan.objects.filter(pk=plan.pk).update(name=name)
    rows = list(csv.DictReader(io.StringIO(_run("plans", "list", "--format", "csv"))))
    assert [r for r in rows if r["id"] == str(plan.pk)] == [
        {"id": str(plan.pk), "name": "'" + name, "municipality": "Herning Kommune"}
    ]
    rows = json.loads(_run("plans", "list", "--format", "json"))
    assert [r["name"] for r in rows if r["id"] == plan.pk] == [name]


def test_plans_list_json_as_user_uses_the_same_tenancy_rules(personas):
    rows = json.loads(_run("plans", "list", "--format", "json", "--as-user", "olivia"))
    assert [r["name"] for r in rows] == ["Sammen På Tværs (syntetisk)"]
    with pytest.raises(CommandError, match="findes ikke"):
        _run("plans", "list", "--as-user", "ingen")


def test_demo_refuses_outside_demo_mode(db, settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="demotilstand"):
        _run("demo", "--no-serve")


def test_demo_is_idempotent_prints_logins_and_computes_indicators(
    db, settings, tmp_path, monkeypatch
):
    from helhed.indicators.models import ComputationRun, IndicatorValue
    from helhed.partnerships.models import Plan

    settings.DEMO_MODE = True
    monkeypatch.setenv("HELHED_DATA_DIR", str(tmp_path))
    before = Plan.objects.count()
    out = _run("demo", "--no-serve", "--persons", "70000")
    assert Plan.objects.count() == before  # already loaded by the session fixture
    assert "kommune" in out and "helhed-demo" in out and "http://127.0.0.1:8000/" in out
    run = ComputationRun.objects.get(kind="register")
    assert (
        run.years == [2019, 2020, 2021] and (tmp_path / "demo-extract" / "persons.parquet").exists()
    )
    holtbjerg = IndicatorValue.objects.get(
        run=run, level="area", unit_id="657-HOL", indicator="residents", year=2021
    )
    assert holtbjerg.value > 1000  # the demo areas keep their real-world size
    assert "Beregnet" not in _run("demo", "--no-serve", "--persons", "70000")  # computed once only
