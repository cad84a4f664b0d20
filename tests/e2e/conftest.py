"""Real-browser journeys: Playwright driving Debian's Chromium against a live test server.

Run with `pytest -m e2e` (scripts/test does). Screenshots of each step land in
test-artifacts/e2e/ (ignored by git).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the test itself only touches the
# database to set up data, so Django's async-safety guard is lifted for these tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's Chromium is not installed (apt-get install chromium); scripts/test installs it."
        )
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def world(live_server, transactional_db):
    """Live tests run in transactions that are flushed afterwards, so the world is loaded per test."""
    from tests.conftest import load_world

    load_world()
    return live_server


@pytest.fixture
def shot(request):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, step: str, element=None) -> None:
        """The whole page, or only `element` (a locator) when the step is about one part."""
        path = str(ARTIFACTS / f"{request.node.name}-{step}.png")
        if element is not None:
            element.screenshot(path=path)
        else:
            page.screenshot(path=path, full_page=True)

    return take


@pytest.fixture
def login(world):
    from tests.conftest import PASSWORD

    def do(page, username: str) -> None:
        page.goto(f"{world.url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")

    return do
