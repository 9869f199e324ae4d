"""The hub window's "Back up hub…" (on the Committees tab): the officer chooses a folder (the
hub's own backups folder, or a USB stick) and the hub writes a verified, encrypted backup with
its key file beside it, in the background (HubWorkspace.backup). The line under the button
says where it went, or the one-line problem. A hub on a PostgreSQL server is not backed up by
Suluhu: the button is disabled and says that its server's administrator backs it up.

Restoring stays on the command line (`suluhu hub restore`): it replaces the open hub's
database, so it is done with the hub closed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import tasks
from desktop.views.errors import error_text
from desktop.workspace import HubWorkspace

BACKUPS = "backups"  # the hub's own backups folder (rotated: the newest 10 are kept)


class HubBackupPanel(QWidget):
    def __init__(self, hub: HubWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self._stopped = False
        self.task: tasks.Task | None = None
        # where to write: a folder, or None (the officer cancelled); replaced by tests
        self.choose_folder: Callable[[], Path | None] = self._ask_folder
        self.button = QPushButton(self.tr("Back up hub…"), self)
        self.button.setObjectName("backUpHub")
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5a5a5a;")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        if hub.backs_up:
            self.hint.setText(
                self.tr(
                    "An encrypted, checked copy of the hub (its committees and their trusted "
                    "keys) with its key file beside it. Choose a folder on another disk or a USB "
                    "stick too: a copy on this laptop is lost with it."
                )
            )
        else:
            reason = self.tr(
                "This hub is on a PostgreSQL server: its administrator backs it up (pg_dump), "
                "not Suluhu."
            )
            self.button.setEnabled(False)
            self.button.setToolTip(reason)
            self.hint.setText(reason)

        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(self.hint)
        words.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.button)
        layout.addLayout(words, 1)
        self.button.clicked.connect(self.back_up)

    def back_up(self) -> None:
        """Ask where, then write the backup in the background."""
        if self._stopped or self.task is not None or not self.hub.backs_up:
            return
        folder = self.choose_folder()
        if folder is None or self._stopped:
            return
        if not folder.is_dir():  # taken out, or removed, since it was chosen
            text = self.tr("No backup was made: the folder %1 does not exist; choose another.")
            self._show(text.replace("%1", str(folder)))
            return
        own = self.hub.folder / BACKUPS
        # the hub's folder or its backups folder: into backups/, rotated (the newest 10 kept)
        to = None if _same(folder, own) or _same(folder, self.hub.folder) else folder
        self.button.setEnabled(False)
        self._show(self.tr("Making the backup…"))
        self.task = tasks.run_in_background(
            lambda: self.hub.backup(to), on_done=self._done, on_error=self._failed, parent=self
        )

    def stop(self) -> None:
        """The window is locking: start nothing more, show nothing more."""
        self._stopped = True
        self.button.setEnabled(False)

    def _done(self, path: object) -> None:
        self.task = None
        if self._stopped:
            return
        self.button.setEnabled(True)
        self._show(self.tr("Backup written and checked: %1").replace("%1", str(path)))

    def _failed(self, error: BaseException) -> None:
        self.task = None
        if self._stopped:
            return
        self.button.setEnabled(True)
        self._show(self.tr("No backup was made: %1").replace("%1", error_text(error)))

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    def _ask_folder(self) -> Path | None:
        own = self.hub.folder / BACKUPS
        start = own if own.is_dir() else self.hub.folder
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Where to put the hub's backup"), str(start)
        )
        return Path(chosen) if chosen else None


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()
