"""The demo gains: two sourced calculations on the demo plan, loaded idempotently."""

from __future__ import annotations

import pytest

from helhed.gains.demo import load_demo_gains
from helhed.gains.models import Calculation

pytestmark = pytest.mark.django_db


def test_demo_adds_two_sourced_calculations_once():
    assert load_demo_gains()["calculations_created"] == [
        "Bydelsmødre: offentlig forsørgelse",
        "Fritidsjob: færre på kontanthjælp",
    ]
    assert load_demo_gains()["calculations_created"] == []
    mothers = Calculation.objects.get(activity__name="Bydelsmødre")
    jobs = Calculation.objects.get(activity__name="Fritidsjob")
    assert mothers.activity.plan.name == jobs.activity.plan.name == "Plads Til Forskel"
    # KL's 65,000 kr vs 29,000 kr (2014): a success moves one resident to the national level.
    assert mothers.scenario["consequences"][0]["price"] == {"kommune": 36000.0}
    assert mothers.catalogue_entry == "bydelsmoedre-herning"
    assert jobs.scenario["consequences"][0]["price"] == {"kommune": 7699.0}
    for calculation in (mothers, jobs):
        notes = calculation.scenario["notes"]
        assert notes[0].startswith("Syntetisk demo")
        assert any(note.startswith("Kilde: ") for note in notes)
        assert calculation.result["tornado"] and calculation.result["monte_carlo"]
    assert "KL: Gevinster ved boligsociale indsatser (2016), s. 5" in " ".join(
        mothers.scenario["notes"]
    )
