"""The follow-up pages: outsider 404 and reader 403 on every view, Danish errors, the owner's flow."""

from __future__ import annotations

import pytest


@pytest.fixture
def urls(plan, goal_indicators):
    gi = goal_indicators["education_benefit_18_29"]
    base = f"/opfoelgning/planer/{plan.pk}/"
    year = f"{base}aar/2020/"
    focus = plan.focus_areas.first()
    return {
        "read": [
            base,
            year,
            f"{year}eftersyn/",
            f"{year}rapport/",
        ],
        "write": [
            (f"{base}maal/{gi.goal_id}/indikatorer/ny/", {"indicator": "child_case_0_17"}),
            (f"{base}indikatorer/{gi.pk}/rediger/", {"baseline_year": "2018"}),
            (f"{base}indikatorer/{gi.pk}/slet/", {}),
            (f"{year}tekster/indikator/{gi.pk}/", {"text": "Ny tekst"}),
            (f"{year}tekster/indsatsomraade/{focus.pk}/", {"text": "Ny tekst"}),
            (f"{year}eftersyn/rediger/", {"organisation": "Ny tekst"}),
        ],
        "post_only": [f"{year}rapport/dan/", f"{year}rapport/udsend/"],
        "download": [f"{year}rapport/pdf/", f"{year}rapport/docx/"],
    }


def _state():
    from helhed.followup.models import (
        AnnualReview,
        GoalIndicator,
        ReportFile,
        ReportIssue,
        ReportText,
    )

    return [
        list(m.objects.order_by("pk").values())
        for m in (GoalIndicator, ReportText, AnnualReview, ReportIssue)
    ] + [list(ReportFile.objects.values_list("pk", "sha256"))]


def test_an_outsider_gets_404_on_every_view(client_for, urls):
    olivia = client_for("olivia")
    before = _state()
    for url in urls["read"] + urls["download"]:
        assert olivia.get(url).status_code == 404, url
    for url, data in urls["write"]:
        assert olivia.get(url).status_code == 404, url
        assert olivia.post(url, data).status_code == 404, url
    for url in urls["post_only"]:
        assert olivia.post(url).status_code == 404, url
    assert _state() == before


def test_a_reader_reads_but_every_write_is_403_and_changes_nothing(client_for, urls):
    bob = client_for("bob")
    before = _state()
    for url in urls["read"]:
        response = bob.get(url, follow=True)
        assert response.status_code == 200, url
        assert "Rediger teksten" not in response.content.decode()
    for url, data in urls["write"]:
        assert bob.get(url).status_code == 403, url
        assert bob.post(url, data).status_code == 403, url
    for url in urls["post_only"]:
        assert bob.post(url).status_code == 403, url
    for url in urls["download"]:  # not rendered yet: nothing to download
        assert bob.get(url).status_code == 404, url
    assert _state() == before


def test_housing_staff_read_the_follow_up_but_cannot_change_it(client_for, urls):
    carol = client_for("carol")
    assert carol.get(urls["read"][1]).status_code == 200
    url, data = urls["write"][3]
    assert carol.post(url, data).status_code == 403


def test_anonymous_is_sent_to_login(client, urls):
    response = client.get(urls["read"][1])
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_an_object_of_another_plan_or_a_year_outside_the_plan_is_404(
    client_for, plan, viborg_plan, goal_indicators
):
    gi = goal_indicators["charged_10_17"]
    olivia = client_for("olivia")  # coordinator of the Viborg plan
    assert (
        olivia.get(f"/opfoelgning/planer/{viborg_plan.pk}/indikatorer/{gi.pk}/rediger/").status_code
        == 404
    )
    alice = client_for("alice")
    assert alice.get(f"/opfoelgning/planer/{plan.pk}/aar/2030/").status_code == 404
    assert alice.get(f"/opfoelgning/planer/{plan.pk}/aar/2020/rapport/xlsx/").status_code == 404


def test_the_follow_up_page_shows_status_text_chart_and_table(client_for, plan, goal_indicators):
    page = client_for("alice").get(f"/opfoelgning/planer/{plan.pk}/aar/2020/").content.decode()
    assert "Målopfølgning 2020: Plads Til Forskel" in page
    assert "Andelen af unge på uddannelseshjælp er steget i alle tre boligområder" in page
    assert "Ikke på rette spor" in page and "På rette spor" in page
    assert 'src="data:image/png;base64,' in page and "Region Midtjylland" in page
    assert "Statusrapport (PDF og Word)" in page and 'hx-post="' in page


def test_bad_input_gets_danish_errors_and_changes_nothing(client_for, plan, goal_indicators):
    alice = client_for("alice")
    gi = goal_indicators["charged_10_17"]
    before = _state()
    response = alice.post(
        f"/opfoelgning/planer/{plan.pk}/maal/{gi.goal_id}/indikatorer/ny/",
        {"indicator": "child_case_0_17", "target_kind": "value_by_year", "baseline_year": "2019"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Formularen indeholder fejl" in page and "Angiv måltallet." in page
    response = alice.post(
        f"/opfoelgning/planer/{plan.pk}/indikatorer/{gi.pk}/rediger/",
        {"indicator": "residents", "target_kind": "nonsense", "baseline_year": "1990"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Marker en gyldig valgmulighed" in page
    assert "Denne værdi skal være større end eller lig 2000." in page
    response = alice.post(
        f"/opfoelgning/planer/{plan.pk}/aar/2020/eftersyn/rediger/",
        {"meeting_date": "31.02.2021"},
    )
    assert response.status_code == 400 and "Indtast en gyldig dato." in response.content.decode()
    response = alice.post(
        f"/opfoelgning/planer/{plan.pk}/aar/2020/tekster/indikator/{gi.pk}/", {"text": "x" * 5001}
    )
    assert response.status_code == 400 and "må højst have 5000 tegn" in response.content.decode()
    assert _state() == before


def test_the_coordinator_edits_text_records_the_review_and_issues_the_report(
    client_for, plan, goal_indicators
):
    from helhed.followup.models import AnnualReview, ReportText

    alice = client_for("alice")
    gi = goal_indicators["education_benefit_18_29"]
    year = f"/opfoelgning/planer/{plan.pk}/aar/2020/"
    form = alice.get(f"{year}tekster/indikator/{gi.pk}/").content.decode()
    assert "Genereret tekst" in form and "mens den er faldet i kommunen." in form
    response = alice.post(f"{year}tekster/indikator/{gi.pk}/", {"text": "Vores egen tekst."})
    assert response.status_code == 302
    text = ReportText.objects.get(plan=plan, year=2020, goal_indicator=gi)
    assert (
        text.text == "Vores egen tekst." and "mens den er faldet i kommunen." in text.generated_text
    )
    page = alice.get(f"{year}").content.decode()
    assert "Vores egen tekst." in page and "Redigeret tekst" in page
    response = alice.post(f"{year}eftersyn/rediger/", {"organisation": "- punkt et\n- punkt to"})
    assert response.status_code == 302
    assert AnnualReview.objects.get(plan=plan, year=2020).organisation.startswith("- punkt et")
    assert "<li>punkt et</li>" in alice.get(f"{year}eftersyn/").content.decode()
    assert alice.post(f"{year}rapport/udsend/", {"action": "issue"}).status_code == 302
    response = alice.post(f"{year}tekster/indikator/{gi.pk}/", {"text": "Endnu en tekst."})
    assert response.status_code == 400 and "er udsendt" in response.content.decode()
    assert ReportText.objects.get(pk=text.pk).text == "Vores egen tekst."


def test_generating_the_report_stores_pdf_and_word_for_every_reader(
    client_for, plan, goal_indicators
):
    alice = client_for("alice")
    year = f"/opfoelgning/planer/{plan.pk}/aar/2020/"
    partial = alice.post(f"{year}rapport/dan/", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    body = partial.content.decode()
    assert "Hent PDF" in body and "Hent Word" in body and "<html" not in body
    plain = alice.post(f"{year}rapport/dan/")
    assert plain.status_code == 302 and plain["Location"].endswith("#statusrapport")
    bob = client_for("bob")
    pdf = bob.get(f"{year}rapport/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    docx = bob.get(f"{year}rapport/docx/")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    preview = bob.get(f"{year}rapport/").content.decode()
    assert "Sagsresume" in preview and "Indstilling" in preview


def test_the_index_lists_only_the_plans_the_user_may_see(client_for, plan, viborg_plan):
    bob = client_for("bob").get("/opfoelgning/").content.decode()
    assert "Plads Til Forskel" in bob and "Sammen På Tværs" not in bob
    olivia = client_for("olivia").get("/opfoelgning/").content.decode()
    assert "Plads Til Forskel" not in olivia and "Sammen På Tværs" in olivia
