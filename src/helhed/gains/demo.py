"""Demo gains calculations for the demo plan's "Bydelsmødre" and "Fritidsjob" activities.

Prices come from the knowledge base, each cited in the scenario's notes. Participant numbers,
costs per participant, success rates and the size of the changes are synthetic, and the notes say
so. Idempotent: a calculation that is already there is left alone.
"""

from __future__ import annotations

from typing import Any

from helhed.domain.gains import KnowledgeEntry
from helhed.gains import selectors, services
from helhed.gains.models import Calculation
from helhed.partnerships.demo import PLAN_NAME
from helhed.partnerships.models import Activity

SYNTHETIC = (
    "Syntetisk demo: deltagertal, omkostning pr. deltager, succesrate og ændringernes størrelse "
    "er opfundne tal, der kun viser, hvordan beregningen bruges."
)


def _knowledge(item: str, price_year: int | None = None) -> KnowledgeEntry:
    return selectors.shipped_knowledge().find(item, price_year)


def _kr(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def _cite(entry: KnowledgeEntry) -> str:
    return (
        f"Kilde: {entry.item}: {_kr(entry.value)} {entry.unit}, prisår "
        f"{entry.price_year_note}; {entry.source}"
    )


def bydelsmoedre_scenario() -> dict[str, Any]:
    area = _knowledge(
        "Offentlig forsørgelse pr. borger i udsatte boligområder (KL's egne beregninger)"
    )
    national = _knowledge(
        "Offentlig forsørgelse pr. borger, gennemsnit for hele landet (KL's egne beregninger)"
    )
    gap = area.value - national.value  # 65,000 - 29,000 kr a year (2014 prices)
    return {
        "horizon_years": 5,
        "discount_rate": 0.035,
        "participants_per_year": [15, 15, 15],
        "cost_per_participant": {"kommune": 12000},
        "success_rate": 0.1,
        "consequences": [
            {
                "item": "Offentlig forsørgelse: fra områdets niveau til landsgennemsnittet",
                "change_per_success_per_year": [1, 1, 1, 1, 1],
                "price": {"kommune": gap},
            }
        ],
        "uncertainty": {
            "success_rate": {"low": 0.05, "high": 0.2},
            "cost_per_participant.kommune": {"low": 8000, "high": 16000},
            "consequences[0].price.kommune": {"low": gap / 2, "high": gap},
        },
        "monte_carlo": {"draws": 2000, "seed": 1},
        "notes": [
            SYNTHETIC,
            "En succes er en kvinde, hvis forbrug af offentlig forsørgelse falder fra niveauet "
            "i udsatte boligområder til landsgennemsnittet; prisen er forskellen "
            f"({_kr(area.value)} − {_kr(national.value)} kr. pr. år, 2014-priser).",
            _cite(area),
            _cite(national),
            "Til sammenligning: Økonomer uden Grænser anslår 2,8 kr. igen pr. investeret krone "
            "(KL: Gevinster ved boligsociale indsatser (2016), s. 12); det er en "
            "samfundsøkonomisk værdi, ikke en budgetgevinst, og indgår ikke i beregningen.",
        ],
    }


def fritidsjob_scenario() -> dict[str, Any]:
    benefit = _knowledge("Kontanthjælp sats, 25-29 år udeboende", 2023)
    return {
        "horizon_years": 8,
        "discount_rate": 0.035,
        "participants_per_year": [30, 35, 38],
        "cost_per_participant": {"kommune": 6000},
        "success_rate": 0.1,
        "consequences": [
            {
                "item": "Måneder på kontanthjælp, der undgås",
                "change_per_success_per_year": [0, 0, 0, 6, 6, 6, 6, 6],
                "price": {"kommune": benefit.value},
            }
        ],
        "uncertainty": {
            "success_rate": {"low": 0.05, "high": 0.2},
            "cost_per_participant.kommune": {"low": 4000, "high": 9000},
            "consequences[0].change_scale": {"low": 0.5, "high": 1.5},
        },
        "monte_carlo": {"draws": 2000, "seed": 1},
        "notes": [
            SYNTHETIC,
            "En succes er en ung, der tre år efter fritidsjobbet undgår seks måneder om året "
            "på kontanthjælp.",
            _cite(benefit),
            "Satsen er før statsrefusion; kommunens reelle gevinst er lavere (docs/gains.md).",
        ],
    }


DEMO_CALCULATIONS = (
    (
        "Bydelsmødre",
        "Bydelsmødre: offentlig forsørgelse",
        bydelsmoedre_scenario,
        "bydelsmoedre-herning",
    ),
    ("Fritidsjob", "Fritidsjob: færre på kontanthjælp", fritidsjob_scenario, ""),
)


def load_demo_gains() -> dict[str, list[str]]:
    """Add the demo calculations to the demo plan's activities (if they are there)."""
    created = []
    for activity_name, name, scenario, entry in DEMO_CALCULATIONS:
        activity = Activity.objects.filter(plan__name=PLAN_NAME, name=activity_name).first()
        if activity is None or Calculation.objects.filter(activity=activity, name=name).exists():
            continue
        services.calculation_create(
            actor=None, activity=activity, name=name, scenario=scenario(), catalogue_entry=entry
        )
        created.append(name)
    return {"calculations_created": created}
