"""The knowledge base (vidensdatabase): sourced unit costs and figures, and price-year adjustment.

Nothing enters the knowledge base without a source: a KnowledgeEntry cannot be constructed with
a blank source, and the price index only adjusts between years whose index values carry one.
The shipped entries come from data/unit_costs.csv (a verbatim copy of the project's research
file) and data/source_figures.csv (the figures KL's 2016 catalogue states itself).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources

_YEAR = re.compile(r"^(\d{4})\b")
_REQUIRED_COLUMNS = ("item", "value", "unit", "price_year", "public_body")


class KnowledgeError(ValueError):
    """A knowledge-base entry or price-index value that breaks a rule (message in Danish)."""


@dataclass(frozen=True)
class KnowledgeEntry:
    item: str
    value: float
    unit: str
    # The price year when the source states one; None when it is unknown or does not apply.
    price_year: int | None
    # The price-year text as the source file has it, e.g. "unknown (KORA 2015)", kept because
    # it says *why* the year is unknown and what it probably is.
    price_year_note: str
    public_body: str
    source: str
    origin: str = "bruger"

    def __post_init__(self) -> None:
        if not self.item.strip():
            raise KnowledgeError("en post i vidensbasen skal have et navn")
        if not self.source.strip():
            raise KnowledgeError(f"'{self.item}': mangler kilde (intet kommer ind uden kilde)")

    @property
    def is_amount_in_kr(self) -> bool:
        """Only amounts in kroner can be price-adjusted; shares, rates and GBP cannot."""
        return self.unit.startswith("kr/")


def parse_price_year(text: str) -> int | None:
    """'2015' and '2014 (SVB 2014)' give the year; 'unknown (…)' and 'n/a' give None."""
    match = _YEAR.match(text.strip())
    return int(match.group(1)) if match else None


def _finite_number(text: str | None) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_entries_csv(text: str, *, origin: str) -> tuple[KnowledgeEntry, ...]:
    """Entries from CSV text with the columns of unit_costs.csv (source_url or source).

    Errors name the file (origin), the row as a spreadsheet shows it and the field.
    """
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    source_column = "source_url" if "source_url" in columns else "source"
    missing = [c for c in (*_REQUIRED_COLUMNS, source_column) if c not in columns]
    if missing:
        raise KnowledgeError(f"{origin}: mangler kolonnen/kolonnerne {', '.join(missing)}")
    entries = []
    errors = []
    for row_number, row in enumerate(reader, start=2):
        where = f"{origin}: række {row_number}"
        row_errors = []
        if not (row["item"] or "").strip():
            row_errors.append(f"{where}: item: mangler et navn")
        if not (row[source_column] or "").strip():
            row_errors.append(f"{where}: {source_column}: mangler kilde")
        value = _finite_number(row["value"])
        if value is None:
            row_errors.append(f"{where}: value: skal være et tal, ikke '{row['value']}'")
        if row_errors or value is None:
            errors += row_errors
            continue
        entries.append(
            KnowledgeEntry(
                item=row["item"],
                value=value,
                unit=row["unit"] or "",
                price_year=parse_price_year(row["price_year"] or ""),
                price_year_note=row["price_year"] or "",
                public_body=row["public_body"] or "",
                source=row[source_column],
                origin=origin,
            )
        )
    if errors:
        raise KnowledgeError("\n".join(errors))
    return tuple(entries)


def _data_text(name: str) -> str:
    return resources.files("helhed.domain.gains").joinpath("data", name).read_text("utf-8")


def shipped_entries() -> tuple[KnowledgeEntry, ...]:
    """Every entry shipped with helhed: unit_costs.csv followed by source_figures.csv."""
    return read_entries_csv(
        _data_text("unit_costs.csv"), origin="unit_costs.csv"
    ) + read_entries_csv(_data_text("source_figures.csv"), origin="source_figures.csv")


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[KnowledgeEntry, ...]

    def add(self, entry: KnowledgeEntry) -> KnowledgeBase:
        """A new knowledge base with the user's entry added (the entry checks its own source)."""
        return KnowledgeBase((*self.entries, entry))

    def search(self, query: str) -> tuple[KnowledgeEntry, ...]:
        """Entries whose item, unit, body or source contain every word of the query."""
        words = query.casefold().split()
        return tuple(
            entry
            for entry in self.entries
            if all(
                word in f"{entry.item} {entry.unit} {entry.public_body} {entry.source}".casefold()
                for word in words
            )
        )

    def find(self, item: str, price_year: int | None = None) -> KnowledgeEntry:
        """The one entry with exactly this item (and price year, when given)."""
        matches = [
            entry
            for entry in self.entries
            if entry.item == item and (price_year is None or entry.price_year == price_year)
        ]
        if len(matches) != 1:
            year = f" med prisår {price_year}" if price_year is not None else ""
            problem = "findes ikke" if not matches else "er tvetydig; angiv prisåret"
            raise KnowledgeError(f"'{item}'{year} {problem} i vidensbasen")
        return matches[0]


def default_knowledge_base() -> KnowledgeBase:
    return KnowledgeBase(shipped_entries())


@dataclass(frozen=True)
class PriceIndex:
    """Annual index values, each with its source; adjusts amounts between price years."""

    name: str
    annual: Mapping[int, float]
    sources: Mapping[int, str]

    def factor(self, from_year: int, to_year: int) -> float:
        for year in (from_year, to_year):
            if year not in self.annual:
                available = f"{min(self.annual)}-{max(self.annual)}" if self.annual else "ingen"
                raise KnowledgeError(
                    f"{self.name} har ingen værdi med kilde for {year} (har {available})"
                )
        return self.annual[to_year] / self.annual[from_year]

    def adjust(self, value: float, from_year: int, to_year: int) -> float:
        return value * self.factor(from_year, to_year)


def annual_index(monthly: Iterable[tuple[int, int, float, str]], *, name: str) -> PriceIndex:
    """Annual averages of (year, month, value, source) rows, for complete years only.

    A year counts only if all 12 months are there and every one has a source: an average of a
    part-year would understate or overstate that year's price level.
    """
    by_year: dict[int, dict[int, float]] = defaultdict(dict)
    sources: dict[int, set[str]] = defaultdict(set)
    for year, month, value, source in monthly:
        if not source.strip():
            raise KnowledgeError(f"{name}: {year}-{month:02d} mangler kilde")
        by_year[year][month] = value
        sources[year].add(source.strip())
    annual = {
        year: sum(months.values()) / 12
        for year, months in sorted(by_year.items())
        if set(months) == set(range(1, 13))
    }
    return PriceIndex(
        name=name,
        annual=annual,
        sources={year: "; ".join(sorted(sources[year])) for year in annual},
    )


def load_price_index() -> PriceIndex:
    """Danmarks Statistik's nettoprisindeks (2015=100), annual averages of the monthly values.

    data/price_index.csv holds the monthly values exactly as the cited page shows them.
    """
    reader = csv.DictReader(io.StringIO(_data_text("price_index.csv")))
    rows = [
        (int(row["year"]), int(row["month"]), float(row["value"]), row["source"]) for row in reader
    ]
    return annual_index(rows, name="Nettoprisindekset (Danmarks Statistik, 2015=100)")


def adjust_entry(entry: KnowledgeEntry, to_year: int, index: PriceIndex) -> KnowledgeEntry:
    """The entry in to_year prices; refuses entries without a known price year or not in kr."""
    if not entry.is_amount_in_kr:
        raise KnowledgeError(f"'{entry.item}': kun beløb i kr kan prisomregnes ({entry.unit})")
    if entry.price_year is None:
        raise KnowledgeError(
            f"'{entry.item}': prisåret er ukendt ({entry.price_year_note}); kan ikke prisomregnes"
        )
    if entry.price_year == to_year:
        return entry
    factor = index.factor(entry.price_year, to_year)
    note = f"{to_year} (omregnet fra {entry.price_year} med {index.name}, faktor {factor:.4f})"
    return replace(entry, value=entry.value * factor, price_year=to_year, price_year_note=note)
