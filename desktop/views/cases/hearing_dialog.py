"""Record a hearing that was held: date, mediators and parties present, what was said, what
comes next."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from desktop.domain.services import hearings
from desktop.views.cases.form_labels import role_label
from desktop.views.cases.proceedings_checklist import Checklist
from desktop.views.cases.proceedings_dialog import ProceedingsDialog
from desktop.views.cases.proceedings_service import CaseProceedings
from desktop.workspace import OpenWorkspace


def date_edit(value: date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class HearingDialog(ProceedingsDialog):
    def __init__(
        self, workspace: OpenWorkspace, case: CaseProceedings, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Record a hearing"), self.tr("Record hearing"), parent)
        self._workspace = workspace
        self._dispute_id = case.dispute.id or 0
        today = workspace.clock.today()
        self.held_on = date_edit(today, self)
        self.held_on.setMaximumDate(QDate(today.year, today.month, today.day))
        mediators = [(u.id or 0, u.display_name) for u in case.users]
        self.mediators = Checklist(mediators, (workspace.actor.user_id,), self)
        parties = [(p.id or 0, f"{p.name} ({role_label(p.role)})") for p in case.dispute.parties]
        self.parties = Checklist(parties, (), self)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("What was discussed and agreed so far"))
        self.notes.setTabChangesFocus(True)
        self.next_step = QLineEdit(self)
        self.has_next = QCheckBox(self.tr("Next hearing on"), self)
        self.next_date = date_edit(today, self)
        self.next_date.setEnabled(False)
        self.has_next.toggled.connect(self.next_date.setEnabled)
        next_row = QHBoxLayout()
        next_row.addWidget(self.has_next)
        next_row.addWidget(self.next_date)
        next_row.addStretch(1)
        self.form.addRow(self.tr("Held on"), self.held_on)
        self.form.addRow(self.tr("Mediators present"), self.mediators)
        self.form.addRow(self.tr("Parties present"), self.parties)
        self.form.addRow(self.tr("Summary and notes"), self.notes)
        self.form.addRow(self.tr("Next step"), self.next_step)
        self.form.addRow("", next_row)
        self.fit()

    def call(self) -> Callable[[], object]:
        if not self.mediators.checked_ids():
            raise ValueError(self.tr("Tick at least one mediator."))
        w = self._workspace
        cmd = hearings.RecordHearing(
            dispute_id=self._dispute_id,
            held_on=self.held_on.date().toPython(),  # type: ignore[arg-type]
            mediators=self.mediators.checked_ids(),
            parties_present=self.parties.checked_ids(),
            notes=self.notes.toPlainText(),
            next_step=self.next_step.text(),
            next_date=self.next_date.date().toPython() if self.has_next.isChecked() else None,  # type: ignore[arg-type]
        )
        return lambda: hearings.record_hearing(w.unit_of_work(), w.actor, w.clock, cmd)
