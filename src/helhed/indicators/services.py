"""Writes of the indicators app: computing snapshots and importing aggregates.

A computation stores nothing unless the whole extract validates and every result is written; the
run row itself is created first so that its progress can be followed while it runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from helhed.domain.indicators.aggregates import (
    AggregateFileError,
    DepartmentPeriod,
    file_sha256,
    read_aggregate_file,
    rollup_aggregates,
)
from helhed.domain.indicators.definitions import Source
from helhed.domain.indicators.engine import ResultRow, compute
from helhed.domain.indicators.registry import REGISTRY
from helhed.indicators.models import (
    AggregateRecord,
    ComputationRun,
    IndicatorValue,
    RunKind,
    RunStatus,
)
from helhed.partnerships.models import Area, AreaDepartment, Department, Municipality

BATCH = 5000
ProgressCallback = Callable[[str, int, int], None]


def _store_rows(run: ComputationRun, rows: Iterable[ResultRow]) -> int:
    batch: list[IndicatorValue] = []
    count = 0
    for row in rows:
        definition = REGISTRY.get(row.indicator)
        batch.append(
            IndicatorValue(
                run=run,
                level=row.level,
                unit_id=row.unit_id,
                unit_name=row.unit_name[:200],
                indicator=row.indicator,
                year=row.year,
                value=row.value,
                numerator=row.numerator,
                denominator=row.denominator,
                suppressed=row.suppressed,
                version=definition.version if definition else 1,
            )
        )
        if len(batch) >= BATCH:
            IndicatorValue.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    IndicatorValue.objects.bulk_create(batch)
    return count + len(batch)


def _progress_writer(run: ComputationRun, outer: ProgressCallback | None) -> ProgressCallback:
    last = [0.0]

    def report(step: str, done: int, total: int) -> None:
        if outer is not None:
            outer(step, done, total)
        now = time.monotonic()
        if now - last[0] >= 0.5 or done >= total:  # at most two writes a second
            last[0] = now
            ComputationRun.objects.filter(pk=run.pk).update(
                progress_step=step[:200], progress_done=done, progress_total=total
            )

    return report


def indicators_compute(
    *,
    actor,
    organisation,
    extract: str | Path,
    mapping: str | Path | None = None,
    progress: ProgressCallback | None = None,
    run: ComputationRun | None = None,
) -> ComputationRun:
    """Compute every register indicator from `extract` and store the results as one snapshot.

    On a bad extract or mapping the run is marked failed with the full error text, no value is
    stored, and the error is raised again for the caller to show.
    """
    if run is None:
        run = computation_start(
            actor=actor, organisation=organisation, kind=RunKind.REGISTER, source=str(extract)
        )
    try:
        result = compute(extract, mapping=mapping, progress=_progress_writer(run, progress))
        with transaction.atomic():
            count = _store_rows(run, result.rows())
            run.status = RunStatus.DONE
            run.input_hash = result.input_hash
            run.mapping_hash = file_sha256(mapping) if mapping else ""
            run.years = list(result.years)
            run.versions = result.versions
            run.row_count = count
            run.finished_at = timezone.now()
            run.save()
    except Exception as exc:
        ComputationRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(exc), finished_at=timezone.now()
        )
        raise
    return run


def computation_start(*, actor, organisation, kind, source: str) -> ComputationRun:
    return ComputationRun.objects.create(
        kind=kind, organisation=organisation, started_by=actor, source=source[:500]
    )


def department_periods(departments: Iterable[Department]) -> list[DepartmentPeriod]:
    """The partnership's departments and area memberships in the engine's terms (years)."""
    result: list[DepartmentPeriod] = []
    for department in departments:
        memberships = list(
            AreaDepartment.objects.filter(department=department).select_related("area")
        )
        base = {
            "department_id": department.number,
            "municipality_code": department.municipality.code,
            "name": f"{department.number} {department.name}",
        }
        if not memberships:
            result.append(
                DepartmentPeriod(
                    area_id=None, area_name=None, valid_from=1900, valid_to=None, **base
                )
            )
        for m in memberships:
            result.append(
                DepartmentPeriod(
                    area_id=m.area.code,
                    area_name=m.area.name,
                    valid_from=m.valid_from.year,
                    valid_to=m.valid_to.year if m.valid_to else None,
                    **base,
                )
            )
    return result


def aggregates_import(
    *, actor, organisation, path: str | Path, filename: str | None = None
) -> ComputationRun:
    """Import a file of housing-organisation aggregates and/or survey results as a whole, or
    nothing.

    The departments in the file must be ones the actor may edit (their organisation's, or their
    municipality's for a coordinator); any other department is reported as unknown. A survey
    row for a whole area may name an area with at least one such department. A file of survey
    results only is stored as a survey run, anything else as a housing-organisation run; either
    way with the file's name and sha256 and the definition versions.
    """
    path = Path(path)
    allowed = list(
        Department.objects.editable_by(actor).select_related("municipality", "organisation")
    )
    periods = department_periods(allowed)
    rows = read_aggregate_file(path, periods)  # raises AggregateFileError listing every problem
    if not rows:
        raise AggregateFileError([f"{filename or path.name}: filen indeholder ingen rækker"])
    names = dict(Municipality.objects.values_list("code", "name"))
    results = rollup_aggregates(rows, periods, names)
    by_number = {d.number: d for d in allowed}
    areas = {
        a.code: a for a in Area.objects.filter(code__in={r.area_id for r in rows if r.area_id})
    }
    survey = all(REGISTRY[r.indicator].source is Source.SURVEY for r in rows)
    with transaction.atomic():
        run = ComputationRun.objects.create(
            kind=RunKind.SURVEY if survey else RunKind.AGGREGATE,
            organisation=organisation,
            started_by=actor,
            source=(filename or path.name)[:500],
            input_hash=file_sha256(path),
            years=sorted({r.year for r in rows}),
            versions={
                key: REGISTRY[key].version for key in {r.indicator for r in rows} if key in REGISTRY
            },
        )
        AggregateRecord.objects.bulk_create(
            [
                AggregateRecord(
                    run=run,
                    department=by_number[r.department_id] if r.department_id else None,
                    area=areas[r.area_id] if r.area_id else None,
                    year=r.year,
                    indicator=r.indicator,
                    value=r.value,
                    numerator=r.numerator,
                    denominator=r.denominator,
                )
                for r in rows
            ]
        )
        run.row_count = _store_rows(run, results)
        run.status = RunStatus.DONE
        run.finished_at = timezone.now()
        run.save()
    return run
