"""Long work in the background: a thread per computation, progress written to the run row.

A thread in the web process is the smallest thing that lets a coordinator start a computation in
the browser and watch it; the same work runs from the CLI (`helhed compute`) for large national
extracts or a job scheduler. With HELHED_BACKGROUND_TASKS=0 (the tests) it runs inline.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connection

from helhed.indicators.models import ComputationRun, RunKind
from helhed.indicators.services import computation_start, indicators_compute

log = logging.getLogger(__name__)


def start_computation(*, actor, organisation, extract: str, mapping: str | None) -> ComputationRun:
    run = computation_start(
        actor=actor, organisation=organisation, kind=RunKind.REGISTER, source=extract
    )

    def work() -> None:
        try:
            indicators_compute(
                actor=actor, organisation=organisation, extract=extract, mapping=mapping, run=run
            )
        except Exception:  # the error is on the run row; the thread must not die loudly
            log.exception("computation %s failed", run.pk)
        finally:
            if threading.current_thread() is not threading.main_thread():
                connection.close()

    if getattr(settings, "HELHED_BACKGROUND_TASKS", True):
        threading.Thread(target=work, name=f"helhed-compute-{run.pk}", daemon=True).start()
    else:
        work()
    run.refresh_from_db()
    return run
