"""Import wizard, step 3: register every checked case in one transaction in the background,
with a progress bar and a Cancel button (cancelling rolls the whole transaction back), then
say how many were registered and under which numbers (or that nothing was)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.domain.errors import Cancelled
from desktop.domain.model.dispute import Dispute
from desktop.domain.services.disputes import RegisterDispute, import_register
from desktop.tasks import TaskContext, run_in_background
from desktop.views.errors import error_text
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


class ImportPage(QWizardPage):
    imported = Signal(int)

    def __init__(
        self,
        workspace: OpenWorkspace,
        commands: Callable[[], list[RegisterDispute]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._commands = commands
        self.done = False
        self.working = False
        self.setTitle(self.tr("Importing the register"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel the import"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.message = MessageLabel(self)
        self._stop = threading.Event()
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.status)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def initializePage(self) -> None:
        if self.done or self.working:
            return
        commands = self._commands()
        workspace, stop = self._workspace, self._stop
        self.working = True
        stop.clear()
        self.progress.setRange(0, max(1, len(commands)))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.status.setText(self.tr("Registering %n case(s) in one step\u2026", "", len(commands)))

        def work(context: TaskContext) -> list[Dispute]:
            def progress(done: int, total: int) -> bool:
                context.report(done, total)
                return not (stop.is_set() or context.cancelled)

            return import_register(
                workspace.unit_of_work(),
                workspace.actor,
                workspace.clock,
                workspace.taxonomy,
                commands,
                progress=progress,
                every=max(1, len(commands) // 100),
            )

        run_in_background(
            work,
            on_done=self._finished,
            on_error=self._failed,
            on_progress=self._progressed,
            with_context=True,
            parent=self,
        )

    def cancel(self) -> None:
        """Stop the import: the worker rolls back at its next progress step."""
        if not self.working:
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Stopping the import\u2026"))

    def _progressed(self, done: int, total: int) -> None:
        if self._stop.is_set():
            return
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.status.setText(
            self.tr("Registered %1 of %n case(s)\u2026", "", total).replace("%1", str(done))
        )

    def isComplete(self) -> bool:
        return not self.working

    def _finished(self, disputes: object) -> None:
        assert isinstance(disputes, list)
        registered: list[Dispute] = disputes
        self.working = False
        self.done = True
        self.cancel_button.hide()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        numbers = sorted(d.number for d in registered)
        text = self.tr("%n case(s) registered.", "", len(registered))
        if numbers:
            text += " " + self.tr("Numbers %1 to %2.").replace("%1", numbers[0]).replace(
                "%2", numbers[-1]
            )
        self.status.setText(text)
        self.completeChanged.emit()
        self.imported.emit(len(registered))

    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.progress.hide()
        self.cancel_button.hide()
        if isinstance(error, Cancelled):
            self.status.setText(self.tr("The import was cancelled. Nothing was imported."))
        else:
            self.status.setText(self.tr("Nothing was imported."))
            self.message.show_error(error_text(error))
        self.completeChanged.emit()
