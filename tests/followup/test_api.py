"""The follow-up API: outsider 404 and reader 403 on every endpoint, and the owner's calls."""

from __future__ import annotations

import pytest

from tests.followup.test_views import _state


@pytest.fixture
def endpoints(plan, goal_indicators):
    gi = goal_indicators["education_benefit_18_29"]
    plans = f"/api/followup/plans/{plan.pk}/"
    year = f"{plans}years/2020/"
    new = {
        "goal": gi.goal_id,
        "indicator": "child_case_0_17",
        "target_kind": "approach_average",
        "baseline_year": 2019,
    }
    return {
        "read": [
            f"/api/followup/goal-indicators/{gi.pk}/",
            plans,
            year,
            f"{year}review/",
        ],
        "write": [
            ("post", "/api/followup/goal-indicators/", new),
            ("patch", f"/api/followup/goal-indicators/{gi.pk}/", {"baseline_year": 2020}),
            ("put", f"/api/followup/goal-indicators/{gi.pk}/", {**new, "goal": gi.goal_id}),
            ("delete", f"/api/followup/goal-indicators/{gi.pk}/", None),
            ("put", f"{year}review/", {"organisation": "Ny tekst"}),
            ("put", f"{year}texts/", {"goal_indicator": gi.pk, "text": "Ny tekst"}),
            ("post", f"{year}report/", None),
        ],
        "download": [f"{year}report/pdf/", f"{year}report/docx/"],
    }


def _call(client, method, url, data):
    return (
        getattr(client, method)(url, data, format="json") if data else getattr(client, method)(url)
    )


def test_an_outsider_gets_404_on_every_endpoint(api_for, endpoints, plan):
    olivia = api_for("olivia")
    before = _state()
    for url in endpoints["read"] + endpoints["download"]:
        assert olivia.get(url).status_code == 404, url
    for method, url, data in endpoints["write"]:
        assert _call(olivia, method, url, data).status_code == 404, (method, url)
    assert olivia.get(f"/api/followup/goal-indicators/?plan={plan.pk}").json()["count"] == 0
    assert _state() == before


def test_a_reader_reads_but_cannot_write(api_for, endpoints):
    bob = api_for("bob")
    before = _state()
    for url in endpoints["read"]:
        assert bob.get(url).status_code == 200, url
    for method, url, data in endpoints["write"]:
        assert _call(bob, method, url, data).status_code == 403, (method, url)
    assert _state() == before


def test_anonymous_gets_no_data(api_for, endpoints):
    anonymous = api_for(None)
    for url in endpoints["read"] + endpoints["download"]:
        assert anonymous.get(url).status_code in (401, 403), url


def test_follow_up_data_applies_suppression_for_the_reader(api_for, plan, goal_indicators):
    url = f"/api/followup/plans/{plan.pk}/years/2020/"
    reader = {i["indicator"]: i for i in api_for("bob").get(url).json()["indicators"]}
    charged = reader["charged_10_17"]
    lyngbyen = next(a for a in charged["areas"] if a["name"] == "Lyngbyen/Gullestrup")
    assert lyngbyen["values"]["2020"] == {"value": None, "suppressed": True}
    assert charged["statuses"][0] == {
        "unit": "Boligområderne samlet",
        "status": "no_data",
        "reason": "Tallet for Boligområderne samlet i 2020 er diskretioneret.",
    }
    owner = {i["indicator"]: i for i in api_for("alice").get(url).json()["indicators"]}
    assert owner["charged_10_17"]["statuses"][0]["status"] == "on_track"
    assert owner["education_benefit_18_29"]["generated_text"].endswith(
        "mens den er faldet i kommunen."
    )


def test_the_owner_writes_through_the_api(api_for, plan, goal_indicators):
    alice = api_for("alice")
    gi = goal_indicators["charged_10_17"]
    created = alice.post(
        "/api/followup/goal-indicators/",
        {
            "goal": gi.goal_id,
            "indicator": "child_case_0_17",
            "target_kind": "value_by_year",
            "target_value": "6.5",
            "target_year": 2021,
            "baseline_year": 2019,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    bad = alice.patch(
        f"/api/followup/goal-indicators/{created.json()['id']}/",
        {"target_year": 2018},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json() == {"target_year": ["Målåret skal ligge efter basisåret."]}
    year = f"/api/followup/plans/{plan.pk}/years/2020/"
    review = alice.put(f"{year}review/", {"organisation": "Godt.", "meeting_date": "2021-02-03"})
    assert review.status_code == 200 and review.json()["organisation"] == "Godt."
    bad_date = alice.put(f"{year}review/", {"meeting_date": "3. februar"})
    assert bad_date.status_code == 400 and "Indtast en gyldig dato." in str(bad_date.json())
    text = alice.put(
        f"{year}texts/", {"goal_indicator": gi.pk, "text": "Egen tekst."}, format="json"
    )
    assert text.status_code == 200 and text.json()["text"] == "Egen tekst."
    assert text.json()["generated_text"].startswith("Kriminaliteten blandt de 10–17-årige")
    neither = alice.put(f"{year}texts/", {"text": "x"}, format="json")
    assert neither.status_code == 400
    rendered = alice.post(f"{year}report/")
    assert rendered.status_code == 201
    assert sorted(f["format"] for f in rendered.json()) == ["docx", "pdf"]
    pdf = api_for("bob").get(f"{year}report/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert alice.get(f"{year}report/xlsx/").status_code == 404
    assert alice.get(f"/api/followup/plans/{plan.pk}/years/2031/").status_code == 404
