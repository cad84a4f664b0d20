"""Pages, API and export read stored snapshots; suppressed values only for the data owner."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from helhed.domain.indicators.registry import DEFINITIONS


def _value(api, indicator, unit_id="A1", year=2022):
    rows = api.get(
        f"/api/indicators/values/?level=area&unit_id={unit_id}&indicator={indicator}&year={year}"
    ).json()
    assert rows["count"] == 1
    return rows["results"][0]


def test_suppressed_values_are_shown_only_to_the_data_owner(api_for, computed):
    from helhed.indicators.models import IndicatorValue

    hidden = (
        IndicatorValue.objects.filter(run=computed, level="area", suppressed=True)
        .exclude(value=None)
        .first()
    )
    assert hidden is not None, "the tiny extract has suppressed area values"
    owner = _value(api_for("alice"), hidden.indicator, hidden.unit_id, hidden.year)
    assert owner["value"] == hidden.value and owner["suppressed"] is True
    for outsider in (
        "olivia",
        "bob",
    ):  # another municipality; a board member (not a data-owner role)
        row = _value(api_for(outsider), hidden.indicator, hidden.unit_id, hidden.year)
        assert row["suppressed"] is True and row["value"] is None and row["numerator"] is None


def test_unsuppressed_values_are_shown_to_everyone(api_for, computed):
    from helhed.indicators.models import IndicatorValue

    shown = IndicatorValue.objects.filter(run=computed, level="country", suppressed=False).first()
    rows = (
        api_for("olivia")
        .get(f"/api/indicators/values/?level=country&indicator={shown.indicator}&year={shown.year}")
        .json()["results"]
    )
    assert [r["value"] for r in rows] == [shown.value]


def test_area_page_shows_indicators_against_comparison_units(client_for, computed, solparken):
    html = client_for("alice").get(f"/indikatorer/omraader/{solparken.pk}/").content.decode()
    assert (
        "Solparken" in html
        and "Boligområdet" in html
        and "Kommunen" in html
        and "Hele landet" in html
    )
    assert "<svg" in html and "Definition af" in html
    assert client_for("olivia").get(f"/indikatorer/omraader/{solparken.pk}/").status_code == 404


def test_definitions_pages_and_api(client_for, api_for):
    d = DEFINITIONS[0]
    assert d.name in client_for("bob").get("/indikatorer/definitioner/").content.decode()
    assert "SQL" in client_for("bob").get(f"/indikatorer/definitioner/{d.key}/").content.decode()
    assert client_for("bob").get("/indikatorer/definitioner/findes_ikke/").status_code == 404
    keys = {row["key"] for row in api_for("bob").get("/api/indicators/definitions/").json()}
    assert keys == {definition.key for definition in DEFINITIONS}
    assert (
        api_for("bob").get(f"/api/indicators/definitions/{d.key}/").json()["version"] == d.version
    )


def test_definitions_api_gives_a_survey_mean_its_scale(api_for):
    api = api_for("bob")
    scales = {row["key"]: row["scale"] for row in api.get("/api/indicators/definitions/").json()}
    assert {key: scale for key, scale in scales.items() if scale is not None} == {
        "pupil_wellbeing": [1.0, 5.0]
    }
    assert scales["residents"] is None
    assert api.get("/api/indicators/definitions/pupil_wellbeing/").json()["scale"] == [1.0, 5.0]
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    definition = schema["components"]["schemas"]["Definition"]
    assert "scale" in definition["required"]
    assert definition["properties"]["scale"] == {
        "type": "array",
        "items": {"type": "number", "format": "double"},
        "nullable": True,
        "minItems": 2,
        "maxItems": 2,
        "description": "Svarskalaen for et gennemsnit fra en undersøgelse: [laveste, højeste], "
        "fx [1, 5]; null for alle andre indikatorer.",
    }


def test_export_csv_and_xlsx(client_for, computed):
    from helhed.indicators.models import IndicatorValue

    response = client_for("alice").get("/indikatorer/eksport/?year=2022&level=area&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    expected = IndicatorValue.objects.filter(run=computed, level="area", year=2022).count()
    assert len(rows) == expected
    assert list(rows[0]) == [
        "level",
        "unit_id",
        "unit_name",
        "indicator",
        "year",
        "value",
        "numerator",
        "denominator",
        "suppressed",
    ]
    response = client_for("alice").get("/indikatorer/eksport/?year=2022&level=area&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == expected + 1
    assert (
        client_for("alice").get("/indikatorer/eksport/?year=abc&level=area&format=csv").status_code
        == 400
    )


def test_export_defuses_formula_names_and_keeps_negative_numbers(client_for, computed):
    """A unit name beginning with "=" comes out as text: an apostrophe in CSV, a plain string
    cell (not a formula) in XLSX; a negative value stays a number."""
    from helhed.indicators.models import IndicatorValue

    name = '=HYPERLINK("http://x")'
    area = IndicatorValue.objects.filter(run=computed, level="area", year=2022, unit_id="A1")
    area.update(unit_name=name)
    area.filter(indicator="residents").update(value=-1.5, suppressed=False)
    url = "/indikatorer/eksport/?year=2022&level=area&format="
    rows = list(csv.DictReader(io.StringIO(client_for("alice").get(url + "csv").content.decode())))
    residents = next(r for r in rows if r["unit_id"] == "A1" and r["indicator"] == "residents")
    assert (residents["unit_name"], residents["value"]) == ("'" + name, "-1.5")
    sheet = load_workbook(io.BytesIO(client_for("alice").get(url + "xlsx").content)).active
    row = next(
        r for r in sheet.iter_rows(min_row=2) if (r[1].value, r[3].value) == ("A1", "residents")
    )
    assert (row[2].value, row[2].data_type) == (name, "s")
    assert (row[5].value, row[5].data_type) == (-1.5, "n")


def test_cli_export(computed, capsys):
    from django.core.management import call_command

    call_command("indicators", "export", "--year", "2022", "--level", "country", "--format", "json")
    out = capsys.readouterr().out
    assert '"level": "country"' in out and '"unit_id": "DK"' in out


def test_runs_are_visible_to_the_owning_organisation_only(api_for, computed):
    assert [r["id"] for r in api_for("alice").get("/api/indicators/runs/").json()["results"]] == [
        computed.pk
    ]
    assert api_for("olivia").get("/api/indicators/runs/").json()["results"] == []
    assert api_for("olivia").get(f"/api/indicators/runs/{computed.pk}/").status_code == 404


def test_anonymous_api_gets_no_data(api_for, computed):
    for url in ("/api/indicators/values/", "/api/indicators/runs/", "/api/indicators/definitions/"):
        assert api_for(None).get(url).status_code in (401, 403)


def test_index_page_offers_actions_by_role(client_for):
    alice = client_for("alice").get("/indikatorer/").content.decode()
    bob = client_for("bob").get("/indikatorer/").content.decode()
    assert "Beregn fra registerudtræk" in alice and "Indlæs boligorganisationstal" in alice
    assert "Beregn fra registerudtræk" not in bob and "Indlæs boligorganisationstal" not in bob
