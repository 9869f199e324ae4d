"""Qt tests run offscreen; this is set before anything imports Qt."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import tasks  # noqa: E402
from tests.hub_backends import hub, hub_backend, make_hub  # noqa: E402, F401 (hub fixtures)
from tests.ui.fakes import FakeOpenWorkspace, FakeWorkspace, created_workspace  # noqa: E402


@pytest.fixture(autouse=True)
def _no_leaks(qapp: QApplication) -> Iterator[None]:
    """Every test ends with no background task running and no window left open."""
    yield
    assert tasks.wait_for_all(10_000), "a background task did not finish"
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    assert tasks.active_tasks() == 0, "a background task was left undelivered"


@pytest.fixture
def new_workspace(tmp_path: Path) -> FakeWorkspace:
    return FakeWorkspace(tmp_path / "workspace")


@pytest.fixture
def workspace(tmp_path: Path) -> FakeWorkspace:
    return created_workspace(tmp_path / "workspace")


@pytest.fixture
def admin(workspace: FakeWorkspace) -> FakeOpenWorkspace:
    from tests.ui.fakes import ADMIN_PASSPHRASE

    return workspace.sign_in("amina", ADMIN_PASSPHRASE)
