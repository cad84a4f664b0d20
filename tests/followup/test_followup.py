"""The follow-up read from snapshots, and the services that write texts, reviews and issues."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from helhed.domain.reporting.status import Status
from helhed.followup import services
from helhed.followup.figures import plan_followup


def _item(followup, key):
    return next(i for i in followup.indicators if i.definition.key == key)


def test_reader_sees_the_suppressed_area_hidden_and_the_pooled_value_hidden_too(
    plan, goal_indicators, personas
):
    item = _item(plan_followup(plan, 2020, personas.bob), "charged_10_17")
    lyngbyen = next(s for s in item.areas if s.name == "Lyngbyen/Gullestrup")
    assert lyngbyen.hidden(2020) and lyngbyen.value(2019) == pytest.approx(6.25)
    assert item.combined is not None and item.combined.hidden(2020)
    assert item.generated_text == (
        "Udviklingen for boligområderne samlet kan ikke opgøres: tallet for 2020 er "
        "diskretioneret (for få personer). Fra 2019 til 2020 er kriminaliteten blandt de "
        "10–17-årige faldet i Brændgård-området og Holtbjerg og i kommunen. For "
        "Lyngbyen/Gullestrup kan udviklingen ikke opgøres: tallet for 2020 er diskretioneret "
        "(for få personer)."
    )
    assert item.table.rows[2] == ("Lyngbyen/Gullestrup", "6,3 %", "diskr.")  # up to 2020
    assert item.statuses[0].status is Status.NO_DATA


def test_the_data_owner_sees_every_value_and_the_pooled_value(plan, goal_indicators, personas):
    item = _item(plan_followup(plan, 2020, personas.alice), "charged_10_17")
    assert item.combined is not None
    assert item.combined.value(2020) == pytest.approx(100 * 15 / 319)
    assert item.generated_text == (
        "Kriminaliteten blandt de 10–17-årige i boligområderne er faldet fra 2019 til 2020 og "
        "nærmer sig gennemsnittet for Herning Kommune. Kriminaliteten blandt de 10–17-årige er "
        "faldet i alle tre boligområder og i kommunen."
    )
    assert item.statuses[0].status is Status.ON_TRACK
    assert [s.unit_name for s in item.statuses] == [
        "Boligområderne samlet",
        "Brændgård-området",
        "Holtbjerg",
        "Lyngbyen/Gullestrup",
    ]


def test_published_follow_up_reads_like_the_committee_document(plan, goal_indicators):
    followup = plan_followup(plan, 2020, None)
    benefit = _item(followup, "education_benefit_18_29")
    assert benefit.generated_text == (
        "Andelen af unge på uddannelseshjælp i boligområderne er steget fra 2019 til 2020 og "
        "fjerner sig fra gennemsnittet for Herning Kommune. Andelen af unge på uddannelseshjælp "
        "er steget i alle tre boligområder, mens den er faldet i kommunen."
    )
    assert benefit.statuses[0].status is Status.OFF_TRACK
    youth = _item(followup, "youth_education_by_25")
    assert youth.statuses[0].status is Status.OFF_TRACK
    assert youth.statuses[0].reason.startswith("Bagud i forhold til måltallet 75,0 % i 2021")
    assert youth.chart.target == 75.0
    assert [line.label for line in youth.chart.lines] == [
        "Brændgård-området",
        "Holtbjerg",
        "Lyngbyen/Gullestrup",
        "Herning Kommune",
        "Region Midtjylland",
        "Hele landet",
    ]


def test_changed_definition_versions_and_departments_are_noted(plan, goal_indicators, snapshot):
    from helhed.partnerships.models import Area, AreaDepartment, Department, Organisation

    snapshot.values.filter(indicator="education_benefit_18_29", year=2021).update(version=2)
    department = Department.objects.create(
        number="601-14",
        name="Gullestrup Nord",
        organisation=Organisation.objects.get(name="Fællesbo"),
        municipality=plan.municipality,
        tenancies=60,
    )
    AreaDepartment.objects.create(
        area=Area.objects.get(code="657-LYN"), department=department, valid_from=date(2020, 1, 1)
    )
    followup = plan_followup(plan, 2021, None)
    notes = _item(followup, "education_benefit_18_29").notes
    assert (
        "Definitionen af »Unge under 30 på uddannelseshjælp« er ændret undervejs (version 1 for "
        "2019 og 2020 og version 2 for 2021); tallene før og efter er ikke direkte "
        "sammenlignelige."
    ) in notes
    change = "Afdeling 601-14 Gullestrup Nord indgår i Lyngbyen/Gullestrup fra 01.01.2020."
    assert change in notes
    assert followup.department_changes == [change]


def test_edited_text_is_kept_beside_the_generated_text_and_flags_a_later_change(
    plan, goal_indicators, personas, snapshot
):
    gi = goal_indicators["education_benefit_18_29"]
    generated = _item(plan_followup(plan, 2020, None), "education_benefit_18_29").generated_text
    stored = services.report_text_save(
        actor=personas.alice,
        plan=plan,
        year=2020,
        text="Andelen er steget i alle tre områder.",
        generated_text=generated,
        goal_indicator=gi,
    )
    assert stored is not None and stored.generated_text == generated
    item = _item(plan_followup(plan, 2020, None), "education_benefit_18_29")
    assert item.final_text == "Andelen er steget i alle tre områder."
    assert item.generated_text == generated and not item.generated_changed
    # New figures change the generated text: the edit stays, and the change is flagged.
    snapshot.values.filter(indicator="education_benefit_18_29", unit_id="657", year=2020).update(
        value=30.0
    )
    item = _item(plan_followup(plan, 2020, None), "education_benefit_18_29")
    assert item.final_text == "Andelen er steget i alle tre områder." and item.generated_changed
    # Saving the generated text itself (or nothing) removes the edit.
    assert (
        services.report_text_save(
            actor=personas.alice, plan=plan, year=2020, text="", goal_indicator=gi
        )
        is None
    )
    assert plan.followup_texts.count() == 0


def test_an_issued_report_locks_texts_and_review_until_it_is_reopened(
    plan, goal_indicators, personas
):
    services.report_issue(actor=personas.alice, plan=plan, year=2020)
    with pytest.raises(ValidationError, match="er udsendt"):
        services.report_text_save(
            actor=personas.alice,
            plan=plan,
            year=2020,
            text="Ny tekst",
            focus_area=plan.focus_areas.first(),
        )
    with pytest.raises(ValidationError, match="er udsendt"):
        services.annual_review_save(
            actor=personas.alice, plan=plan, year=2020, data={"organisation": "x"}
        )
    with pytest.raises(ValidationError, match="er udsendt"):
        services.report_issue(actor=personas.alice, plan=plan, year=2020)
    services.report_reopen(actor=personas.alice, plan=plan, year=2020)
    review = services.annual_review_save(
        actor=personas.alice, plan=plan, year=2020, data={"organisation": "Godt samarbejde."}
    )
    assert review.organisation == "Godt samarbejde."
    with pytest.raises(ValidationError, match="ikke udsendt"):
        services.report_reopen(actor=personas.alice, plan=plan, year=2020)


def test_a_linked_meeting_sets_the_review_date_and_must_belong_to_the_plan(
    plan, viborg_plan, personas
):
    from helhed.partnerships.models import Body, BodyMeeting

    meeting = BodyMeeting.objects.get(body__plan=plan, title="Årligt eftersyn 2020")
    review = services.annual_review_save(
        actor=personas.alice, plan=plan, year=2020, data={"meeting": meeting}
    )
    assert review.meeting_date == date(2021, 2, 3)
    other = BodyMeeting.objects.create(
        body=Body.objects.create(plan=viborg_plan, kind="board", name="Viborg-bestyrelsen"),
        date=date(2023, 1, 5),
        title="Møde",
    )
    with pytest.raises(ValidationError) as caught:
        services.annual_review_save(
            actor=personas.alice, plan=plan, year=2021, data={"meeting": other}
        )
    assert caught.value.message_dict["meeting"] == ["Mødet hører til en anden plan."]
    assert not plan.annual_reviews.filter(year=2021).exists()


def test_goal_indicator_rules_are_danish(plan, personas):
    from helhed.partnerships.models import Goal, Organisation

    goal = Goal.objects.get(plan=plan, title="Færre børnesager")
    bad = {
        "indicator": "child_case_0_17",
        "target_kind": "value_by_year",
        "target_value": None,
        "target_year": 2018,
        "baseline_year": 2019,
        "responsible": Organisation.objects.get(name="Viborg Kommune"),
    }
    with pytest.raises(ValidationError) as caught:
        services.goal_indicator_save(actor=personas.alice, goal=goal, data=bad)
    assert caught.value.message_dict == {
        "target_value": ["Angiv måltallet."],
        "target_year": ["Målåret skal ligge efter basisåret."],
        "responsible": ["Den ansvarlige skal være partner i planen eller planens kommune."],
    }
    total = {**bad, "indicator": "volunteers", "target_kind": "approach_average"}
    total.update(target_year=None, responsible=None)
    with pytest.raises(ValidationError) as caught:
        services.goal_indicator_save(actor=personas.alice, goal=goal, data=total)
    assert "En sum kan ikke sammenlignes" in caught.value.message_dict["target_kind"][0]
    neutral = {**total, "indicator": "residents", "target_kind": "not_worse"}
    with pytest.raises(ValidationError) as caught:
        services.goal_indicator_save(actor=personas.alice, goal=goal, data=neutral)
    assert "indicator" in caught.value.message_dict
    assert not goal.followup_indicators.exists()


def test_an_indicator_without_figures_says_so_and_still_renders(plan, goal_indicators, personas):
    from helhed.followup.models import GoalIndicator
    from helhed.followup.rendering import render_docx
    from helhed.followup.report_context import build_status_report
    from helhed.partnerships.models import Goal

    GoalIndicator.objects.create(
        goal=Goal.objects.get(plan=plan, title="Færre børnesager"),
        indicator="child_case_0_17",
        target_kind="approach_average",
        baseline_year=2019,
    )
    item = _item(plan_followup(plan, 2020, personas.bob), "child_case_0_17")
    assert (
        item.generated_text == "Der er endnu ingen tal for andelen af børnesager i boligområderne."
    )
    assert (item.statuses[0].status, item.statuses[0].reason) == (
        Status.NO_DATA,
        "Der er ingen tal til og med 2020.",
    )
    report = build_status_report(plan, 2020, personas.bob)
    assert report.status_summary == (
        "Af 4 målindikatorer er 0 på rette spor, 2 ikke på rette spor og 2 uden data for 2020."
    )
    assert render_docx(report).startswith(b"PK")
