"""Keeps a form's draft in the database: a few seconds after the last change, and at once when
the focus leaves a field that changed, so a crash loses at most the field being typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from desktop.tasks import run_in_background
from desktop.views.cases import form_service
from desktop.views.errors import error_text
from desktop.workspace import OpenWorkspace

DELAY_MS = 3000


class DraftSaver(QObject):
    saved = Signal()  # a draft reached the database
    failed = Signal(str)  # a message for the user

    def __init__(
        self,
        workspace: OpenWorkspace,
        form: QWidget,
        snapshot: Callable[[], tuple[str, bool]],
        kind: str,
    ) -> None:
        super().__init__(form)
        self._workspace = workspace
        self._form = form
        self._snapshot = snapshot  # () -> (body, restricted)
        self.kind = kind
        self._dirty = False
        self._saving = False
        self.enabled = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.flush)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def schedule(self) -> None:
        """A field changed: save a few seconds from now (restarting the wait)."""
        if not self.enabled:
            return
        self._dirty = True
        self._timer.start()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        # the application's signal can still arrive while the form is being deleted
        if not self._dirty or old is None or not isValid(self._form):
            return
        if self._form.isAncestorOf(old):
            self.flush()

    def flush(self) -> None:
        """Save now when something changed since the last save."""
        self._timer.stop()
        if not self._dirty or not self.enabled:
            return
        if self._saving:  # one save at a time; the newest state goes next
            self._timer.start()
            return
        body, restricted = self._snapshot()
        workspace, kind = self._workspace, self.kind
        self._dirty = False
        self._saving = True
        run_in_background(
            lambda: form_service.save_draft(workspace, kind, body, restricted),
            on_done=self._done,
            on_error=self._failed,
            parent=self,
        )

    def stop(self) -> None:
        """No more saving (the form was saved or discarded)."""
        self.enabled = False
        self._dirty = False
        self._timer.stop()

    def _done(self, _draft: object) -> None:
        self._saving = False
        self.saved.emit()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self._dirty = True
        if isinstance(error, PermissionError):  # a restricted draft without the key
            self.failed.emit(self.tr("it would be a restricted case, which you cannot hold."))
            return
        self.failed.emit(error_text(error))
