"""The inspiration catalogue: complete, sourced, searchable, and usable as a starting scenario."""

from __future__ import annotations

import re

import pytest

from helhed.domain.gains.catalogue import (
    get_entry,
    load_catalogue,
    search,
    starting_scenario,
)
from helhed.domain.gains.io import parse_scenario, scenario_to_dict
from helhed.domain.gains.knowledge import default_knowledge_base
from helhed.domain.gains.model import Approach, calculate

KL = "KL: Gevinster ved boligsociale indsatser (2016)"
CATALOGUE = load_catalogue()

# The interventions the catalogue's table of contents names (s. 3), in its order.
NAMED = [
    "Lokal sundhedspleje",
    "Det inkluderende forældresamarbejde i dagtilbud",
    "Åben skole i Kanalens Kvarter",
    "Foreningssamarbejdet 9220",
    "Nøddeknækkerfunktionen",
    "Bydelsmødre",
    "Unge væk fra gaden",
    "Tryghed og liv gennem fysiske indsatser",
    "Trygge tunneller",
    "Nabohjælp og forebyggelse af indbrud",
    "Kriminalitetsforebyggelse og antiradikalisering",
    "Økonomisk rådgivning",
    "KAMOON - Køkkenværksted i Trekanten",
    "Fremskudt job- og uddannelsesvejledning",
    "Jobplaneten",
    "Ghet2Business",
    "Bydelssundhed - en vej til job og trivsel",
    "Fremskudt jobcenter",
]


def test_every_named_intervention_is_in_the_catalogue_in_order() -> None:
    assert [entry.title for entry in CATALOGUE] == NAMED
    assert len({entry.id for entry in CATALOGUE}) == len(CATALOGUE)


def test_every_entry_and_every_result_and_gain_has_a_source() -> None:
    for entry in CATALOGUE:
        assert entry.source.startswith(KL), entry.id
        assert re.search(r"s\. \d+", entry.source), entry.id
        for statement in entry.statements:
            assert statement.source.strip(), (entry.id, statement.text)
            if statement.source.startswith("KL"):
                assert re.match(re.escape(KL) + r", s\. \d+ \(.+\)$", statement.source)


def test_entries_with_text_have_goal_target_group_method_and_partners() -> None:
    with_text = [entry for entry in CATALOGUE if entry.text_available]
    assert len(with_text) == 11
    for entry in with_text:
        assert entry.goal and entry.target_group and entry.method and entry.partners, entry.id
        assert entry.results and entry.gains, entry.id


def test_entries_without_text_say_so_and_invent_nothing() -> None:
    for entry in (e for e in CATALOGUE if not e.text_available):
        assert entry.note and "ikke med i den tilgængelige tekst" in entry.note
        assert entry.method is None
        assert entry.results == ()


def test_documented_figures_from_kl() -> None:
    bydelsmoedre = get_entry(CATALOGUE, "bydelsmoedre-herning")
    assert (bydelsmoedre.gains[0].value, bydelsmoedre.gains[0].unit) == (
        2.8,
        "kr pr. investeret kr",
    )
    nabohjaelp = get_entry(CATALOGUE, "nabohjaelp-ishoej")
    assert [g.value for g in nabohjaelp.gains] == [0.25, 0.2]
    assert nabohjaelp.results[0].value == 0.6


def test_every_template_price_is_in_the_knowledge_base() -> None:
    base = default_knowledge_base()
    for entry in CATALOGUE:
        template = entry.scenario_template
        for consequence in template.consequences if template else ():
            found = base.find(consequence.knowledge_item, consequence.knowledge_price_year)
            assert found.is_amount_in_kr, entry.id


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("nabohjælp", "nabohjaelp-ishoej"),
        ("Noeddeknaekker", "noeddeknaekkerfunktionen-svendborg"),
        ("vollsmose forældre", "det-inkluderende-foraeldresamarbejde-odense"),
        ("PET radikalisering", "kriminalitetsforebyggelse-antiradikalisering-roedovre"),
    ],
)
def test_search_finds_the_entry(query: str, first: str) -> None:
    assert search(CATALOGUE, query)[0].id == first


def test_search_puts_title_matches_first_and_can_find_nothing() -> None:
    ids = [entry.id for entry in search(CATALOGUE, "bydelsmødre")]
    assert ids[0] == "bydelsmoedre-herning"
    assert search(CATALOGUE, "helikopter") == ()


def test_starting_scenario_uses_knowledge_base_prices_and_lists_what_is_open() -> None:
    entry = get_entry(CATALOGUE, "noeddeknaekkerfunktionen-svendborg")
    start = starting_scenario(
        entry,
        participants_per_year=(10, 10),
        cost_per_participant={"kommune": 30000},
        success_rate=0.1,
    )
    (consequence,) = start.scenario.consequences
    assert consequence.price == {"kommune": 470000}
    assert consequence.change_per_success_per_year == (1,)
    assert len(start.open_assumptions) == 1
    assert "ændring pr. succes" in start.open_assumptions[0]
    assert any("nb-okonomi.dk" in source for source in start.sources)
    result = calculate(start.scenario)
    # 2 successes (one per cohort) x 470,000; costs 300,000 in year 0 and 300,000 in year 1.
    assert round(result.net_result, 2) == round(470000 - 300000 + (470000 - 300000) / 1.035, 2)


def test_starting_scenario_without_inputs_names_every_open_assumption() -> None:
    start = starting_scenario(get_entry(CATALOGUE, "lokal-sundhedspleje-koebenhavn"))
    opened = " ".join(start.open_assumptions)
    for word in ("Deltagere", "Omkostning", "Succesrate", "Konsekvenser"):
        assert word in opened
    assert calculate(start.scenario).net_result == 0.0


def test_starting_scenario_takes_participants_from_the_catalogue() -> None:
    start = starting_scenario(get_entry(CATALOGUE, "unge-vaek-fra-gaden-hoeje-taastrup"))
    assert start.scenario.participants_per_year == (130,)
    assert "ud fra kataloget" in start.open_assumptions[0]


def test_starting_scenario_adjusts_prices_to_a_price_year() -> None:
    entry = get_entry(CATALOGUE, "noeddeknaekkerfunktionen-svendborg")
    start = starting_scenario(entry, price_year=2023)
    assert round(start.scenario.consequences[0].price["kommune"], 2) == 536034.62


def test_wellbeing_template_uses_the_society_layer_and_round_trips_as_json() -> None:
    start = starting_scenario(
        get_entry(CATALOGUE, "nabohjaelp-ishoej"),
        participants_per_year=(100,),
        success_rate=0.05,
    )
    assert start.scenario.approach is Approach.WELLBEING
    assert start.scenario.consequences[0].price == {"samfund": 25000}
    saved = scenario_to_dict(start.scenario, name="Nabohjælp", notes=start.open_assumptions)
    assert saved["name"] == "Nabohjælp" and saved["notes"] == list(start.open_assumptions)
    assert parse_scenario(saved) == start.scenario
    assert calculate(start.scenario).net_result_by_body["samfund"] == 125000.0
