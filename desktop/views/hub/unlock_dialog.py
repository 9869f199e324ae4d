"""A small dialog asking for the hub's passphrase; the hub is unlocked in the background
(the key derivation takes a second or two) and the dialog says in one line what went wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
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
        remember: Callable[[str], bool] | None = None,
    ) -> None:
        """``server``: the hub is on a PostgreSQL server, so it asks for the server's
        password (which no file keeps) rather than the hub's passphrase. ``remember``
        (a server hub, with a system keyring): offered as a tick box, it keeps the typed
        password in the keyring once the hub opened with it (True when kept)."""
        super().__init__(parent)
        self._opener = opener
        self._server = server
        self._remember = remember if server else None
        self.hub: HubWorkspace | None = None
        self.remembered: bool | None = None  # None: not asked to; False: the keyring failed
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
        self.remember_box = QCheckBox(self.tr("Remember it on this computer (system keyring)"))
        self.remember_box.setVisible(self._remember is not None)
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
        layout.addWidget(self.remember_box)
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
        remember = self._remember if self.remember_box.isChecked() else None

        def unlock() -> tuple[HubWorkspace, bool | None]:
            hub = opener(secret)
            return hub, None if remember is None else remember(secret)

        tasks.run_in_background(unlock, on_done=self._opened, on_error=self._failed, parent=self)

    def reject(self) -> None:
        """Esc or the window's close button: not while unlocking (the hub being opened would
        be left open, holding its folder's lock, with no window to close it)."""
        if self.buttons.isEnabled():
            super().reject()

    def _opened(self, result: tuple[HubWorkspace, bool | None]) -> None:
        self.hub, self.remembered = result
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
