"""Writes of the gains app: `<entity>_<verb>(*, actor, …)`, each in one transaction.

Callers fetch the objects they write through the choke points in selectors.py (404 outside the
user's scope, 403 for a visible object the user may not change); these services then validate
with the core and save. A scenario the core refuses raises ScenarioError and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction

from helhed.domain.gains import CatalogueEntry, KnowledgeEntry, scenario_to_dict
from helhed.gains import scenarios, selectors
from helhed.gains.models import Calculation, UserKnowledgeEntry
from helhed.partnerships.models import Activity, Organisation, Plan


def _check_name(name: str) -> None:
    # The JSON editor takes the name from the JSON, past the form field's own NUL check;
    # PostgreSQL cannot store NUL in a text column.
    try:
        ProhibitNullCharactersValidator()(name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from None


def _snapshot(calculation: Calculation) -> None:
    calculation.result = scenarios.output_for(calculation.scenario)
    calculation.result_key = scenarios.snapshot_key(calculation.scenario)


def calculation_create(
    *,
    actor,
    activity: Activity,
    name: str,
    scenario: dict[str, Any],
    catalogue_entry: str = "",
) -> Calculation:
    """A new calculation of the activity; the scenario is checked by the core first."""
    _check_name(name)
    calculation = Calculation(
        activity=activity,
        name=name,
        scenario=scenarios.without_name(scenario),
        catalogue_entry=catalogue_entry,
        created_by=actor,
        updated_by=actor,
    )
    _snapshot(calculation)  # raises ScenarioError before anything is written
    calculation.full_clean()
    with transaction.atomic():
        calculation.save()
    return calculation


def calculation_update(
    *, actor, calculation: Calculation, name: str, scenario: dict[str, Any]
) -> Calculation:
    """Replace name and scenario; on a ScenarioError the stored calculation is left unchanged."""
    _check_name(name)
    changed = Calculation(
        pk=calculation.pk,
        activity=calculation.activity,
        name=name,
        scenario=scenarios.without_name(scenario),
    )
    _snapshot(changed)
    changed.full_clean(exclude=["created_by", "updated_by"], validate_unique=False)
    with transaction.atomic():
        locked = Calculation.objects.select_for_update().get(pk=calculation.pk)
        locked.name = changed.name
        locked.scenario = changed.scenario
        locked.result = changed.result
        locked.result_key = changed.result_key
        locked.updated_by = actor
        locked.save()
    calculation.refresh_from_db()
    return calculation


def calculation_delete(*, actor, calculation: Calculation) -> None:
    with transaction.atomic():
        calculation.delete()


def knowledge_entry_create(
    *,
    actor,
    organisation: Organisation,
    item: str,
    value: Decimal,
    unit: str,
    price_year: int | None,
    public_body: str,
    source: str,
) -> UserKnowledgeEntry:
    """A sourced entry in the organisation's name. The core's own rule (no source, no entry)
    is applied first, so the web, the API and the core refuse the same entries."""
    price_note = str(price_year) if price_year is not None else "ukendt"
    KnowledgeEntry(
        item=item,
        value=float(value),
        unit=unit,
        price_year=price_year,
        price_year_note=price_note,
        public_body=public_body,
        source=source,
    )  # raises KnowledgeError without a source or a name
    entry = UserKnowledgeEntry(
        organisation=organisation,
        item=item.strip(),
        value=value,
        unit=unit.strip(),
        price_year=price_year,
        public_body=public_body,
        source=source.strip(),
        created_by=actor,
    )
    entry.full_clean()
    with transaction.atomic():
        entry.save()
    return entry


@dataclass(frozen=True)
class StartedActivity:
    activity: Activity
    calculation: Calculation
    open_assumptions: tuple[str, ...]


def _activity_description(entry: CatalogueEntry) -> str:
    parts = [
        text
        for text in (
            entry.goal,
            f"Målgruppe: {entry.target_group}" if entry.target_group else None,
            f"Metode: {entry.method}" if entry.method else None,
            entry.note,
            f"Kilde: {entry.source}",
        )
        if text
    ]
    return "\n\n".join(parts)


def activity_start_from_catalogue(
    *, actor, plan: Plan, entry: CatalogueEntry, name: str, start_date: date
) -> StartedActivity:
    """An activity in the plan from a catalogue example, with its starting calculation.

    The scenario is the core's starting_scenario(): what the catalogue does not give is zero and
    listed as an open assumption in the scenario's notes, together with the sources.
    """
    start = selectors.catalogue_preview(entry)
    notes = tuple(f"Åben antagelse: {text}" for text in start.open_assumptions) + tuple(
        f"Kilde: {source}" for source in start.sources
    )
    data = scenario_to_dict(start.scenario, notes=notes)
    activity = Activity(
        plan=plan,
        name=name,
        description=_activity_description(entry),
        start_date=start_date,
        participants=sum(start.scenario.participants_per_year),
    )
    activity.full_clean()
    with transaction.atomic():
        activity.save()
        calculation = calculation_create(
            actor=actor,
            activity=activity,
            name=f"Startberegning: {entry.title}",
            scenario=data,
            catalogue_entry=entry.id,
        )
    return StartedActivity(activity, calculation, start.open_assumptions)
