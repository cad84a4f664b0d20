"""Demo indicators: a synthetic register extract for 2019–2021, computed into a snapshot."""

from __future__ import annotations

import os
from pathlib import Path

from django.contrib.auth import get_user_model

from helhed.domain.indicators.synth import generate
from helhed.indicators.access import compute_organisation
from helhed.indicators.models import ComputationRun, RunKind, RunStatus
from helhed.indicators.services import indicators_compute

DEMO_YEARS = [2019, 2020, 2021]


def load_demo_indicators(
    *, persons: int = 100_000, directory: Path | None = None, progress=None
) -> ComputationRun | None:
    """Generate and compute the demo extract unless a register snapshot exists already."""
    if ComputationRun.objects.filter(kind=RunKind.REGISTER, status=RunStatus.DONE).exists():
        return None
    directory = directory or Path(os.environ.get("HELHED_DATA_DIR") or Path.cwd()) / "demo-extract"
    generate(persons, DEMO_YEARS, directory, seed=1, full_size_demo=True)
    user = get_user_model().objects.get(username="kommune")
    return indicators_compute(
        actor=user, organisation=compute_organisation(user), extract=directory, progress=progress
    )
