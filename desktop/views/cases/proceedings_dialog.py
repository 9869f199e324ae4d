"""The shape every proceedings dialog shares: a form, a message line, OK and Cancel; OK runs one
use case in the background and closes the dialog when it succeeds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.tasks import run_in_background
from desktop.views.errors import error_text
from desktop.views.widgets.message_label import MessageLabel


class ProceedingsDialog(QDialog):
    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: object = None
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setVerticalSpacing(10)
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.body = QVBoxLayout(self)
        self.body.setSpacing(12)
        self.body.addLayout(self.form)
        self.body.addWidget(self.message)
        self.body.addWidget(self.buttons)
        self.body.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._busy = False

    def fit(self, width_in_ems: int = 44) -> None:
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * width_in_ems, self.sizeHint().height())

    def call(self) -> Callable[[], object]:
        """The use case to run with the form's values (raise ValueError for a form problem)."""
        raise NotImplementedError

    def submit(self) -> None:
        if self._busy:
            return
        try:
            work = self.call()
        except ValueError as problem:
            self.message.show_error(str(problem))
            return
        self._busy = True
        self.ok_button.setEnabled(False)
        self.message.clear_message()
        run_in_background(work, on_done=self._done, on_error=self._failed, parent=self)

    def _done(self, value: object) -> None:
        self._busy = False
        self.ok_button.setEnabled(True)
        self.result_value = value
        self.succeeded(value)

    def succeeded(self, value: object) -> None:
        """Called with the use case's result; closes the dialog unless overridden."""
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.ok_button.setEnabled(True)
        self.message.show_error(error_text(error))

    def reject(self) -> None:
        if not self._busy:
            super().reject()
