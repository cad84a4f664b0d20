"""Survey results through the app: imported with provenance like the housing figures, rolled up,
suppressed below 20 respondents, shown on the area page and in the API — and a bad file or a
reader stores nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from helhed.indicators.models import AggregateRecord, ComputationRun, IndicatorValue

# Fællesbo (carol) has departments in Lyngbyen/Gullestrup (601-11..13) and Brændgård (601-31, 601-32).
SURVEY = (
    "department_id;year;indicator;value;numerator;denominator;area_id\n"
    ";2021;feel_safe_evening;75;96;128;657-LYN\n"
    ";2021;worried_about_crime;;12;128;657-LYN\n"
    "601-31;2021;pupil_wellbeing;;153,6;40;\n"
    "601-32;2021;pupil_wellbeing;;57;15;\n"
    ";2021;part_of_community;;9;14;657-BRA\n"
)
BAD = (
    "department_id;year;indicator;value;numerator;denominator;area_id\n"
    ";2021;feel_safe_evening;;96;128;657-LYN\n"
    ";2021;worried_about_crime;;130;128;657-LYN\n"
    "601-31;2021;pupil_wellbeing;;3,84;40;\n"
    ";2021;part_of_community;;9;14,5;657-BRA\n"
    ";2021;part_of_community;;9;40;657-HOL\n"
    "601-11;2021;feel_safe_evening;;20;30;\n"
)
BAD_PROBLEMS = [
    "tryghed.csv, række 3, kolonne numerator: kan ikke være større end nævneren (128 besvarelser)",
    "tryghed.csv, række 4, kolonne numerator: gennemsnittet 0.10 ligger uden for skalaen 1-5 "
    "(tælleren er summen af scorerne, nævneren antal besvarelser)",
    "tryghed.csv, række 5, kolonne denominator: antal besvarelser skal være et helt tal, ikke 14.5",
    # Holtbjerg has no Fællesbo department
    "tryghed.csv, række 6, kolonne area_id: ukendt boligområde '657-HOL'",
    "tryghed.csv, række 7, kolonne department_id: afdelingen hører til Lyngbyen/Gullestrup i "
    "2021, som har et tal for hele området i række 2; angiv området eller dets afdelinger, "
    "ikke begge",
]


def _org(name: str):
    from helhed.partnerships.models import Organisation

    return Organisation.objects.get(name=name)


def _area(code: str):
    from helhed.partnerships.models import Area

    return Area.objects.get(code=code)


def _upload(client, text: str, org: str = "Fællesbo", name: str = "tryghed.csv"):
    return client.post(
        "/indikatorer/indlaes/",
        {"organisation": _org(org).pk, "file": SimpleUploadedFile(name, text.encode())},
    )


def _api_upload(api, text: str, org: str = "Fællesbo"):
    return api.post(
        "/api/indicators/aggregates/",
        {"organisation": _org(org).pk, "file": SimpleUploadedFile("tryghed.csv", text.encode())},
        format="multipart",
    )


def _stored(run, level, unit_id, indicator, year=2021):
    v = IndicatorValue.objects.get(
        run=run, level=level, unit_id=unit_id, indicator=indicator, year=year
    )
    return (v.value, v.numerator, v.denominator, v.suppressed)


def _nothing_stored() -> bool:
    return not (
        ComputationRun.objects.exists()
        or AggregateRecord.objects.exists()
        or IndicatorValue.objects.exists()
    )


@pytest.fixture
def imported(client_for):
    response = _upload(client_for("carol"), SURVEY)
    assert response.status_code == 302
    return ComputationRun.objects.get()


def test_a_survey_file_is_imported_with_provenance_and_exact_area_values(imported):
    run = imported
    assert (run.kind, run.source, run.status, run.years) == (
        "survey",
        "tryghed.csv",
        "done",
        [2021],
    )
    assert len(run.input_hash) == 64 and run.organisation == _org("Fællesbo")
    assert run.versions == {
        "feel_safe_evening": 1,
        "worried_about_crime": 1,
        "part_of_community": 1,
        "pupil_wellbeing": 1,
    }
    records = AggregateRecord.objects.filter(run=run)
    assert sorted(
        (r.department.number if r.department else r.area.code, r.indicator) for r in records
    ) == [
        ("601-31", "pupil_wellbeing"),
        ("601-32", "pupil_wellbeing"),
        ("657-BRA", "part_of_community"),
        ("657-LYN", "feel_safe_evening"),
        ("657-LYN", "worried_about_crime"),
    ]
    # 96 of 128 respondents feel safe; 12 of 128 are worried
    assert _stored(run, "area", "657-LYN", "feel_safe_evening") == (75.0, 96, 128, False)
    assert _stored(run, "area", "657-LYN", "worried_about_crime") == (9.375, 12, 128, False)
    assert _stored(run, "municipality", "657", "feel_safe_evening") == (75.0, 96, 128, False)
    # Brændgård's pupils: (153.6 + 57) summed scores / (40 + 15) pupils = 3.829…
    assert _stored(run, "area", "657-BRA", "pupil_wellbeing") == (
        (153.6 + 57) / 55,
        153.6 + 57,
        55,
        False,
    )
    assert _stored(run, "department", "601-31", "pupil_wellbeing") == (3.84, 153.6, 40, False)
    # fewer than 20 respondents: stored, marked suppressed
    assert _stored(run, "department", "601-32", "pupil_wellbeing") == (3.8, 57, 15, True)
    assert _stored(run, "area", "657-BRA", "part_of_community") == (100 * 9 / 14, 9, 14, True)
    # a survey delivered per area has no department figures
    assert not IndicatorValue.objects.filter(
        run=run, level="department", indicator="feel_safe_evening"
    ).exists()


def test_few_respondents_are_hidden_from_everyone_but_the_data_owner(api_for, imported):
    url = "/api/indicators/values/?level=area&unit_id=657-BRA&indicator=part_of_community"
    owner = api_for("carol").get(url).json()["results"]
    assert [(r["value"], r["denominator"], r["suppressed"]) for r in owner] == [
        (100 * 9 / 14, 14, True)
    ]
    for reader in ("bob", "alice", "olivia"):  # board member, coordinator, another municipality
        [row] = api_for(reader).get(url).json()["results"]
        assert (row["value"], row["numerator"], row["denominator"]) == (None, None, None)
        assert row["suppressed"] is True


def test_the_area_page_shows_the_survey_indicators(client_for, imported):
    lyngbyen = _area("657-LYN")
    html = client_for("bob").get(f"/indikatorer/omraader/{lyngbyen.pk}/").content.decode()
    assert "Beboere, der føler sig trygge i området om aftenen" in html
    assert "Beboere, der er bekymrede for kriminalitet i området" in html
    assert "75,0" in html and "9,4" in html and "kilde: undersøgelse" in html
    braendgaard = _area("657-BRA")
    html = client_for("bob").get(f"/indikatorer/omraader/{braendgaard.pk}/").content.decode()
    assert "Elevernes generelle trivsel, 4.-9. klasse" in html and "3,8" in html
    # 14 respondents: hidden from the board member; with no other year there is nothing to show
    community = "Beboere, der føler sig som en del af fællesskabet i området"
    assert community not in html and "64,3" not in html
    owner = client_for("carol").get(f"/indikatorer/omraader/{braendgaard.pk}/").content.decode()
    assert community in owner and "64,3" in owner
    assert client_for("olivia").get(f"/indikatorer/omraader/{lyngbyen.pk}/").status_code == 404


def test_the_definition_page_says_how_a_survey_is_delivered(client_for):
    html = client_for("bob").get("/indikatorer/definitioner/pupil_wellbeing/").content.decode()
    assert "Den nationale trivselsmåling" in html and "undersøgelse" in html
    assert "Skala" in html and "eller boligområde" in html
    assert "Population" not in html  # no SQL over persons for a delivered figure
    # in Danish, as docs/indicators.md says it: unit, focus area and the suppression rule
    assert "<dd>gennemsnit</dd>" in html and "<dd>Uddannelse og livschancer</dd>" in html
    assert "<dd>skjules når nævneren er under 20</dd>" in html
    listing = client_for("bob").get("/indikatorer/definitioner/").content.decode()
    assert "<td>procent (0-100)</td>" in listing and "<td>undersøgelse</td>" in listing
    assert "<td>pct</td>" not in listing and "<td>survey</td>" not in listing


def test_the_api_lists_the_survey_definitions_and_values(api_for, imported):
    definitions = {d["key"]: d for d in api_for("bob").get("/api/indicators/definitions/").json()}
    for key in ("feel_safe_evening", "worried_about_crime", "part_of_community"):
        assert definitions[key]["source"] == "survey" and definitions[key]["unit"] == "pct"
        assert (definitions[key]["min_numerator"], definitions[key]["min_denominator"]) == (
            None,
            20,
        )
    assert definitions["pupil_wellbeing"]["unit"] == "mean"
    rows = (
        api_for("olivia")  # values that are not suppressed are aggregates everyone may read
        .get("/api/indicators/values/?indicator=feel_safe_evening&year=2021")
        .json()["results"]
    )
    assert [(r["level"], r["unit_id"], r["value"]) for r in rows] == [
        ("area", "657-LYN", 75.0),
        ("municipality", "657", 75.0),
    ]


def test_the_run_is_visible_to_the_owning_organisation_only(client_for, api_for, imported):
    assert client_for("carol").get(f"/indikatorer/koersler/{imported.pk}/").status_code == 200
    assert "Undersøgelsesresultater" in client_for("carol").get("/indikatorer/").content.decode()
    assert client_for("olivia").get(f"/indikatorer/koersler/{imported.pk}/").status_code == 404
    assert api_for("olivia").get(f"/api/indicators/runs/{imported.pk}/").status_code == 404
    assert api_for("carol").get(f"/api/indicators/runs/{imported.pk}/").json()["kind"] == "survey"


def test_a_bad_survey_file_names_file_row_and_field_and_stores_nothing(
    client_for, api_for, personas, tmp_path
):
    response = _upload(client_for("carol"), BAD)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Filen har 5 fejl, intet er indlæst" in html
    for problem in BAD_PROBLEMS:
        assert problem in html.replace("&#x27;", "'"), problem
    assert _nothing_stored()
    api = _api_upload(api_for("carol"), BAD)
    assert api.status_code == 400 and api.json() == {"file": BAD_PROBLEMS}
    path = tmp_path / "tryghed.csv"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("indicators", "import-aggregates", str(path), "--as-user", "carol")
    assert all(problem in str(error.value) for problem in BAD_PROBLEMS)
    assert _nothing_stored()


def test_a_coordinator_may_deliver_for_any_area_of_the_municipality(client_for):
    text = "department_id,year,indicator,value,numerator,denominator,area_id\n,2021,part_of_community,,30,40,657-HOL\n"
    assert _upload(client_for("carol"), text).status_code == 400  # not Fællesbo's area
    assert _nothing_stored()
    assert _upload(client_for("alice"), text, org="Herning Kommune").status_code == 302
    run = ComputationRun.objects.get()
    assert run.organisation == _org("Herning Kommune")
    assert _stored(run, "area", "657-HOL", "part_of_community") == (75.0, 30, 40, False)


def test_a_reader_cannot_import_a_survey(client_for, api_for, tmp_path):
    assert client_for("bob").get("/indikatorer/indlaes/").status_code == 403
    assert _upload(client_for("bob"), SURVEY, org="Herning Kommune").status_code == 403
    api = _api_upload(api_for("bob"), SURVEY, org="Herning Kommune")
    assert api.status_code == 403
    path = tmp_path / "tryghed.csv"
    path.write_text(SURVEY, encoding="utf-8")
    with pytest.raises(CommandError, match="må ikke"):
        call_command("indicators", "import-aggregates", str(path), "--as-user", "bob")
    assert _nothing_stored()


def test_the_cli_imports_a_survey(personas, tmp_path, capsys):
    path = tmp_path / "tryghed.csv"
    path.write_text(SURVEY, encoding="utf-8")
    call_command("indicators", "import-aggregates", str(path), "--as-user", "carol")
    run = ComputationRun.objects.get()
    assert (run.kind, run.source) == ("survey", str(path.name))
    assert _stored(run, "area", "657-LYN", "feel_safe_evening") == (75.0, 96, 128, False)


def test_a_mixed_file_is_a_housing_run_holding_both(client_for):
    text = SURVEY + "601-11;2021;volunteers;4;;;\n"
    assert _upload(client_for("carol"), text).status_code == 302
    run = ComputationRun.objects.get()
    assert run.kind == "aggregate" and AggregateRecord.objects.filter(run=run).count() == 6
