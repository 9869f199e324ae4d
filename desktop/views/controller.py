"""Which window shows when: the setup wizard, sign-in, the main window, and back on lock; or,
on a programme officer's laptop (a hub and no committee workspace), the hub's unlock dialog and
the hub window.

The bootstrap creates the QApplication and the Workspace, then ``AppController(ws).start()``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop.views import appearance
from desktop.views.errors import log_unexpected
from desktop.views.signin.sign_in_window import SignInWindow
from desktop.workspace import HubHome, HubWorkspace, OpenWorkspace, Workspace

log = logging.getLogger(__name__)


class AppController(QObject):
    window_changed = Signal(object)  # the window now showing (for tests and the bootstrap)

    def __init__(
        self,
        workspace: Workspace,
        *,
        idle_lock_ms: int | None = None,
        hub: HubHome | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._idle_lock_ms = idle_lock_ms
        self._hub_home = hub
        self.window: QWidget | None = None
        self.open_workspace: OpenWorkspace | None = None
        self.open_hub: HubWorkspace | None = None

    def start(self, *, style: bool = True) -> None:
        """Show the first window; with ``style`` also apply the app's font and style sheet."""
        app = QApplication.instance()
        if style and isinstance(app, QApplication):
            appearance.apply(app)
        if self._workspace.exists():
            self.show_sign_in()
        elif self._hub_home is not None and self._hub_home.exists():
            self.show_hub_unlock()
        else:
            self.show_wizard()

    def show_wizard(self) -> None:
        from desktop.views.wizard.setup_wizard import SetupWizard

        wizard = SetupWizard(self._workspace, hub=self._hub_home)
        wizard.accepted.connect(lambda: self._wizard_done(wizard))
        self._switch_to(wizard)

    def _wizard_done(self, wizard: QWidget) -> None:
        from desktop.views.wizard.setup_wizard import SetupWizard

        assert isinstance(wizard, SetupWizard)
        if wizard.hub is not None:
            self.show_hub(wizard.hub)
        else:
            self.show_sign_in(wizard.administrator_username())

    # -- the programme hub (docs/hub.md) --------------------------------------------------------

    def show_hub_unlock(self) -> None:
        from desktop.views.hub.unlock_dialog import HubUnlockDialog

        home = self._hub_home
        assert home is not None
        dialog = HubUnlockDialog(home.folder, home.open)
        dialog.accepted.connect(lambda: self._hub_unlocked(dialog))
        self._switch_to(dialog)

    def _hub_unlocked(self, dialog: QWidget) -> None:
        hub = getattr(dialog, "hub", None)
        if hub is not None:
            self.show_hub(hub)

    def show_hub(self, hub: HubWorkspace) -> None:
        from desktop.views.hub.hub_window import HubWindow

        self.open_hub = hub
        window = HubWindow(hub)
        window.locked.connect(self._lock_hub)
        self._switch_to(window)

    def _lock_hub(self) -> None:
        self.close_hub()
        self.show_hub_unlock()

    def close_hub(self) -> None:
        """After the hub window: let its background work end, then close the hub."""
        from desktop import tasks

        opened, self.open_hub = self.open_hub, None
        if opened is not None:
            tasks.wait_for_all()
            try:
                opened.close()
            except Exception as error:
                log_unexpected("closing the hub failed", error)

    def show_sign_in(self, username: str = "") -> None:
        window = SignInWindow(self._workspace, username=username)
        window.signed_in.connect(self._signed_in)
        self._switch_to(window)

    def _signed_in(self, opened: OpenWorkspace) -> None:
        from desktop.views.main_window import MainWindow

        self.open_workspace = opened
        window = MainWindow(opened, idle_lock_ms=self._idle_lock_ms)
        window.locked.connect(self._lock)
        window.closed.connect(self._close_workspace)
        self._switch_to(window)

    def _lock(self) -> None:
        self._close_workspace()
        self.show_sign_in()

    def _close_workspace(self) -> None:
        opened, self.open_workspace = self.open_workspace, None
        if opened is not None:
            try:
                opened.close()
            except Exception as error:
                log_unexpected("closing the workspace failed", error)

    def _switch_to(self, window: QWidget) -> None:
        """Show the new window before the old one goes, so the app never has no window."""
        old, self.window = self.window, window
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None and old is not window:
            old.hide()
            old.deleteLater()
        self.window_changed.emit(window)
