"""The inspiration catalogue (inspirationskatalog): KL's 18 examples as structured entries.

data/catalogue.json holds the entries transcribed from "KL: Gevinster ved boligsociale indsatser
(2016)". Every result and gain carries its source. Seven examples appear only in the table of
contents of the text we have; they are kept with text_available = false and no invented content.
An entry can become the starting scenario of a calculation: its template names consequences whose
prices come from the knowledge base, and everything the catalogue does not say is returned as an
open assumption for the user to fill in, never as a made-up number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from helhed.domain.gains.knowledge import (
    KnowledgeBase,
    PriceIndex,
    adjust_entry,
    default_knowledge_base,
    load_price_index,
)
from helhed.domain.gains.model import (
    DEFAULT_DISCOUNT_RATE,
    Approach,
    Consequence,
    Scenario,
)


@dataclass(frozen=True)
class SourcedStatement:
    text: str
    source: str
    value: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class TemplateConsequence:
    item: str
    knowledge_item: str
    knowledge_price_year: int | None
    body: str
    unit: str
    change_per_success_per_year: tuple[float, ...]
    note: str


@dataclass(frozen=True)
class ScenarioTemplate:
    approach: Approach
    participants_per_year: tuple[int, ...] | None
    participants_source: str | None
    consequences: tuple[TemplateConsequence, ...]


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    title: str
    municipality: str
    area: str | None
    focus: str
    page: int
    text_available: bool
    source: str
    goal: str | None
    target_group: str | None
    method: str | None
    partners: tuple[str, ...]
    results: tuple[SourcedStatement, ...]
    gains: tuple[SourcedStatement, ...]
    note: str | None
    scenario_template: ScenarioTemplate | None

    @property
    def statements(self) -> tuple[SourcedStatement, ...]:
        return self.results + self.gains


@dataclass(frozen=True)
class StartingScenario:
    entry_id: str
    scenario: Scenario
    open_assumptions: tuple[str, ...]
    sources: tuple[str, ...]


def _statements(raw: list[dict[str, Any]]) -> tuple[SourcedStatement, ...]:
    return tuple(
        SourcedStatement(text=s["text"], source=s["source"], value=s["value"], unit=s["unit"])
        for s in raw
    )


def _template(raw: dict[str, Any] | None) -> ScenarioTemplate | None:
    if raw is None:
        return None
    participants = raw["participants_per_year"]
    return ScenarioTemplate(
        approach=Approach(raw["approach"]),
        participants_per_year=tuple(participants) if participants is not None else None,
        participants_source=raw["participants_source"],
        consequences=tuple(
            TemplateConsequence(
                item=c["item"],
                knowledge_item=c["knowledge_item"],
                knowledge_price_year=c["knowledge_price_year"],
                body=c["body"],
                unit=c["unit"],
                change_per_success_per_year=tuple(c["change_per_success_per_year"]),
                note=c["note"],
            )
            for c in raw["consequences"]
        ),
    )


def _entry(raw: dict[str, Any]) -> CatalogueEntry:
    return CatalogueEntry(
        id=raw["id"],
        title=raw["title"],
        municipality=raw["municipality"],
        area=raw["area"],
        focus=raw["focus"],
        page=raw["page"],
        text_available=raw["text_available"],
        source=raw["source"],
        goal=raw["goal"],
        target_group=raw["target_group"],
        method=raw["method"],
        partners=tuple(raw["partners"]),
        results=_statements(raw["results"]),
        gains=_statements(raw["gains"]),
        note=raw["note"],
        scenario_template=_template(raw["scenario_template"]),
    )


def load_catalogue() -> tuple[CatalogueEntry, ...]:
    text = (
        resources.files("helhed.domain.gains").joinpath("data", "catalogue.json").read_text("utf-8")
    )
    return tuple(_entry(raw) for raw in json.loads(text)["entries"])


def _normalise(text: str) -> str:
    # Users type "Noeddeknaekker" as often as "Nøddeknækker"; fold both to one spelling.
    folded = text.casefold()
    for letter, spelling in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        folded = folded.replace(letter, spelling)
    return folded


def _haystack(entry: CatalogueEntry) -> str:
    parts = [
        entry.title,
        entry.municipality,
        entry.area or "",
        entry.focus,
        entry.goal or "",
        entry.target_group or "",
        entry.method or "",
        *entry.partners,
        *(statement.text for statement in entry.statements),
    ]
    return _normalise(" ".join(parts))


def search(entries: tuple[CatalogueEntry, ...], query: str) -> tuple[CatalogueEntry, ...]:
    """Entries containing every word of the query; title matches first, then catalogue order."""
    words = _normalise(query).split()
    hits = [entry for entry in entries if all(word in _haystack(entry) for word in words)]
    in_title = [e for e in hits if all(word in _normalise(e.title) for word in words)]
    return tuple(in_title + [e for e in hits if e not in in_title])


def get_entry(entries: tuple[CatalogueEntry, ...], entry_id: str) -> CatalogueEntry:
    for entry in entries:
        if entry.id == entry_id:
            return entry
    raise KeyError(f"'{entry_id}' findes ikke i inspirationskataloget")


def starting_scenario(
    entry: CatalogueEntry,
    knowledge: KnowledgeBase | None = None,
    *,
    horizon_years: int = 5,
    participants_per_year: tuple[int, ...] | None = None,
    cost_per_participant: dict[str, float] | None = None,
    success_rate: float | None = None,
    discount_rate: float = DEFAULT_DISCOUNT_RATE,
    price_year: int | None = None,
    price_index: PriceIndex | None = None,
) -> StartingScenario:
    """A first scenario for a catalogue entry; what the user must still decide is listed.

    Prices come from the knowledge base, adjusted to price_year with the price index when one is
    given. Values the caller passes replace the template's; values nobody knows are set to zero
    and named in open_assumptions.
    """
    knowledge = knowledge or default_knowledge_base()
    template = entry.scenario_template
    open_assumptions: list[str] = []
    sources = [entry.source]

    participants = participants_per_year
    if participants is None and template and template.participants_per_year:
        participants = template.participants_per_year
        if template.participants_source:
            sources.append(template.participants_source)
        open_assumptions.append(
            f"Deltagere pr. år: sat til {', '.join(map(str, participants))} ud fra kataloget "
            "(antal brugere/deltagere); tjek, hvor mange der starter hvert år."
        )
    if participants is None:
        participants = (0,)
        open_assumptions.append("Deltagere pr. år: kataloget oplyser ikke antallet; angiv det.")
    if cost_per_participant is None:
        cost_per_participant = {}
        open_assumptions.append(
            "Omkostning pr. deltager: kataloget oplyser ingen; angiv den for hver kasse."
        )
    if success_rate is None:
        success_rate = 0.0
        open_assumptions.append(
            "Succesrate: kataloget oplyser ingen; angiv andelen med succes ud over nuværende "
            "praksis, eller brug break-even-succesraten."
        )

    consequences = []
    for planned in template.consequences if template else ():
        found = knowledge.find(planned.knowledge_item, planned.knowledge_price_year)
        if price_year is not None:
            found = adjust_entry(found, price_year, price_index or load_price_index())
        consequences.append(
            Consequence(
                item=planned.item,
                change_per_success_per_year=planned.change_per_success_per_year,
                price={planned.body: found.value},
            )
        )
        sources.append(f"{planned.item}: {found.source} (prisår {found.price_year_note})")
        change = ", ".join(f"{c:g}" for c in planned.change_per_success_per_year)
        open_assumptions.append(
            f"{planned.item}: ændring pr. succes er sat til {change} {planned.unit} i første år; "
            f"størrelse og varighed skal vurderes lokalt. {planned.note}"
        )
    if not consequences:
        open_assumptions.append(
            "Konsekvenser: kataloget giver ingen pris, der kan bruges direkte; tilføj "
            "konsekvenser fra vidensbasen eller egne tal med kilde."
        )

    scenario = Scenario(
        horizon_years=horizon_years,
        participants_per_year=tuple(participants),
        success_rate=success_rate,
        consequences=tuple(consequences),
        cost_per_participant=cost_per_participant,
        discount_rate=discount_rate,
        approach=template.approach if template else Approach.BUDGET,
    )
    return StartingScenario(
        entry_id=entry.id,
        scenario=scenario,
        open_assumptions=tuple(open_assumptions),
        sources=tuple(sources),
    )
