"""The hub window's "Back up hub…" (desktop/views/hub/backup_panel.py) over real hubs: it writes
a real, verified backup in the background and says where; a failure is one line; a PostgreSQL
hub's button is disabled with the reason; after a lock nothing more starts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.model.export_tables import Period
from desktop.domain.services.hub_import import ImportOptions
from desktop.views.hub.hub_window import HubWindow
from storage import backup as backups
from storage.hub import backend
from storage.hub.store import HubFolder
from storage.hub.workspace import HubSession, open_hub
from tests.hub_backends import HubMaker
from tests.hub_support import HUB_PASSPHRASE, demo_export_files
from tests.support import CHEAP_KDF


def _window(qtbot: QtBot, session: HubSession) -> HubWindow:
    window = HubWindow(session)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.tabs.setCurrentIndex(2)  # Committees
    window.show()
    return window


def test_back_up_hub_writes_a_verified_backup(qtbot: QtBot, tmp_path: Path) -> None:
    HubFolder(tmp_path / "hub", kdf=CHEAP_KDF).create(HUB_PASSPHRASE)
    session = open_hub(tmp_path / "hub", HUB_PASSPHRASE)
    [made] = demo_export_files(tmp_path / "committee", [Period.month(2026, 10)], cases=40)
    session.store.import_bytes(made, ImportOptions(accept_new_keys=True))
    try:
        window = _window(qtbot, session)
        panel = window.backup_panel
        assert panel.button.isEnabled() and panel.button.isVisible()
        panel.choose_folder = lambda: tmp_path / "hub"  # the hub's folder: into backups/
        qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.task is None and "checked" in panel.message.text())
        [path] = (tmp_path / "hub" / "backups").glob("suluhu-hub-*.db")
        assert str(path) in panel.message.text()
        key = backend.sqlite_key(backups.keys_beside(path), HUB_PASSPHRASE)
        backups.verify_backup(path, key)
        copy = backups.connect(path, key)
        try:
            pinned = copy.execute("SELECT pseudonym, fingerprint FROM committees").fetchall()
        finally:
            copy.close()
        assert pinned == [(c.pseudonym, c.fingerprint) for c in session.committees()] != []

        panel.choose_folder = lambda: tmp_path / "nowhere"  # a USB stick taken out
        panel.back_up()
        assert panel.task is None and "does not exist" in panel.message.text()
        (tmp_path / "hub" / "inside").mkdir()  # refused by the hub: one line, in the background
        panel.choose_folder = lambda: tmp_path / "hub" / "inside"
        panel.back_up()
        qtbot.waitUntil(lambda: panel.task is None and "No backup" in panel.message.text())
        assert "inside the hub's folder" in panel.message.text() and panel.button.isEnabled()
        assert not list((tmp_path / "hub" / "inside").iterdir())

        panel.choose_folder = lambda: None  # the officer cancelled the folder choice
        panel.back_up()
        assert panel.task is None

        window.lock()  # nothing more starts after a lock
        panel.choose_folder = lambda: tmp_path / "hub"
        panel.back_up()
        assert panel.task is None and not panel.button.isEnabled()
        assert len(list((tmp_path / "hub" / "backups").glob("*.db"))) == 1
    finally:
        session.close()


def test_a_postgresql_hub_offers_no_backup_and_says_why(qtbot: QtBot, make_hub: HubMaker) -> None:
    folder = make_hub.folder()
    session = open_hub(folder.folder, make_hub.secret)
    try:
        window = _window(qtbot, session)
        panel = window.backup_panel
        if make_hub.backend == "sqlite":
            assert panel.button.isEnabled() and panel.button.toolTip() == ""
            return
        assert not panel.button.isEnabled()
        assert "administrator" in panel.button.toolTip() and "pg_dump" in panel.hint.text()
        panel.choose_folder = lambda: folder.folder
        panel.back_up()
        assert panel.task is None and not (folder.folder / "backups").exists()
    finally:
        session.close()
