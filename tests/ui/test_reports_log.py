"""The export log on the Reports page (administrators only) and the summary PDF saved beside an
export, over a real workspace of demo cases: the log shows who, when, which period, the export
id, the sequence number and the file's SHA-256, newest first, and is read again after a save;
the summary beside the export is named after it and names the committee by pseudonym only."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import tasks
from desktop.domain.model.users import Role, User
from desktop.domain.services.export_log import list_exports
from desktop.views.reports.export_log_model import Column
from desktop.views.reports.report_labels import period_label
from desktop.views.reports.reports_page import ReportsPage
from desktop.workspace import OpenWorkspace
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace, make_workspace
from tests.ui.reports_setup import demo_folder

MEMBER, MEMBER_PASSPHRASE = "baraka", "green goat under the bridge"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("reports-log") / "workspace")


@pytest.fixture
def opened(folder: Path) -> Iterator[OpenWorkspace]:
    workspace = make_workspace(folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    yield workspace
    tasks.wait_for_all()
    workspace.close()


def built_page(qtbot: QtBot, opened: OpenWorkspace) -> ReportsPage:
    page = ReportsPage(opened, autoload=False)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.built, timeout=20_000):
        page.refresh()
    return page


def save(qtbot: QtBot, page: ReportsPage, target: Path) -> None:
    assert page.log_panel is not None
    with (
        qtbot.waitSignal(page.log_panel.loaded, timeout=20_000),
        qtbot.waitSignal(page.export_saved, timeout=20_000),
    ):
        page.save_export(target)


def cell(page: ReportsPage, row: int, column: Column) -> str:
    assert page.log_panel is not None
    return str(page.log_panel.model.index(row, column).data())


def test_the_log_lists_every_save_newest_first(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    page = built_page(qtbot, opened)
    panel = page.log_panel
    assert panel is not None
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles == ["Tables", "Indicators", "Export log"]
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        page.tabs.setCurrentWidget(panel)  # read when the tab is chosen
    before = panel.model.rowCount()
    assert panel.empty.isVisibleTo(page) == (before == 0)

    first, second = tmp_path / "first.suluhu-export", tmp_path / "second.suluhu-export"
    save(qtbot, page, first)
    assert panel.model.rowCount() == before + 1  # read again after the save, not on a click
    save(qtbot, page, second)
    assert panel.model.rowCount() == before + 2
    assert not panel.empty.isVisibleTo(page)

    log = list_exports(opened.unit_of_work(), opened.actor)
    period = page.current_period()
    assert period is not None
    for row, path, sequence, words in (
        (0, second, 2, "2 (correction, replaces 1)"),
        (1, first, 1, "1 (first)"),
    ):
        entry = panel.model.entry(row)
        assert entry == log[row]  # newest first, as list_exports gives
        assert (entry.period, entry.sequence) == (period, sequence)
        assert cell(page, row, Column.NUMBER) == words
        assert cell(page, row, Column.WHO) == ADMIN
        assert cell(page, row, Column.PERIOD) == period_label(period)
        assert cell(page, row, Column.EXPORT) == entry.export_id[:8]
        assert cell(page, row, Column.WHEN) == entry.created_at.strftime("%Y-%m-%d %H:%M")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert cell(page, row, Column.SHA256) == digest[:12]
        tooltip = panel.model.index(row, Column.SHA256).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip == digest
    assert log[0].export_id[:8] in page.message.text()  # the line after the save names it


def test_a_member_sees_no_export_log(qtbot: QtBot, tmp_path: Path) -> None:
    workspace, _ = create_workspace(tmp_path / "ws")
    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    admin.add_user(User(MEMBER, "Baraka Member", Role.MEMBER), MEMBER_PASSPHRASE)
    admin.close()
    member = workspace.sign_in(MEMBER, MEMBER_PASSPHRASE)
    try:
        page = ReportsPage(member, autoload=False)
        qtbot.addWidget(page)
        assert page.log_panel is None
        assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
            "Tables",
            "Indicators",
        ]
        assert not page.export_button.isHidden()  # members may still export
    finally:
        tasks.wait_for_all()
        member.close()


def test_the_summary_beside_the_export_carries_the_pseudonym(
    qtbot: QtBot, opened: OpenWorkspace, tmp_path: Path
) -> None:
    page = built_page(qtbot, opened)
    assert page.beside_button.isHidden()  # nothing saved yet
    target = tmp_path / "usb" / "march.suluhu-export"
    target.parent.mkdir()
    save(qtbot, page, target)
    assert not page.beside_button.isHidden() and page.beside_button.isEnabled()
    with qtbot.waitSignal(page.summary_saved, timeout=20_000) as saved:
        page.beside_button.click()
    beside = tmp_path / "usb" / "march.pdf"
    assert saved.args == [beside]
    assert sorted(p.name for p in beside.parent.iterdir()) == ["march.pdf", "march.suluhu-export"]
    text = " ".join(p.extract_text() for p in PdfReader(beside).pages)
    committee = opened.committee()
    assert committee.pseudonym and committee.pseudonym in text
    assert committee.name not in text
    assert period_label(page.preview.export.period) in text  # type: ignore[union-attr]
    # choosing another period puts the button away: it would be the wrong summary
    page.period.setCurrentIndex(1)
    assert page.beside_button.isHidden()
    page.cancel()
