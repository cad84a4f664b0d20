"""Housing-organisation aggregates: whole files or nothing, own departments only."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from helhed.indicators.models import AggregateRecord, ComputationRun, IndicatorValue

GOOD = (
    "department_id;year;indicator;value;numerator;denominator\n"
    "601-11;2020;move_out_rate;;21;212\n"
    "601-12;2020;move_out_rate;;9;168\n"
    "601-11;2020;volunteers;12;;\n"
)


def _upload(client, org, text: str, name: str = "tal.csv"):
    from helhed.partnerships.models import Organisation

    org_id = Organisation.objects.get(name=org).pk
    return client.post(
        "/indikatorer/indlaes/",
        {"organisation": org_id, "file": SimpleUploadedFile(name, text.encode())},
    )


def test_housing_staff_imports_and_values_roll_up_to_the_area(client_for):
    response = _upload(client_for("carol"), "Fællesbo", GOOD)
    assert response.status_code == 302
    run = ComputationRun.objects.get()
    assert run.kind == "aggregate" and run.source == "tal.csv" and len(run.input_hash) == 64
    assert AggregateRecord.objects.filter(run=run).count() == 3
    area = IndicatorValue.objects.get(
        run=run, level="area", unit_id="657-LYN", indicator="move_out_rate", year=2020
    )
    # (21 + 9) move-outs / (212 + 168) tenancies = 7.894…%
    assert (area.numerator, area.denominator) == (30.0, 380.0)
    assert abs(area.value - 100 * 30 / 380) < 1e-9
    volunteers = IndicatorValue.objects.get(
        run=run, level="area", unit_id="657-LYN", indicator="volunteers"
    )
    assert volunteers.value == 12.0


def test_bad_file_names_row_and_column_and_stores_nothing(client_for):
    bad = GOOD + "601-11;tyve;volunteers;3;;\n999-99;2020;volunteers;1;;\n"
    response = _upload(client_for("carol"), "Fællesbo", bad)
    html = response.content.decode()
    assert response.status_code == 400
    assert "tal.csv, række 5, kolonne year" in html
    assert "tal.csv, række 6, kolonne department_id" in html
    assert not ComputationRun.objects.exists() and not AggregateRecord.objects.exists()


def test_staff_cannot_report_another_organisations_department(client_for):
    response = _upload(
        client_for("carol"),
        "Fællesbo",
        "department_id,year,indicator,value,numerator,denominator\n603-21,2020,volunteers,4,,\n",
    )
    assert response.status_code == 400 and "ukendt afdeling" in response.content.decode()
    assert not ComputationRun.objects.exists()


def test_reader_cannot_import(client_for):
    assert client_for("bob").get("/indikatorer/indlaes/").status_code == 403
    assert client_for("bob").post("/indikatorer/indlaes/", {}).status_code == 403
    assert not ComputationRun.objects.exists()


def test_api_import_and_errors(api_for):
    from helhed.partnerships.models import Organisation

    org = Organisation.objects.get(name="Fællesbo")
    response = api_for("carol").post(
        "/api/indicators/aggregates/",
        {"organisation": org.pk, "file": SimpleUploadedFile("a.csv", GOOD.encode())},
        format="multipart",
    )
    assert response.status_code == 201 and response.json()["row_count"] > 0
    bad = api_for("carol").post(
        "/api/indicators/aggregates/",
        {
            "organisation": org.pk,
            "file": SimpleUploadedFile("b.csv", b"department_id,year\n601-11,2020\n"),
        },
        format="multipart",
    )
    assert bad.status_code == 400 and "mangler kolonnen indicator" in str(bad.json())
    assert (
        api_for("bob").post("/api/indicators/aggregates/", {}, format="multipart").status_code
        == 403
    )
    herning = Organisation.objects.get(name="Herning Kommune")
    forbidden = api_for("carol").post(
        "/api/indicators/aggregates/",
        {"organisation": herning.pk, "file": SimpleUploadedFile("a.csv", GOOD.encode())},
        format="multipart",
    )
    assert forbidden.status_code == 403
    assert ComputationRun.objects.count() == 1


def test_cli_import(personas, tmp_path):
    import pytest
    from django.core.management import CommandError, call_command

    path = tmp_path / "tal.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("indicators", "import-aggregates", str(path), "--as-user", "carol")
    assert ComputationRun.objects.count() == 1
    with pytest.raises(CommandError, match="må ikke"):
        call_command("indicators", "import-aggregates", str(path), "--as-user", "bob")
