"""Fixtures of the gains tests: a calculation with the documented minimal scenario on the demo
plan's Bydelsmødre activity (Herning), and the URLs of every gains page."""

from __future__ import annotations

import copy

import pytest

# The minimal scenario of issue 7 / docs/gains.md, exactly as written there.
MINIMAL = {
    "horizon_years": 5,
    "discount_rate": 0.035,
    "participants_per_year": [10, 10],
    "cost_per_participant": {"kommune": 20000},
    "success_rate": 0.2,
    "consequences": [
        {
            "item": "offentlig forsørgelse",
            "change_per_success_per_year": [1, 1, 1, 1, 1],
            "price": {"kommune": 65000, "stat": 10000},
        }
    ],
}


def minimal() -> dict:
    return copy.deepcopy(MINIMAL)


@pytest.fixture
def herning_activity(db):
    from helhed.partnerships.models import Activity

    return Activity.objects.get(plan__name="Plads Til Forskel", name="Bydelsmødre")


@pytest.fixture
def calculation(herning_activity, personas):
    from helhed.gains import services

    return services.calculation_create(
        actor=personas.alice,
        activity=herning_activity,
        name="Minimalt eksempel",
        scenario=minimal(),
    )


def calculation_urls(calculation) -> dict[str, str]:
    base = f"/gevinster/aktiviteter/{calculation.activity_id}/"
    page = f"{base}beregninger/{calculation.pk}/"
    return {
        "activity": base,
        "create": f"{base}beregninger/ny/",
        "calculation": page,
        "xlsx": f"{page}xlsx/",
        "delete": f"{page}slet/",
    }


def structured_post(scenario: dict, name: str = "Minimalt eksempel", **overrides) -> dict:
    """The POST data of the structured form for a scenario with kommune/region/stat bodies."""
    data = {
        "mode": "form",
        "name": name,
        "horizon_years": str(scenario["horizon_years"]),
        "participants_per_year": "; ".join(str(n) for n in scenario["participants_per_year"]),
        "discount_rate": str(round(scenario.get("discount_rate", 0.035) * 100, 6)).replace(
            ".", ","
        ),
        "success_rate": str(round(scenario["success_rate"] * 100, 6)).replace(".", ","),
        "consequences-TOTAL_FORMS": str(len(scenario["consequences"])),
        "consequences-INITIAL_FORMS": str(len(scenario["consequences"])),
        "consequences-MIN_NUM_FORMS": "0",
        "consequences-MAX_NUM_FORMS": "1000",
    }
    for body, amount in scenario.get("cost_per_participant", {}).items():
        data[f"cost_{body}"] = str(amount)
    for index, consequence in enumerate(scenario["consequences"]):
        prefix = f"consequences-{index}-"
        data[prefix + "item"] = consequence["item"]
        data[prefix + "changes"] = "; ".join(
            str(c) for c in consequence["change_per_success_per_year"]
        )
        for body, price in consequence["price"].items():
            data[prefix + f"price_{body}"] = str(price)
    data.update(overrides)
    return data
