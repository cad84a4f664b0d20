"""The calculation pages: tenancy (outsider 404, reader 403, anonymous to login), the documented
figures on the page, saving through the structured form and the JSON editor, and the XLSX."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from helhed.gains.models import Calculation
from tests.gains.conftest import calculation_urls, minimal, structured_post

pytestmark = pytest.mark.django_db


def _state(calculation) -> tuple:
    calculation.refresh_from_db()
    return (calculation.name, calculation.scenario, calculation.result_key)


def test_outsider_gets_404_everywhere(calculation, client_for):
    client = client_for("olivia")
    before, count = _state(calculation), Calculation.objects.count()
    for name, url in calculation_urls(calculation).items():
        assert client.get(url).status_code == 404, name
        if name != "xlsx":
            assert client.post(url, structured_post(minimal())).status_code == 404, name
    assert _state(calculation) == before
    assert Calculation.objects.count() == count


def test_reader_reads_but_cannot_write(calculation, client_for):
    client = client_for("bob")
    urls = calculation_urls(calculation)
    before, count = _state(calculation), Calculation.objects.count()
    page = client.get(urls["calculation"])
    assert page.status_code == 200
    assert "Gem og beregn" not in page.content.decode()
    assert client.get(urls["xlsx"]).status_code == 200
    for name in ("create", "delete"):
        assert client.get(urls[name]).status_code == 403, name
    changed = structured_post(minimal(), success_rate="50")
    for name in ("create", "calculation", "delete"):
        assert client.post(urls[name], changed).status_code == 403, name
    assert (
        client.post(urls["calculation"], {"mode": "json", "scenario_json": "{}"}).status_code == 403
    )
    assert _state(calculation) == before
    assert Calculation.objects.count() == count


def test_anonymous_is_sent_to_login(calculation, client):
    for name, url in calculation_urls(calculation).items():
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), name
    for url in ("/gevinster/",):
        assert client.get(url)["Location"].startswith("/login/")


def test_activity_of_another_calculation_in_the_url_is_404(calculation, client_for):
    from helhed.partnerships.models import Activity

    other = Activity.objects.get(plan__name="Plads Til Forskel", name="Fritidsjob")
    url = f"/gevinster/aktiviteter/{other.pk}/beregninger/{calculation.pk}/"
    assert client_for("alice").get(url).status_code == 404


def test_page_shows_the_documented_minimal_example(calculation, client_for):
    html = client_for("alice").get(calculation_urls(calculation)["calculation"]).content.decode()
    # docs/gains.md: net 858,687.05; per participant 42,934.35; payback year 1; break-even
    # 0.062821; ratio 3.1836 — shown rounded to whole kroner, one decimal per cent, two decimals.
    assert 'data-kpi="net-result">858.687 kr.<' in html
    assert 'data-kpi="per-participant">42.934 kr.<' in html
    assert 'data-kpi="payback">År 1' in html
    assert 'data-kpi="break-even">6,3 %<' in html
    assert 'data-kpi="ratio">3,18 kr.<' in html
    # The table beside the chart: net per year and per body.
    for figure in ("-50.000 kr.", "96.618 kr.", "280.053 kr.", "270.583 kr.", "261.433 kr."):
        assert figure in html
    assert "691.764 kr." in html and "166.923 kr." in html  # kommune, stat
    assert html.count("<svg") == 2  # net per year and cumulative; no tornado without ranges


def test_index_and_activity_pages_list_the_calculation(calculation, client_for):
    client = client_for("carol")
    index = client.get("/gevinster/").content.decode()
    assert "Minimalt eksempel" in index and "858.687 kr." in index
    activity = client.get(calculation_urls(calculation)["activity"]).content.decode()
    assert "Minimalt eksempel" in activity and "Ny beregning" in activity
    # Viborg's plan is not on Carol's list; Olivia sees hers but not Herning's.
    assert "Sammen På Tværs" not in index
    outsider = client_for("olivia").get("/gevinster/").content.decode()
    assert "Minimalt eksempel" not in outsider and "Plads Til Forskel" not in outsider


def test_housing_staff_changes_the_success_rate(calculation, client_for):
    url = calculation_urls(calculation)["calculation"]
    response = client_for("carol").post(url, structured_post(minimal(), success_rate="30"))
    assert response.status_code == 302
    calculation.refresh_from_db()
    assert calculation.scenario["success_rate"] == 0.3
    # docs/gains.md's tornado: the net result at a success rate of 0.3.
    assert calculation.result["net_result"] == 1484648.93
    assert calculation.updated_by.username == "carol"
    assert calculation.created_by.username == "alice"


def test_bad_scenario_names_the_field_path_and_stores_nothing(calculation, client_for):
    client = client_for("alice")
    url = calculation_urls(calculation)["calculation"]
    before = _state(calculation)
    response = client.post(url, structured_post(minimal(), horizon_years="11"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "horizon_years: skal være mellem 1 og 10 år" in html
    assert "intet er gemt" in html
    data = structured_post(minimal(), **{"consequences-0-price_kommune_low": "90000"})
    data["consequences-0-price_kommune_high"] = "100000"
    html = client.post(url, data).content.decode()
    assert "uncertainty.consequences[0].price.kommune: lav (90000) ≤ central (65000)" in html
    bad = {**minimal(), "succes_rate": 0.2}
    response = client.post(url, {"mode": "json", "scenario_json": json.dumps(bad)})
    assert response.status_code == 400
    assert "<li>succes_rate: ukendt felt</li>" in response.content.decode()
    response = client.post(url, {"mode": "json", "scenario_json": "{"})
    assert "ugyldig JSON" in response.content.decode()
    assert _state(calculation) == before


def test_create_through_the_form_and_refuse_a_bad_one(herning_activity, client_for):
    client = client_for("alice")
    url = f"/gevinster/aktiviteter/{herning_activity.pk}/beregninger/ny/"
    assert client.get(url).status_code == 200
    count = Calculation.objects.count()
    bad = structured_post(minimal(), name="Ny", participants_per_year="ti")
    assert client.post(url, bad).status_code == 400
    assert Calculation.objects.count() == count
    response = client.post(url, structured_post(minimal(), name="Ny beregning"))
    assert response.status_code == 302
    created = Calculation.objects.get(name="Ny beregning")
    assert created.activity == herning_activity
    assert created.result["net_result"] == 858687.05


def test_json_editor_saves_and_takes_the_name_from_the_json(calculation, client_for):
    url = calculation_urls(calculation)["calculation"]
    data = {**minimal(), "name": "Fra JSON", "effect_fade": 0.1}
    response = client_for("alice").post(url, {"mode": "json", "scenario_json": json.dumps(data)})
    assert response.status_code == 302
    calculation.refresh_from_db()
    assert calculation.name == "Fra JSON"
    assert "name" not in calculation.scenario and calculation.scenario["effect_fade"] == 0.1


def test_structured_form_keeps_fields_only_json_shows(calculation, client_for):
    from helhed.gains import services

    scenario = {
        **minimal(),
        "effect_fade": 0.1,
        "cost_per_year": [{"kommune": 5000}],
        "monte_carlo": {"draws": 500, "seed": 7},
        "notes": ["Kilde: test"],
    }
    services.calculation_update(
        actor=None, calculation=calculation, name=calculation.name, scenario=scenario
    )
    url = calculation_urls(calculation)["calculation"]
    page = client_for("alice").get(url).content.decode()
    assert "de bevares, når du gemmer: cost_per_year, effect_fade, monte_carlo" in page
    post = structured_post(minimal(), success_rate_low="10", success_rate_high="30")
    assert client_for("alice").post(url, post).status_code == 302
    calculation.refresh_from_db()
    kept = calculation.scenario
    assert kept["effect_fade"] == 0.1 and kept["cost_per_year"] == [{"kommune": 5000}]
    assert kept["monte_carlo"] == {"draws": 500, "seed": 7} and kept["notes"] == ["Kilde: test"]
    assert kept["uncertainty"] == {"success_rate": {"low": 0.1, "high": 0.3}}
    assert calculation.result["monte_carlo"]["draws"] == 500


def test_uncertainty_gives_the_documented_tornado_and_interval(calculation, client_for):
    url = calculation_urls(calculation)["calculation"]
    post = structured_post(
        minimal(),
        success_rate_low="10",
        success_rate_high="30",
        cost_kommune_low="15000",
        cost_kommune_high="30000",
        **{
            "consequences-0-price_kommune_low": "50000",
            "consequences-0-price_kommune_high": "80000",
        },
    )
    assert client_for("alice").post(url, post).status_code == 302
    html = client_for("alice").get(url).content.decode()
    # docs/gains.md: 90 % interval 372,839.68 to 1,301,584.10 kr with 2,000 draws, seed 1.
    assert "<strong>372.840 kr.</strong> og <strong>1.301.584 kr.</strong>" in html
    assert html.count("<svg") == 3
    assert html.index("Succesrate</th>") < html.index("Pris: offentlig forsørgelse (kommune)</th>")


def test_remove_a_consequence_and_add_one(calculation, client_for):
    url = calculation_urls(calculation)["calculation"]
    post = structured_post(minimal())
    post.update(
        {
            "consequences-TOTAL_FORMS": "2",
            "consequences-0-DELETE": "on",
            "consequences-1-item": "kontanthjælp",
            "consequences-1-changes": "12",
            "consequences-1-price_kommune": "7.699",
        }
    )
    assert client_for("alice").post(url, post).status_code == 302
    calculation.refresh_from_db()
    assert calculation.scenario["consequences"] == [
        {
            "item": "kontanthjælp",
            "change_per_success_per_year": [12.0],
            "price": {"kommune": 7699.0},
        }
    ]


def test_delete(calculation, client_for):
    url = calculation_urls(calculation)["delete"]
    assert client_for("carol").get(url).status_code == 200
    assert client_for("carol").post(url).status_code == 302
    assert not Calculation.objects.filter(pk=calculation.pk).exists()


def test_xlsx_download_opens_with_openpyxl(calculation, client_for):
    response = client_for("bob").get(calculation_urls(calculation)["xlsx"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "gevinstberegning-minimalt-eksempel.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:4] == ["Oversigt", "Pr. år", "Pr. kasse", "Pr. post"]
    summary = workbook["Oversigt"]
    assert summary["A2"].value == "Nettoresultat (kr, nutidsværdi)"
    assert summary["B2"].value == 858687.05
