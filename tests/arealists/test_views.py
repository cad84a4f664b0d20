"""The area-list pages: login required, overview, filters, export, area page, what-if, watch list."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from helhed.arealists import selectors
from helhed.domain.arealists import what_if
from helhed.domain.arealists.distance import ESTIMATE_NOTE
from helhed.domain.arealists.export import output_columns
from helhed.partnerships.models import Area

HOLTBJERG_2024 = "/lister/2024/omraade/Holtbjerg/"
PAGES = [
    "/lister/",
    "/lister/?year=2024",
    "/lister/eksport.xlsx?year=2024",
    "/lister/overvaagning/?year=2024",
    "/lister/import/",
    HOLTBJERG_2024,
    "/lister/omraade/Holtbjerg/",
]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_is_sent_to_login(client, demo_lists, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_anonymous_what_if_post_is_sent_to_login(client, demo_lists):
    response = client.post(HOLTBJERG_2024, {"pct_outside_labour_market": "50"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("name", ["alice", "bob", "carol", "olivia"])
def test_every_logged_in_user_reads_the_lists(client_for, demo_lists, name):
    client = client_for(name)
    for path in PAGES:
        if path == "/lister/import/":
            continue
        response = client.get(path, follow=True)
        assert response.status_code == 200, path


def test_overview_without_data_invites_importers_only(client_for, db):
    page = client_for("alice").get("/lister/").content.decode()
    assert "Der er endnu ingen kriterieværdier" in page and "/lister/import/" in page
    page = client_for("bob").get("/lister/").content.decode()
    assert "/lister/import/" not in page


def test_overview_counts_and_rows(client_for, demo_lists):
    response = client_for("bob").get("/lister/?year=2024")
    assert response.status_code == 200
    assert dict(response.context["counts"]) == {
        "udsat boligområde": 4,
        "parallelsamfund": 2,
        "omdannelsesområde": 2,
        "forebyggelsesområde": 4,
    }
    assert response.context["undecided_count"] == 1
    rows = response.context["rows"]
    assert len(rows) == 14
    assert [r["item"].result.area for r in rows][:3] == [
        "Birkely (syntetisk)",
        "Brændgård-området",
        "Ellekonebakken",
    ]
    page = response.content.decode()
    assert "Importér data" not in page  # bob may not import
    assert "Områdelister 2024" in page and "2.024" not in page


def test_overview_filters_and_sort(client_for, demo_lists):
    client = client_for("bob")
    rows = client.get("/lister/?year=2024&municipality=Herning+Kommune").context["rows"]
    assert {r["item"].result.area for r in rows} == {
        "Lyngbyen/Gullestrup",
        "Holtbjerg",
        "Brændgård-området",
    }
    rows = client.get("/lister/?year=2024&list=omdannelse").context["rows"]
    assert [r["item"].result.area for r in rows] == [
        "Nordparken (syntetisk)",
        "Solhaven (syntetisk)",
    ]
    rows = client.get("/lister/?year=2024&list=undecided").context["rows"]
    assert [r["item"].result.area for r in rows] == ["Kastanjegården (syntetisk)"]
    rows = client.get("/lister/?year=2024&list=none").context["rows"]
    assert len(rows) == 5
    rows = client.get("/lister/?year=2024&sort=-residents").context["rows"]
    assert [r["item"].result.row.residents for r in rows][:2] == [3050, 2400]
    response = client.get("/lister/?year=2024&sort=-met")
    assert response.context["rows"][0]["item"].result.area == "Nordparken (syntetisk)"
    assert "udsat: 4 af 4" in response.content.decode()  # udsat criteria met of those counted
    rows = client.get("/lister/?year=2024&sort=convictions").context["rows"]
    # The area without a conviction rate sorts last whichever way.
    assert rows[-1]["item"].result.area == "Kastanjegården (syntetisk)"
    assert client.get("/lister/?year=1999").status_code == 404


def test_overview_htmx_returns_only_the_table(client_for, demo_lists):
    response = client_for("bob").get("/lister/?year=2024&q=park", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.startswith('<div id="area-table"') and "<html" not in page
    assert [r["item"].result.area for r in response.context["rows"]] == [
        "Engparken (syntetisk)",
        "Fyrreparken (syntetisk)",
        "Nordparken (syntetisk)",
    ]


def test_partnership_link_only_for_areas_the_user_sees(client_for, demo_lists):
    holtbjerg = Area.objects.get(name="Holtbjerg")
    link = f"/omraader/{holtbjerg.pk}/"
    assert link in client_for("alice").get("/lister/?year=2024").content.decode()
    assert link in client_for("alice").get(HOLTBJERG_2024).content.decode()
    # Olivia (Viborg) reads the public figures of Holtbjerg but not Herning's partnership.
    assert link not in client_for("olivia").get("/lister/?year=2024").content.decode()
    assert link not in client_for("olivia").get(HOLTBJERG_2024).content.decode()


def test_xlsx_export_opens_and_has_the_core_header(client_for, demo_lists):
    response = client_for("bob").get("/lister/eksport.xlsx?year=2024&municipality=Herning+Kommune")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="omraadelister-2024.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    expected = output_columns(selectors.screen_year(2024).results)
    assert list(table[0]) == expected
    assert table[0][:6] == ("year", "area", "municipality", "residents", "criteria_met", "lists")
    assert sorted(row[1] for row in table[1:]) == [
        "Brændgård-området",
        "Holtbjerg",
        "Lyngbyen/Gullestrup",
    ]


def test_area_page_by_name_with_a_slash_and_by_partnership_id(client_for, demo_lists):
    client = client_for("bob")
    response = client.get("/lister/2024/omraade/" + quote("Lyngbyen/Gullestrup") + "/")
    assert response.status_code == 200
    assert response.context["result"].on_lists == ("forebyggelse",)
    holtbjerg = Area.objects.get(name="Holtbjerg")
    response = client.get(f"/lister/2023/omraade/{holtbjerg.pk}/")
    assert response.context["result"].area == "Holtbjerg"
    response = client.get(f"/lister/omraade/{holtbjerg.pk}/")
    assert response["Location"] == f"/lister/2024/omraade/{holtbjerg.pk}/"
    response = client.get("/lister/2024/omraade/" + quote("BRÆNDGÅRD-OMRÅDET") + "/")
    assert response.context["result"].area == "Brændgård-området"
    assert client.get("/lister/2024/omraade/Findes ikke/").status_code == 404
    assert client.get("/lister/2012/omraade/Holtbjerg/").status_code == 404


def test_area_page_shows_distance_path_chart_and_timeline(client_for, demo_lists):
    response = client_for("bob").get("/lister/2019/omraade/Ellekonebakken/")
    s = response.context["s"]
    assert s.result.on_lists == ("udsat",)
    assert [p.list_key for p in s.paths] == ["udsat"]
    assert [point.year for point in s.timeline.points] == [2019, 2020, 2021, 2022, 2023, 2024]
    page = response.content.decode()
    labour = s.result.criterion("labour_market")
    # Without population columns the persons figure is an estimate: the core's sentence is
    # shown without its note and marked with a star, explained once below the list.
    assert labour.population_estimated and labour.text.endswith(ESTIMATE_NOTE)
    assert labour.text.removesuffix(ESTIMATE_NOTE) + "*." in page
    assert "* Befolkningsgruppen er anslået ud fra antal beboere." in page
    best = s.paths[0].options[0]
    assert "Vejen af listen" in page
    assert best.steps[0].text.removesuffix(ESTIMATE_NOTE) in page
    assert page.count('class="bar ') == 5  # one bar per measure of the 2019 rules
    changes = [(t.year, t.entered, t.left) for t in s.timeline.transitions()]
    assert changes[0] == (2020, (), ("udsat",))


def test_what_if_plain_post_changes_the_classification_as_the_core_says(client_for, demo_lists):
    client = client_for("bob")
    base = selectors.area_screening(2024, "Holtbjerg").result
    assert base.on_lists == ("forebyggelse",)
    values = {
        "residents": "2080",
        "pct_outside_labour_market": "41,5",  # decimal comma, as typed in Danish
        "conviction_rate_pct": "1,4",
        "national_conviction_rate_pct": "0,76",
        "pct_basic_education": "59",
        "income_pct_of_region": "56,5",
        "pct_nonwestern": "45",
    }
    response = client.post(HOLTBJERG_2024, values)
    assert response.status_code == 200
    changed = response.context["changed"]
    expected = what_if(
        base,
        {
            "residents": 2080,
            "pct_outside_labour_market": 41.5,
            "conviction_rate_pct": 1.4,
            "national_conviction_rate_pct": 0.76,
            "pct_basic_education": 59.0,
            "income_pct_of_region": 56.5,
            "pct_nonwestern": 45.0,
        },
    )
    assert changed == expected
    # The labour-market criterion alone is one of the two udsat needs: still forebyggelse.
    assert changed.criteria_met[0] == "labour_market"
    assert changed.on_lists == ("forebyggelse",)
    values["income_pct_of_region"] = "54"
    changed = client.post(HOLTBJERG_2024, values).context["changed"]
    assert changed.on_lists == ("udsat",)
    assert "Klassifikationen ændrer sig." in client.post(HOLTBJERG_2024, values).content.decode()


def test_what_if_htmx_returns_the_partial_and_empty_means_undecided(client_for, demo_lists):
    values = {
        "residents": "2080",
        "pct_outside_labour_market": "41,5",
        "conviction_rate_pct": "",
        "national_conviction_rate_pct": "0,76",
        "pct_basic_education": "59",
        "income_pct_of_region": "56,5",
        "pct_nonwestern": "45",
    }
    response = client_for("bob").post(HOLTBJERG_2024, values, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.startswith('<div id="what-if-result"') and "<html" not in page
    changed = response.context["changed"]
    assert changed.undecided_lists == ("udsat", "forebyggelse")
    assert "convictions" in changed.undecided


def test_what_if_bad_value_is_a_danish_error(client_for, demo_lists):
    response = client_for("bob").post(HOLTBJERG_2024, {"pct_outside_labour_market": "140"})
    assert response.status_code == 400
    assert response.context["changed"] is None
    assert "Denne værdi skal være mindre end eller lig 100." in response.content.decode()
    response = client_for("bob").post(
        HOLTBJERG_2024, {"national_conviction_rate_pct": "0"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200  # HTMX swaps 2xx only; the error is in the partial
    assert "Værdien skal være større end 0." in response.content.decode()


def test_watch_list_margin_municipality_and_side(client_for, demo_lists):
    client = client_for("bob")
    items = [
        row["item"]
        for row in client.get(
            "/lister/overvaagning/?year=2024&margin=0,5&municipality=Randers+Kommune"
        ).context["items"]
    ]
    assert [(i.area, i.criterion_id, i.distance_pp, i.met) for i in items] == [
        ("Birkely (syntetisk)", "education", 0.0, False),  # exactly at 60 %: "over" is not met
        ("Birkely (syntetisk)", "income", 0.0, False),  # exactly at 55 %: "under" is not met
        ("Birkely (syntetisk)", "labour_market", 0.0, False),
        ("Birkely (syntetisk)", "convictions", -0.38, False),
        ("Birkely (syntetisk)", "fb_convictions", 0.38, True),
        ("Birkely (syntetisk)", "fb_nonwestern", -0.5, False),
    ]
    assert all(abs(i.distance_pp) <= 0.5 for i in items)
    chances = client.get("/lister/overvaagning/?year=2024&margin=2&side=chance").context["items"]
    assert chances and all(row["item"].met for row in chances)
    response = client.get("/lister/overvaagning/?year=2024&margin=abc")
    assert response.context["margin"] == 2.0
    assert "Der bruges 2 procentpoint" in response.content.decode()
