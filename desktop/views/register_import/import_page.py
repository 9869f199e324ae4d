"""Import wizard, step 3: register every checked case in one transaction in the background,
then say how many were registered and under which numbers (or that nothing was)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget, QWizardPage

from desktop.domain.model.dispute import Dispute
from desktop.domain.services.disputes import RegisterDispute, import_register
from desktop.tasks import run_in_background
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
        self.message = MessageLabel(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def initializePage(self) -> None:
        if self.done or self.working:
            return
        commands = self._commands()
        workspace = self._workspace
        self.working = True
        self.progress.setRange(0, 0)  # one transaction: busy until it commits
        self.progress.show()
        self.status.setText(self.tr("Registering %n case(s) in one step\u2026", "", len(commands)))
        run_in_background(
            lambda: import_register(
                workspace.unit_of_work(),
                workspace.actor,
                workspace.clock,
                workspace.taxonomy,
                commands,
            ),
            on_done=self._finished,
            on_error=self._failed,
            parent=self,
        )

    def isComplete(self) -> bool:
        return not self.working

    def _finished(self, disputes: object) -> None:
        assert isinstance(disputes, list)
        registered: list[Dispute] = disputes
        self.working = False
        self.done = True
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
        self.status.setText(self.tr("Nothing was imported."))
        self.message.show_error(error_text(error))
        self.completeChanged.emit()
