"""Saving the signed export from the Reports page: the file holds exactly the tables on screen
and verifies; the export is in the log; Cancel before writing leaves no file."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop import tasks
from desktop.domain.services.export_log import list_exports
from desktop.views.reports.export_saver import write_export
from desktop.views.reports.reports_page import ReportsPage
from desktop.views.reports.reports_service import Cancelled
from desktop.workspace import OpenWorkspace
from storage.export_file import read_verified
from tests.support import ADMIN, ADMIN_PASSPHRASE, make_workspace
from tests.ui.reports_setup import demo_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("reports-export") / "workspace")


@pytest.fixture
def opened(folder: Path) -> Iterator[OpenWorkspace]:
    workspace = make_workspace(folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    yield workspace
    tasks.wait_for_all()
    workspace.close()


def _page(qtbot: QtBot, opened: OpenWorkspace) -> ReportsPage:
    page = ReportsPage(opened, autoload=False)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.built, timeout=20_000):
        page.refresh()
    assert page.export_button.isVisible() or not page.isVisible()
    assert page.export_button.isEnabled()
    return page


def test_the_saved_file_is_what_the_preview_showed(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    page = _page(qtbot, opened)
    preview = page.preview
    assert preview is not None
    target = tmp_path / "usb" / "march.suluhu-export"
    target.parent.mkdir()
    with qtbot.waitSignal(page.export_saved, timeout=20_000) as saved:
        page.save_export(target)
    assert saved.args == [target]
    verified = read_verified(target)
    assert verified.tables.tables == preview.export.tables
    assert verified.manifest.period == preview.export.period
    log = list_exports(opened.unit_of_work(), opened.actor)
    assert log[0].period == preview.export.period and log[0].sequence == 1
    assert "saved" in page.message.text() and verified.fingerprint in page.message.text()
    assert page.export_button.isEnabled()


def test_cancel_before_writing_leaves_no_file(opened: OpenWorkspace, tmp_path: Path) -> None:
    from desktop.views.reports.reports_service import build_preview

    class Context:
        cancelled = False

        def report(self, done: int, total: int) -> None:
            pass

    period = ReportsPage(opened, autoload=False).current_period()
    assert period is not None
    preview = build_preview(opened, period, Context())  # type: ignore[arg-type]
    stop = threading.Event()
    stop.set()
    target = tmp_path / "cancelled.suluhu-export"
    before = len(list_exports(opened.unit_of_work(), opened.actor))
    with pytest.raises(Cancelled):
        write_export(opened, preview, target, Context(), stop)  # type: ignore[arg-type]
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert len(list_exports(opened.unit_of_work(), opened.actor)) == before
