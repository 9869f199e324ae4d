"""Record a follow-up: was the agreement kept? A breach reopens the case; the dialog then says so
and offers to refer the case instead of mediating again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.proceedings import RECORDABLE_RESULTS, FollowUp, FollowUpResult
from desktop.domain.services import agreements
from desktop.domain.services.agreements import FollowUpRecorded
from desktop.views.cases.proceedings_dialog import ProceedingsDialog
from desktop.views.cases.proceedings_labels import result_label
from desktop.workspace import OpenWorkspace


class FollowUpDialog(ProceedingsDialog):
    refer_requested = Signal()  # the user chose to refer the reopened case

    def __init__(
        self, workspace: OpenWorkspace, follow_up: FollowUp, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Record a follow-up"), self.tr("Record follow-up"), parent)
        self._workspace = workspace
        self._follow_up_id = follow_up.id or 0
        self.results = QButtonGroup(self)
        choices = QVBoxLayout()
        for index, result in enumerate(RECORDABLE_RESULTS):
            button = QRadioButton(result_label(result), self)
            self.results.addButton(button, index)
            choices.addWidget(button)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("What the parties said (optional)"))
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.form.addRow(self.tr("Due on"), _label(follow_up.due_on.isoformat(), self))
        self.form.addRow(self.tr("Was the agreement kept?"), choices)
        self.form.addRow(self.tr("Note"), self.note)
        self.refer_button = QPushButton(self.tr("Refer the case instead\u2026"), self)
        self.refer_button.hide()
        self.refer_button.clicked.connect(self._refer)
        self.body.insertWidget(self.body.count() - 1, self.refer_button)
        self.fit(40)

    def chosen_result(self) -> FollowUpResult | None:
        index = self.results.checkedId()
        return None if index < 0 else RECORDABLE_RESULTS[index]

    def choose(self, result: FollowUpResult) -> None:
        self.results.button(RECORDABLE_RESULTS.index(result)).setChecked(True)

    def call(self) -> Callable[[], object]:
        result = self.chosen_result()
        if result is None:
            raise ValueError(self.tr("Choose whether the agreement was kept."))
        w, follow_up_id, note = self._workspace, self._follow_up_id, self.note.toPlainText()
        return lambda: agreements.record_follow_up(
            w.unit_of_work(), w.actor, w.clock, follow_up_id, result, note
        )

    def succeeded(self, value: object) -> None:
        assert isinstance(value, FollowUpRecorded)
        if not value.reopened:
            self.accept()
            return
        self.message.show_info(
            self.tr(
                "The agreement was breached, so the case has been reopened. Mediate again, or "
                "refer the case to another actor."
            )
        )
        self.ok_button.hide()
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(self.tr("Mediate again"))
        self.refer_button.show()
        self.done_recording = True

    def _refer(self) -> None:
        self.refer_requested.emit()
        self.accept()

    def reject(self) -> None:
        if getattr(self, "done_recording", False):
            self.accept()  # the follow-up is recorded: closing is not cancelling
            return
        super().reject()


def _label(text: str, parent: QWidget) -> QWidget:
    from PySide6.QtWidgets import QLabel

    return QLabel(text, parent)
