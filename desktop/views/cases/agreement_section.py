"""The agreement, its follow-ups, closing and reopening, and approvals waiting for the chair; a
section of the case view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.approvals import ApprovalKind, ApprovalRequest
from desktop.domain.model.dispute import PartyRole, Status
from desktop.domain.model.proceedings import FollowUp
from desktop.domain.services.agreements import FOLLOW_UP_STATUSES
from desktop.domain.services.permissions import can
from desktop.tasks import run_in_background
from desktop.views.cases.agreement_dialog import AgreementDialog
from desktop.views.cases.closure_dialog import ClosureDialog
from desktop.views.cases.follow_up_dialog import FollowUpDialog
from desktop.views.cases.form_labels import role_label
from desktop.views.cases.proceedings_decision_dialog import DecisionDialog
from desktop.views.cases.proceedings_dialog import ProceedingsDialog
from desktop.views.cases.proceedings_labels import agreement_texts, result_label
from desktop.views.cases.proceedings_reopen_dialog import ReopenDialog
from desktop.views.cases.proceedings_service import CaseProceedings, load, print_agreement
from desktop.views.errors import error_text
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace

AGREEMENT_FROM = frozenset({Status.IN_MEDIATION})


class AgreementSection(QWidget):
    changed = Signal()  # something was recorded: the case view refreshes its other sections
    loaded = Signal()
    printed = Signal(Path)
    refer_requested = Signal(int)  # dispute id: a breach, and the user chose to refer instead

    def __init__(
        self, workspace: OpenWorkspace, dispute_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dispute_id = dispute_id
        self.case: CaseProceedings | None = None
        self.dialog: ProceedingsDialog | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.terms = QLabel(self)
        self.terms.setWordWrap(True)
        self.terms.setTextFormat(Qt.TextFormat.PlainText)
        self.terms.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.terms.setStyleSheet("QLabel { border-left: 3px solid #b8cfe6; padding-left: 8px; }")
        self.follow_ups = QTableWidget(0, 4, self)
        self.follow_ups.setHorizontalHeaderLabels(
            [self.tr("Check due"), self.tr("Checked on"), self.tr("Result"), self.tr("Note")]
        )
        self.follow_ups.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.follow_ups.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.follow_ups.verticalHeader().hide()
        header = self.follow_ups.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.follow_ups.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.message = MessageLabel(self)
        self.agreement_button = self._button(self.tr("Record the agreement\u2026"), self.record)
        self.print_button = self._button(self.tr("Print the agreement\u2026"), self.print_dialog)
        self.follow_up_button = self._button(self.tr("Record a follow-up\u2026"), self.follow_up)
        self.close_button = self._button(self.tr("Close the case\u2026"), self.close_case)
        self.reopen_button = self._button(self.tr("Reopen\u2026"), self.reopen)
        self.approve_button = self._button(self.tr("Approve\u2026"), lambda: self.decide(True))
        self.reject_button = self._button(self.tr("Reject\u2026"), lambda: self.decide(False))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.terms)
        layout.addLayout(self._row(self.agreement_button, self.print_button))
        layout.addWidget(self.follow_ups)
        layout.addWidget(self.state)
        layout.addLayout(self._row(self.follow_up_button, self.close_button, self.reopen_button))
        layout.addLayout(self._row(self.approve_button, self.reject_button))
        layout.addWidget(self.message)
        self._generation = 0
        self.refresh()

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setEnabled(False)
        button.clicked.connect(slot)
        return button

    def _row(self, *buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    @Slot()
    def refresh(self) -> None:
        w, dispute_id = self._workspace, self._dispute_id
        self._generation += 1
        generation = self._generation
        run_in_background(
            lambda: load(w, dispute_id),
            on_done=lambda value: self._loaded(value, generation),
            on_error=self._failed,
            parent=self,
        )

    def _failed(self, error: BaseException) -> None:
        self.message.show_error(error_text(error))

    def _loaded(self, case: CaseProceedings, generation: int) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        self.case = case
        self.message.clear_message()
        agreement = case.proceedings.agreements[-1] if case.proceedings.agreements else None
        if agreement is None:
            self.summary.setText(self.tr("No agreement has been recorded yet."))
            self.terms.hide()
        else:
            names = {p.id: p.name for p in case.dispute.parties}
            signers = ", ".join(names.get(i, "\u2014") for i in agreement.signatories)
            self.summary.setText(
                self.tr("Agreed on %1; signed by %2.")
                .replace("%1", agreement.agreed_on.isoformat())
                .replace("%2", signers or self.tr("nobody yet"))
            )
            self.terms.setText(agreement.terms)
            self.terms.show()
        self._fill_follow_ups(case.proceedings.follow_ups)
        self._show_state(case)
        self._enable(case)
        self.loaded.emit()

    def _fill_follow_ups(self, follow_ups: list[FollowUp]) -> None:
        self.follow_ups.setRowCount(len(follow_ups))
        for row, item in enumerate(follow_ups):
            cells = [
                item.due_on.isoformat(),
                item.done_on.isoformat() if item.done_on else "",
                result_label(item.result),
                item.note,
            ]
            for column, text in enumerate(cells):
                self.follow_ups.setItem(row, column, QTableWidgetItem(text))

    def _show_state(self, case: CaseProceedings) -> None:
        lines = []
        if case.monitoring:
            lines.append(case.monitoring)
        for request in case.pending:
            what = (
                self.tr("Closing this case")
                if request.kind is ApprovalKind.CLOSE_CASE
                else self.tr("Mediating despite the do-no-harm rule")
            )
            lines.append(
                self.tr("%1 waits for the chair's approval (asked by %2 on %3).")
                .replace("%1", what)
                .replace("%2", case.user_name(request.requested_by))
                .replace("%3", request.requested_at.date().isoformat())
            )
        self.state.setText("\n".join(lines))
        self.state.setVisible(bool(lines))

    def _enable(self, case: CaseProceedings) -> None:
        actor, status = self._workspace.actor, case.dispute.status
        has_agreement = bool(case.proceedings.agreements)
        self.agreement_button.setEnabled(
            can(actor, "record_agreement") and status in AGREEMENT_FROM
        )
        self.print_button.setEnabled(has_agreement)
        self.follow_up_button.setEnabled(
            status in FOLLOW_UP_STATUSES and self.next_follow_up() is not None
        )
        closing_pending = any(r.kind is ApprovalKind.CLOSE_CASE for r in case.pending)
        self.close_button.setEnabled(
            can(actor, "close_case") and Status.CLOSED in _targets(status) and not closing_pending
        )
        # the status machine decides, as for the case header's Reopen (legal_next)
        self.reopen_button.setEnabled(can(actor, "reopen") and Status.REOPENED in _targets(status))
        deciding = can(actor, "decide_approval") and bool(case.pending)
        self.approve_button.setVisible(deciding)
        self.reject_button.setVisible(deciding)
        self.approve_button.setEnabled(deciding)
        self.reject_button.setEnabled(deciding)

    def next_follow_up(self) -> FollowUp | None:
        if self.case is None:
            return None
        return next((f for f in self.case.proceedings.follow_ups if f.result is None), None)

    def _open(self, dialog: ProceedingsDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(self._dialog_finished)
        dialog.open()

    def _dialog_finished(self, _code: int) -> None:
        self.changed.emit()
        self.refresh()

    @Slot()
    def record(self) -> None:
        if self.case is not None:
            self._open(AgreementDialog(self._workspace, self.case, self))

    @Slot()
    def follow_up(self) -> None:
        follow_up = self.next_follow_up()
        if follow_up is None:
            return
        dialog = FollowUpDialog(self._workspace, follow_up, self)
        dialog.refer_requested.connect(lambda: self.refer_requested.emit(self._dispute_id))
        self._open(dialog)

    @Slot()
    def close_case(self) -> None:
        if self.case is not None:
            self._open(ClosureDialog(self._workspace, self.case, self))

    @Slot()
    def reopen(self) -> None:
        self._open(ReopenDialog(self._workspace, self._dispute_id, self))

    def decide(self, approve: bool) -> None:
        if self.case is None or not self.case.pending:
            return
        request: ApprovalRequest = self.case.pending[0]
        requester = self.case.user_name(request.requested_by)
        self._open(DecisionDialog(self._workspace, request, approve, requester, self))

    @Slot()
    def print_dialog(self) -> None:
        if self.case is None:
            return
        suggested = str(Path.home() / f"{self.case.dispute.number}-agreement.pdf")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the agreement"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.print_to(Path(path))

    def print_to(self, path: Path) -> None:
        """Write the latest agreement to ``path`` in the background; ``printed`` when done."""
        w, dispute_id, texts = self._workspace, self._dispute_id, agreement_texts()
        roles = {role.value: role_label(role) for role in PartyRole}
        self.message.show_info(self.tr("Writing the agreement\u2026"))
        run_in_background(
            lambda: print_agreement(w, dispute_id, path, texts, roles),
            on_done=self._printed,
            on_error=self._failed,
            parent=self,
        )

    def _printed(self, path: Path) -> None:
        self.message.show_info(self.tr("The agreement was saved as %1.").replace("%1", path.name))
        self.printed.emit(path)


def _targets(status: Status) -> frozenset[Status]:
    from desktop.domain.model.dispute import TRANSITIONS

    return TRANSITIONS[status]
