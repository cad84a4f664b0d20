"""The scenario editor's conversions: Danish numbers in, the core's format out, errors back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from helhed.domain.gains import Problem
from helhed.gains.scenario_form import ScenarioEditor, YearListField, decimal_text
from tests.gains.conftest import minimal, structured_post


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10; 10", [Decimal(10), Decimal(10)]),
        ("0,5 1", [Decimal("0.5"), Decimal(1)]),
        ("0,5, 1,5", [Decimal("0.5"), Decimal("1.5")]),
        ("1.200;3", [Decimal(1200), Decimal(3)]),
        ("", []),
    ],
)
def test_year_list_reads_danish_numbers(text, expected, settings):
    assert YearListField(required=False).clean(text) == expected


def test_year_list_refuses_words_and_fractions_of_people():
    with pytest.raises(ValidationError, match="'ti' er ikke et tal"):
        YearListField().clean("ti; 10")
    with pytest.raises(ValidationError, match="hele tal"):
        YearListField(integers=True).clean("10,5")


def test_decimal_text():
    assert decimal_text(0.035 * 100) == "3,5"
    assert decimal_text(65000.0) == "65000"


def test_editor_round_trips_a_scenario():
    stored = {
        **minimal(),
        "uncertainty": {"consequences[0].price.kommune": {"low": 5e4, "high": 8e4}},
    }
    editor = ScenarioEditor(stored=stored, name="x", data=None)
    assert editor.form.initial["success_rate"] == Decimal(20)
    assert editor.consequences.initial[0]["price_kommune_low"] == Decimal(50000)
    data = structured_post(
        minimal(),
        **{
            "consequences-0-price_kommune_low": "50.000",
            "consequences-0-price_kommune_high": "80000",
        },
    )
    bound = ScenarioEditor(stored=stored, name="x", data=data)
    assert bound.is_valid(), (bound.form.errors, bound.consequences.errors)
    assert bound.scenario() == {**minimal(), "uncertainty": stored["uncertainty"]}


def test_an_untouched_new_row_is_ignored():
    """A browser sends the empty extra row's boxes as empty strings."""
    data = structured_post(minimal())
    data["consequences-TOTAL_FORMS"] = "2"
    for field in ("item", "changes", "price_kommune", "price_kommune_low", "scale_low"):
        data[f"consequences-1-{field}"] = ""
    editor = ScenarioEditor(stored=minimal(), name="x", data=data)
    assert editor.is_valid()
    assert editor.scenario()["consequences"] == minimal()["consequences"]


def test_core_problems_land_on_the_matching_field():
    data = structured_post(minimal(), success_rate_low="10")
    editor = ScenarioEditor(stored=minimal(), name="x", data=data)
    assert editor.is_valid()
    editor.scenario()
    editor.add_problems(
        [
            Problem("uncertainty.success_rate.high", "mangler"),
            Problem("consequences[0].price.stat", "skal være et tal"),
            Problem("cost_per_participant.kommune", "kan ikke være negativ"),
            Problem("sroi", "noget andet"),
        ]
    )
    assert editor.form.errors["success_rate_high"] == ["mangler"]
    assert editor.form.errors["cost_kommune"] == ["kan ikke være negativ"]
    assert editor.consequences.forms[0].errors["price_stat"] == ["skal være et tal"]
    assert editor.problems[-1] == "sroi: noget andet"  # shown at the top, with its path


def test_wellbeing_scenarios_get_the_society_column():
    stored = {**minimal(), "approach": "wellbeing"}
    editor = ScenarioEditor(stored=stored, name="x", data=None)
    assert "cost_samfund" in editor.form.fields
    assert "price_samfund" in editor.consequences.forms[0].fields
    assert editor.kept_fields == ["approach"]
