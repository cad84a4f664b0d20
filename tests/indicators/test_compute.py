"""Computing snapshots: provenance stored, bad input stores nothing, the CLI and the button."""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command

from helhed.domain.indicators.engine import compute
from helhed.domain.indicators.validate import ExtractError
from helhed.indicators.models import ComputationRun, IndicatorValue, RunStatus


def test_compute_stores_every_engine_row_with_provenance(computed, tiny_dir):
    engine = compute(tiny_dir)
    assert computed.status == RunStatus.DONE
    assert computed.input_hash == engine.input_hash and len(computed.input_hash) == 64
    assert computed.row_count == len(engine) == IndicatorValue.objects.filter(run=computed).count()
    assert computed.years == [2022, 2023]
    assert computed.organisation.name == "Herning Kommune"
    stored = IndicatorValue.objects.get(
        run=computed, level="area", unit_id="A1", indicator="residents", year=2022
    )
    expected = next(
        r
        for r in engine.rows()
        if (r.level, r.unit_id, r.indicator, r.year) == ("area", "A1", "residents", 2022)
    )
    assert (stored.value, stored.numerator, stored.denominator, stored.suppressed) == (
        expected.value,
        expected.numerator,
        expected.denominator,
        expected.suppressed,
    )


def test_malformed_extract_stores_nothing_and_records_the_error(personas, tiny_dir):
    from helhed.indicators.access import compute_organisation
    from helhed.indicators.services import indicators_compute

    table = pq.read_table(tiny_dir / "persons.parquet").drop(["age"])
    pq.write_table(table, tiny_dir / "persons.parquet")
    with pytest.raises(ExtractError, match="age"):
        indicators_compute(
            actor=personas.alice,
            organisation=compute_organisation(personas.alice),
            extract=tiny_dir,
        )
    run = ComputationRun.objects.get()
    assert run.status == RunStatus.FAILED and "age" in run.error
    assert not IndicatorValue.objects.exists()


def test_cli_compute_needs_a_user_who_may_compute(personas, tiny_dir):
    with pytest.raises(CommandError, match="--as-user"):
        call_command("compute", "--extract", str(tiny_dir))
    with pytest.raises(CommandError, match="koordinatorer og analytikere"):
        call_command("compute", "--extract", str(tiny_dir), "--as-user", "bob")
    out = io.StringIO()
    call_command(
        "compute",
        "--extract",
        str(tiny_dir),
        "--as-user",
        "alice",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "2022, 2023" in out.getvalue()
    assert ComputationRun.objects.get().status == RunStatus.DONE


def test_cli_compute_reports_a_bad_mapping(personas, tiny_dir, tmp_path: Path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text("persons:\n  columns: [not, a, mapping]\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command(
            "compute",
            "--extract",
            str(tiny_dir),
            "--mapping",
            str(mapping),
            "--as-user",
            "alice",
            stderr=io.StringIO(),
        )
    assert not IndicatorValue.objects.exists()


def test_compute_button_runs_and_shows_the_run(client_for, settings, tiny_dir):
    settings.HELHED_EXTRACT_DIR = str(tiny_dir)
    settings.HELHED_BACKGROUND_TASKS = False
    response = client_for("alice").post("/indikatorer/beregn/")
    run = ComputationRun.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/indikatorer/koersler/{run.pk}/"
    )
    page = client_for("alice").get(f"/indikatorer/koersler/{run.pk}/").content.decode()
    assert "Færdig" in page and run.input_hash in page
    assert client_for("olivia").get(f"/indikatorer/koersler/{run.pk}/").status_code == 404


def test_progress_is_polled_while_running(client_for, computed):
    ComputationRun.objects.filter(pk=computed.pk).update(
        status=RunStatus.RUNNING,
        progress_step="Beregner residents",
        progress_done=3,
        progress_total=12,
    )
    html = (
        client_for("alice")
        .get(f"/indikatorer/koersler/{computed.pk}/", HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert 'hx-trigger="every 1s"' in html and 'value="25"' in html and "Beregner residents" in html


def test_reader_cannot_compute(client_for, settings, tiny_dir):
    settings.HELHED_EXTRACT_DIR = str(tiny_dir)
    assert client_for("bob").post("/indikatorer/beregn/").status_code == 403
    assert not ComputationRun.objects.exists()


def test_compute_without_configured_extract_says_so(client_for, settings):
    settings.HELHED_EXTRACT_DIR = ""
    response = client_for("alice").post("/indikatorer/beregn/", follow=True)
    assert "HELHED_EXTRACT_DIR" in response.content.decode()
    assert not ComputationRun.objects.exists()
