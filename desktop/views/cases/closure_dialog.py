"""Close the case: the outcome, a note, and for each party their view of the process and the
result. Before the agreement's monitoring period ends only an administrator closes, with a
reason; with approvals on, a member's closure goes to the chair."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop.domain.model.approvals import ApprovalRequest
from desktop.domain.model.proceedings import Answer, PartyView
from desktop.domain.model.users import Role
from desktop.domain.services import outcomes
from desktop.views.cases.proceedings_dialog import ProceedingsDialog
from desktop.views.cases.proceedings_labels import answer_label, view_questions
from desktop.views.cases.proceedings_service import CaseProceedings
from desktop.workspace import OpenWorkspace


class ClosureDialog(ProceedingsDialog):
    def __init__(
        self, workspace: OpenWorkspace, case: CaseProceedings, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Close the case"), self.tr("Close case"), parent)
        self._workspace = workspace
        self._dispute_id = case.dispute.id or 0
        self.outcome = QComboBox(self)
        for kind in workspace.taxonomy.outcomes:
            self.outcome.addItem(kind.label, kind.code)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.form.addRow(self.tr("Outcome"), self.outcome)
        self.form.addRow(self.tr("Note"), self.note)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why close now (no names)"))
        early = case.monitoring is not None and workspace.actor.role is Role.ADMINISTRATOR
        if case.monitoring is not None:
            warning = QLabel(case.monitoring, self)
            warning.setWordWrap(True)
            self.form.addRow(self.tr("Monitoring"), warning)
        if early:
            self.form.addRow(self.tr("Reason to close early"), self.reason)
        else:
            self.reason.hide()  # not in the form: it would sit loose at the dialog's corner
        self.views: dict[int, dict[str, QComboBox]] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        questions = view_questions()
        parties = [p for p in case.dispute.parties if p.id is not None]
        for column, party in enumerate(parties, start=1):
            name = QLabel(party.name, self)
            name.setWordWrap(True)
            grid.addWidget(name, 0, column)
        for row, (field, question) in enumerate(questions.items(), start=1):
            label = QLabel(question, self)
            label.setWordWrap(True)
            grid.addWidget(label, row, 0)
            for column, party in enumerate(parties, start=1):
                combo = QComboBox(self)
                for answer in Answer:
                    combo.addItem(answer_label(answer), answer.value)
                combo.setCurrentIndex(list(Answer).index(Answer.NOT_ASKED))
                self.views.setdefault(party.id or 0, {})[field] = combo
                grid.addWidget(combo, row, column)
        grid.setColumnStretch(0, 1)
        heading = QLabel(self.tr("What each party thought"), self)
        heading.setStyleSheet("font-weight: bold;")
        self.body.insertWidget(1, heading)
        self.body.insertLayout(2, grid)
        self.fit(56)

    def set_answer(self, party_id: int, field: str, answer: Answer) -> None:
        combo = self.views[party_id][field]
        combo.setCurrentIndex(combo.findData(answer.value))

    def call(self) -> Callable[[], object]:
        views = tuple(
            PartyView(party_id, **{f: Answer(c.currentData()) for f, c in fields.items()})
            for party_id, fields in self.views.items()
        )
        cmd = outcomes.CloseCase(
            dispute_id=self._dispute_id,
            outcome=str(self.outcome.currentData()),
            note=self.note.toPlainText(),
            views=views,
            override_reason=self.reason.text(),
        )
        w = self._workspace
        return lambda: outcomes.close_case(w.unit_of_work(), w.actor, w.clock, w.taxonomy, cmd)

    def succeeded(self, value: object) -> None:
        if isinstance(value, ApprovalRequest):
            self.message.show_info(
                self.tr("The closure now waits for the chair's approval; the case stays open.")
            )
            self.ok_button.hide()
            self.buttons.button(self.buttons.StandardButton.Cancel).setText(self.tr("Close"))
            self.filed = True
            return
        self.accept()
