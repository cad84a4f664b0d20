"""A plan goal followed with a survey indicator: the areas pooled by respondents, no municipal
comparison (the municipal sum covers only what was delivered), the follow-up page shows it."""

from __future__ import annotations

import pytest

from helhed.domain.reporting.status import Status
from helhed.followup.figures import plan_followup

# Brændgård 2019 per department (601-31, 601-32), everything else per area.
SURVEY = (
    "department_id,year,indicator,value,numerator,denominator,area_id\n"
    ",2019,feel_safe_evening,,60,100,657-LYN\n"
    ",2020,feel_safe_evening,,72,120,657-LYN\n"
    ",2019,feel_safe_evening,,50,100,657-HOL\n"
    ",2020,feel_safe_evening,,66,110,657-HOL\n"
    "601-31,2019,feel_safe_evening,,25,50,\n"
    "601-32,2019,feel_safe_evening,,15,30,\n"
    ",2020,feel_safe_evening,,45,75,657-BRA\n"
)


@pytest.fixture
def survey_goal(plan, personas, tmp_path):
    from helhed.followup.models import GoalIndicator
    from helhed.indicators.services import aggregates_import
    from helhed.partnerships.models import Goal, Organisation

    path = tmp_path / "tryghed.csv"
    path.write_text(SURVEY, encoding="utf-8")
    herning = Organisation.objects.get(name="Herning Kommune")
    aggregates_import(actor=personas.alice, organisation=herning, path=path)
    goal = Goal.objects.create(
        plan=plan,
        focus_area=plan.focus_areas.get(name="Trivsel og tryghed"),
        title="Større tryghed om aftenen",
    )
    return GoalIndicator.objects.create(
        goal=goal,
        indicator="feel_safe_evening",
        target_kind="not_worse",
        baseline_year=2019,
        responsible=herning,
    )


def test_a_survey_goal_pools_the_areas_by_respondents(plan, personas, survey_goal):
    followup = plan_followup(plan, 2020, personas.bob)
    item = next(i for i in followup.indicators if i.definition.key == "feel_safe_evening")
    assert item.years == [2019, 2020]
    areas = {s.name: (s.value(2019), s.value(2020)) for s in item.areas}
    assert areas == {
        "Brændgård-området": (50.0, 60.0),
        "Holtbjerg": (50.0, 60.0),
        "Lyngbyen/Gullestrup": (60.0, 60.0),
    }
    # (60 + 50 + 40) / (100 + 100 + 80) and (72 + 66 + 45) / (120 + 110 + 75)
    assert item.combined is not None
    assert item.combined.value(2019) == 100 * 150 / 280
    assert item.combined.value(2020) == 100 * 183 / 305 == 60.0
    # the municipal figure is the sum of the same deliveries: no comparison is made
    assert item.municipality.value(2020) == 60.0
    assert "Herning Kommune" not in [row[0] for row in item.table.rows]
    assert (
        "Der er intet kommunetal at sammenligne med: undersøgelsens tal dækker kun de "
        "afdelinger og boligområder, der er indlæst tal for."
    ) in item.notes
    assert item.statuses[0].status is Status.ON_TRACK
    assert item.generated_text == (
        "Trygheden om aftenen i boligområderne er steget fra 2019 til 2020. Trygheden om "
        "aftenen er steget i Brændgård-området og Holtbjerg, men stort set uændret i "
        "Lyngbyen/Gullestrup."
    )


def test_the_follow_up_page_shows_the_survey_indicator(client_for, plan, survey_goal):
    html = client_for("bob").get(f"/opfoelgning/planer/{plan.pk}/aar/2020/").content.decode()
    assert "Beboere, der føler sig trygge i området om aftenen" in html
    assert "53,6 %" in html and "60,0 %" in html
    assert client_for("olivia").get(f"/opfoelgning/planer/{plan.pk}/aar/2020/").status_code == 404


def test_the_demo_loads_synthetic_survey_results_for_its_areas(plan):
    from helhed.followup.demo import load_demo_followup
    from helhed.indicators.models import ComputationRun, IndicatorValue

    assert load_demo_followup() == plan
    assert load_demo_followup() == plan  # idempotent: one survey run
    run = ComputationRun.objects.get(kind="survey")
    assert run.source == "beboerundersoegelse-og-trivselsmaaling-2019-2021.csv (syntetisk)"
    assert run.years == [2019, 2020, 2021] and run.organisation.name == "Herning Kommune"

    def value(level, unit_id, indicator, year=2021):
        return IndicatorValue.objects.get(
            run=run, level=level, unit_id=unit_id, indicator=indicator, year=year
        )

    safe = value("area", "657-LYN", "feel_safe_evening")  # 68 % of 126 respondents
    assert (safe.value, safe.numerator, safe.denominator) == (100 * 86 / 126, 86, 126)
    # Brændgård's pupils per department: 85.1 + 81.4 + 74.0 + 29.6 points / 73 pupils
    pupils = value("area", "657-BRA", "pupil_wellbeing")
    assert pupils.denominator == 73 and pupils.value == pytest.approx(3.7)
    assert value("department", "602-34", "pupil_wellbeing").suppressed  # 8 pupils
    assert not pupils.suppressed
