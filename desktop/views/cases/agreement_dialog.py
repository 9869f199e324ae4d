"""Record the agreement: its terms, who signs, the date, and when to check it is kept."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QSpinBox, QWidget

from desktop.domain.services import agreements
from desktop.views.cases.form_labels import role_label
from desktop.views.cases.hearing_dialog import date_edit
from desktop.views.cases.proceedings_checklist import Checklist
from desktop.views.cases.proceedings_dialog import ProceedingsDialog
from desktop.views.cases.proceedings_service import CaseProceedings
from desktop.workspace import OpenWorkspace


class AgreementDialog(ProceedingsDialog):
    def __init__(
        self, workspace: OpenWorkspace, case: CaseProceedings, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Record the agreement"), self.tr("Record agreement"), parent)
        self._workspace = workspace
        self._dispute_id = case.dispute.id or 0
        today = workspace.clock.today()
        self.terms = QPlainTextEdit(self)
        self.terms.setPlaceholderText(self.tr("What each party agrees to do, and by when"))
        self.terms.setTabChangesFocus(True)
        self.terms.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        parties = [(p.id or 0, f"{p.name} ({role_label(p.role)})") for p in case.dispute.parties]
        signing = [p.id or 0 for p in case.dispute.parties if p.role.value != "witness"]
        self.signatories = Checklist(parties, signing, self)
        self.agreed_on = date_edit(today, self)
        self.agreed_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.first = self._days(agreements.DEFAULT_FOLLOW_UP_DAYS[0])
        self.second = self._days(agreements.DEFAULT_FOLLOW_UP_DAYS[1])
        checks = QHBoxLayout()
        checks.setSpacing(8)
        checks.addWidget(self.first)
        checks.addWidget(QLabel(self.tr("and"), self))
        checks.addWidget(self.second)
        checks.addWidget(QLabel(self.tr("days after the agreement"), self))
        checks.addStretch(1)
        self.form.addRow(self.tr("Terms"), self.terms)
        self.form.addRow(self.tr("Parties who sign"), self.signatories)
        self.form.addRow(self.tr("Agreed on"), self.agreed_on)
        self.form.addRow(self.tr("Check it is kept"), checks)
        self.fit(48)

    def _days(self, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(0, agreements.FOLLOW_UP_DAYS_MAX)
        box.setSpecialValueText(self.tr("none"))
        box.setValue(value)
        return box

    def call(self) -> Callable[[], object]:
        w = self._workspace
        days = tuple(b.value() for b in (self.first, self.second) if b.value() > 0)
        cmd = agreements.RecordAgreement(
            dispute_id=self._dispute_id,
            terms=self.terms.toPlainText(),
            agreed_on=self.agreed_on.date().toPython(),  # type: ignore[arg-type]
            signatories=self.signatories.checked_ids(),
            follow_up_days=days,
        )
        return lambda: agreements.record_agreement(w.unit_of_work(), w.actor, w.clock, cmd)
