"""Setup wizard: creating the workspace (or the programme hub) in the background (the key
derivation takes a moment)."""

from __future__ import annotations

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

from desktop.tasks import run_in_background
from desktop.views.widgets.message_label import MessageLabel

Job = Callable[[], Callable[[], object]]  # on the GUI thread: the function to run in background


class CreatingPage(QWizardPage):
    created = Signal(object)  # what the job's function returned

    def __init__(self, job: Job, parent: QWidget | None = None, *, hub: bool = False):
        """``hub``: the texts say "hub" instead of "workspace"."""
        super().__init__(parent)
        self._job = job
        self._hub = hub
        self._done = False
        self.working = False
        self.setTitle(self.tr("Creating the hub") if hub else self.tr("Creating the workspace"))
        self.setCommitPage(True)

        self.status = QLabel(
            self.tr("Creating the encrypted hub. This takes a moment\u2026")
            if hub
            else self.tr("Creating the encrypted workspace. This takes a moment\u2026")
        )
        self.status.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.message = MessageLabel(self)
        self.retry_button = QPushButton(self.tr("Try again"), self)
        self.change_button = QPushButton(self.tr("Change the details"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.change_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._show_buttons(False)

        self.retry_button.clicked.connect(self._start)
        self.change_button.clicked.connect(self._go_back)

    def initializePage(self) -> None:
        if not self._done:
            self._start()

    def isComplete(self) -> bool:
        return self._done

    def _show_buttons(self, shown: bool) -> None:
        self.retry_button.setVisible(shown)
        self.change_button.setVisible(shown)

    def _start(self) -> None:
        work = self._job()
        self.working = True
        self.busy.show()
        self.message.clear_message()
        self._show_buttons(False)
        run_in_background(work, on_done=self._finished, on_error=self._failed, parent=self)

    def _finished(self, result: object) -> None:
        self.working = False
        self._done = True
        self.busy.hide()
        self.status.setText(
            self.tr("The hub is ready.") if self._hub else self.tr("The workspace is ready.")
        )
        self.created.emit(result)
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            wizard.next()

    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.busy.hide()
        self.status.setText(
            self.tr("The hub was not created.")
            if self._hub
            else self.tr("The workspace was not created.")
        )
        self.message.show_error(str(error) or type(error).__name__)
        self._show_buttons(True)

    def _go_back(self) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.back()
