from __future__ import annotations

from pathlib import Path

import pytest

from tests.domain.indicators.tiny import write_extract


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """The hand-made extract of tests/domain/indicators/tiny.py (area A1 "Solparken" in 657)."""
    return write_extract(tmp_path / "tiny")


@pytest.fixture
def solparken(db):
    """A partnership area whose code is the extract's area id, in Herning."""
    from helhed.partnerships.models import Area, Municipality

    return Area.objects.create(
        code="A1", name="Solparken", municipality=Municipality.objects.get(code="657")
    )


@pytest.fixture
def computed(personas, tiny_dir):
    from helhed.indicators.access import compute_organisation
    from helhed.indicators.services import indicators_compute

    return indicators_compute(
        actor=personas.alice, organisation=compute_organisation(personas.alice), extract=tiny_dir
    )
