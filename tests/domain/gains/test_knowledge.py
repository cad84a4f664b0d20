"""The knowledge base: nothing without a source, lookups, and price-year adjustment."""

from __future__ import annotations

import pytest

from helhed.domain.gains.knowledge import (
    KnowledgeEntry,
    KnowledgeError,
    adjust_entry,
    annual_index,
    default_knowledge_base,
    load_price_index,
    parse_price_year,
    read_entries_csv,
    shipped_entries,
)


def test_every_shipped_entry_has_a_source() -> None:
    entries = shipped_entries()
    # 95 rows in unit_costs.csv, 11 figures from KL's catalogue in source_figures.csv.
    assert len(entries) == 106
    assert [e.item for e in entries if not e.source.strip()] == []
    assert {e.origin for e in entries} == {"unit_costs.csv", "source_figures.csv"}


def test_every_shipped_price_index_value_has_a_source() -> None:
    index = load_price_index()
    assert sorted(index.annual) == list(range(2015, 2024))
    assert all("dst.dk" in index.sources[year] for year in index.annual)


def test_an_entry_without_a_source_cannot_exist() -> None:
    with pytest.raises(KnowledgeError, match="mangler kilde"):
        KnowledgeEntry("Egen pris", 100.0, "kr/år", 2020, "2020", "kommune", source="  ")


def test_user_entries_without_source_are_rejected_with_row_and_field() -> None:
    text = (
        "item,value,unit,price_year,public_body,source\n"
        "Mentorforløb,12000,kr/deltager,2022,kommune,Egen opgørelse 2022\n"
        "Lektiecafé,tolv,kr/deltager,2022,kommune,\n"
    )
    with pytest.raises(KnowledgeError) as error:
        read_entries_csv(text, origin="egne_priser.csv")
    assert str(error.value).splitlines() == [
        "egne_priser.csv: række 3: source: mangler kilde",
        "egne_priser.csv: række 3: value: skal være et tal, ikke 'tolv'",
    ]


def test_user_entries_are_added_to_a_new_knowledge_base() -> None:
    text = (
        "item,value,unit,price_year,public_body,source\n"
        "Mentorforløb,12000,kr/deltager,2022,kommune,Egen opgørelse 2022\n"
    )
    (entry,) = read_entries_csv(text, origin="egne_priser.csv")
    base = default_knowledge_base()
    extended = base.add(entry)
    assert extended.find("Mentorforløb") == entry
    assert entry.price_year == 2022
    with pytest.raises(KnowledgeError, match="findes ikke"):
        base.find("Mentorforløb")


@pytest.mark.parametrize(
    ("text", "year"),
    [("2015", 2015), ("2014 (SVB 2014)", 2014), ("unknown (KORA 2015)", None), ("n/a", None)],
)
def test_price_year_is_only_taken_when_the_source_states_it(text: str, year: int | None) -> None:
    assert parse_price_year(text) == year


def test_find_needs_the_price_year_when_an_item_has_several() -> None:
    base = default_knowledge_base()
    with pytest.raises(KnowledgeError, match="tvetydig"):
        base.find("Kontanthjælp sats, fyldt 30 år, forsørger")
    assert base.find("Kontanthjælp sats, fyldt 30 år, forsørger", 2024).value == 16382


def test_search_matches_every_word() -> None:
    items = [e.item for e in default_knowledge_base().search("fængsel lukket")]
    assert items == ["Fængsel pr. indsat, lukket fængsel", "Fængsel pr. indsat, lukket"]


def test_the_kl_figures_are_in_the_knowledge_base() -> None:
    figure = default_knowledge_base().search("udsatte boligområder forsørgelse KL")[0]
    assert (figure.value, figure.price_year, figure.public_body) == (65000, 2014, "kommune")
    assert figure.source.startswith("KL: Gevinster ved boligsociale indsatser (2016), s. 5")


def test_annual_index_averages_complete_years_only() -> None:
    rows = [(2020, month, 100.0 + month, "kilde") for month in range(1, 13)]
    rows += [(2021, month, 120.0, "kilde") for month in range(1, 7)]
    index = annual_index(rows, name="test")
    assert index.annual == {2020: 106.5}


def test_annual_index_refuses_a_value_without_source() -> None:
    with pytest.raises(KnowledgeError, match="2020-03 mangler kilde"):
        annual_index([(2020, 3, 100.0, "")], name="test")


def test_nettoprisindeks_annual_averages() -> None:
    index = load_price_index()
    # The twelve monthly values on the cited page sum to 1,242.0 for 2019 and 1,416.5 for 2023.
    assert index.annual[2019] == pytest.approx(1242.0 / 12, rel=1e-12)
    assert index.annual[2023] == pytest.approx(1416.5 / 12, rel=1e-12)
    assert index.annual[2015] == pytest.approx(100.0, rel=1e-12)


def test_adjust_entry_to_another_price_year() -> None:
    foster_care = default_knowledge_base().find("Anbringelse i plejefamilie")
    adjusted = adjust_entry(foster_care, 2023, load_price_index())
    assert adjusted.value == pytest.approx(470000 * 1416.5 / 1242.0, rel=1e-12)
    assert round(adjusted.value, 2) == 536034.62
    assert adjusted.price_year == 2023
    assert "omregnet fra 2019" in adjusted.price_year_note
    assert adjusted.source == foster_care.source
    assert adjust_entry(foster_care, 2019, load_price_index()) == foster_care


def test_adjust_refuses_what_cannot_be_adjusted() -> None:
    base, index = default_knowledge_base(), load_price_index()
    with pytest.raises(KnowledgeError, match="prisåret er ukendt"):
        adjust_entry(base.find("Omkostning Cool Kids/Chilled gruppeforløb"), 2023, index)
    with pytest.raises(KnowledgeError, match="kun beløb i kr"):
        adjust_entry(base.find("HACT SVB: relief from heavy debt (wellbeing value)"), 2023, index)
    with pytest.raises(KnowledgeError, match=r"ingen værdi med kilde for 2012 \(har 2015-2023\)"):
        adjust_entry(base.find("CTI gevinst for borgeren første år"), 2023, index)
