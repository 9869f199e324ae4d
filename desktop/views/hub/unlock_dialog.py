"""A small dialog asking for the hub's passphrase; the hub is unlocked in the background
(the key derivation takes a second or two) and the dialog says in one line what went wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import tasks
from desktop.workspace import HubWorkspace, WorkspaceError


class HubUnlockDialog(QDialog):
    """``opener(passphrase)`` unlocks the hub (on the worker); ``hub`` holds it on success."""

    def __init__(
        self,
        folder: Path,
        opener: Callable[[str], HubWorkspace],
        parent: QWidget | None = None,
        *,
        server: bool = False,
    ) -> None:
        """``server``: the hub is on a PostgreSQL server, so it asks for the server's
        password (which no file keeps) rather than the hub's passphrase."""
        super().__init__(parent)
        self._opener = opener
        self._server = server
        self.hub: HubWorkspace | None = None
        self.setWindowTitle(self.tr("Open the programme hub"))
        if server:
            text = self.tr(
                "The hub in %1 is kept on a PostgreSQL server. Its password (no file keeps it):"
            )
        else:
            text = self.tr("Passphrase of the hub in %1:")
        self.intro = intro = QLabel(text.replace("%1", str(folder)))
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        intro.setBuddy(self.passphrase)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def submit(self) -> None:
        secret = self.passphrase.text()
        if not secret:
            self.message.setText(
                self.tr("Type the server's password.")
                if self._server
                else self.tr("Type the hub's passphrase.")
            )
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Unlocking…"))
        opener = self._opener
        tasks.run_in_background(
            lambda: opener(secret), on_done=self._opened, on_error=self._failed, parent=self
        )

    def _opened(self, hub: HubWorkspace) -> None:
        self.hub = hub
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        if isinstance(error, WorkspaceError):
            self.message.setText(str(error))
        else:
            self.message.setText(
                self.tr("The hub could not be opened (%1).").replace("%1", type(error).__name__)
            )
