"""The register import shows its progress and can be cancelled: cancelling imports nothing
(real SQLCipher workspace, cheap KDF)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop import tasks  # noqa: E402
from desktop.views.register_import.import_wizard import ImportWizard, PageId  # noqa: E402
from desktop.workspace import OpenWorkspace  # noqa: E402
from tests.support import ADMIN, ADMIN_PASSPHRASE, audit_count, case_numbers  # noqa: E402

HEADER = "received_on,channel,category,complainant_name,respondent_name,restricted\n"
ROWS = 30


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenWorkspace]:
    from tests.support import create_workspace

    admin = create_workspace(tmp_path / "ws")[0].sign_in(ADMIN, ADMIN_PASSPHRASE)
    yield admin
    admin.close()


def _wizard(qtbot: QtBot, opened: OpenWorkspace, path: Path) -> ImportWizard:
    lines = [f"2026-02-{1 + i % 28:02d},walk_in,debt,Test Person {i},," for i in range(ROWS)]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    wizard = ImportWizard(opened)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.preview_page.checking)
    assert wizard.preview_page.isComplete()
    return wizard


def _hold_the_worker(qtbot: QtBot) -> threading.Event:
    """Keep the serial database worker busy until the returned event is set, so the import
    queued behind it has not started when the test presses Cancel."""
    gate, started = threading.Event(), threading.Event()

    def wait() -> None:
        started.set()
        gate.wait(20)

    tasks.run_in_background(wait, on_done=lambda _r: None, on_error=lambda _e: None, parent=None)
    qtbot.waitUntil(started.is_set)
    return gate


def test_the_progress_bar_follows_the_rows(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, opened, tmp_path / "register.csv")
    page = wizard.import_page
    values: list[int] = []
    page.progress.valueChanged.connect(values.append)
    gate = _hold_the_worker(qtbot)
    wizard.next()
    assert wizard.currentId() == PageId.IMPORT
    assert page.working and page.cancel_button.isVisible() and page.progress.maximum() == ROWS
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        gate.set()
    assert len(case_numbers(opened)) == ROWS
    assert values[:3] == [0, 1, 2] and ROWS in values  # every row (30 // 100 -> every 1)
    assert not page.cancel_button.isVisible()
    assert "30 case(s) registered" in page.status.text()


def test_cancelling_imports_nothing(qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path) -> None:
    events = audit_count(opened)
    wizard = _wizard(qtbot, opened, tmp_path / "register.csv")
    page = wizard.import_page
    gate = _hold_the_worker(qtbot)
    wizard.next()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert not page.cancel_button.isEnabled()
    assert page.status.text() == "Stopping the import\u2026"
    gate.set()
    qtbot.waitUntil(lambda: not page.working, timeout=20_000)
    assert page.status.text() == "The import was cancelled. Nothing was imported."
    assert not page.message.isVisible() or not page.message.text()
    assert case_numbers(opened) == set()
    assert audit_count(opened) == events
    assert page.isComplete()  # the wizard can be closed


def test_closing_the_wizard_during_the_import_cancels_it(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, opened, tmp_path / "register.csv")
    gate = _hold_the_worker(qtbot)
    wizard.next()
    wizard.reject()  # Escape or the window's close button
    assert wizard.isVisible()  # it stays until the rollback is done
    gate.set()
    qtbot.waitUntil(lambda: not wizard.import_page.working, timeout=20_000)
    assert case_numbers(opened) == set()
    wizard.reject()
    assert not wizard.isVisible()
