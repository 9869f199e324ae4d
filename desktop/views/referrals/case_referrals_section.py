"""The case's referrals, a section of the case view: where the case came from, each referral out
in order with its dates, status (overdue marked) and outcome, and what can be done with the one
selected: send a draft, print its letter, record feedback, withdraw; refer the case again; and,
once a case that an actor referred in is closed, report back to that actor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.dispute import Status
from desktop.domain.model.referral_board import PathwayStep
from desktop.domain.model.referrals import OPEN_STATUSES, TRANSITIONS, Direction, ReferralStatus
from desktop.domain.services.permissions import can
from desktop.tasks import run_in_background
from desktop.views.errors import error_text
from desktop.views.referrals import letter_print
from desktop.views.referrals import refer_service as service
from desktop.views.referrals.feedback_dialog import RecordFeedbackDialog
from desktop.views.referrals.refer_dialog import ReferDialog
from desktop.views.referrals.refer_pathway_model import ACTOR, PathwayModel
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace

REPORT_BACK_FROM = frozenset({Status.CLOSED, Status.WITHDRAWN})


class CaseReferralsSection(QWidget):
    changed = Signal()  # a referral was made or changed: the case view refreshes the rest
    loaded = Signal()
    printed = Signal(Path)

    def __init__(
        self, workspace: OpenWorkspace, dispute_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dispute_id = dispute_id
        self.pathway: service.CasePathway | None = None
        self.dialog: QWidget | None = None
        self._busy = False
        self.incoming = QLabel(self)
        self.incoming.setWordWrap(True)
        self.incoming.setTextFormat(Qt.TextFormat.PlainText)
        self.incoming.hide()
        self.model = PathwayModel(workspace.taxonomy, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # two lines at most; the actor's name elides
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ACTOR, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.refer_button = self._button(self.tr("Refer this case\u2026"), self.refer)
        self.edit_button = self._button(self.tr("Edit draft\u2026"), self.edit_draft)
        self.send_button = self._button(self.tr("Send"), self.send)
        self.print_button = self._button(self.tr("Print the letter\u2026"), self.print_letter)
        self.feedback_button = self._button(self.tr("Record feedback\u2026"), self.feedback)
        self.withdraw_button = self._button(self.tr("Withdraw\u2026"), self.withdraw)
        self.report_button = self._button(self.tr("Report back\u2026"), self.report_back)
        self.report_button.hide()
        self.message = MessageLabel(self)
        row = QHBoxLayout()
        for button in (
            self.refer_button,
            self.edit_button,
            self.send_button,
            self.print_button,
            self.feedback_button,
            self.withdraw_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.incoming)
        layout.addWidget(self.table)
        layout.addLayout(row)
        report = QHBoxLayout()
        report.addWidget(self.report_button)
        report.addStretch(1)
        layout.addLayout(report)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self._generation = 0
        self.refresh()

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setEnabled(False)
        button.clicked.connect(slot)
        return button

    # -- loading -----------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        w, dispute_id = self._workspace, self._dispute_id
        self._generation += 1
        generation = self._generation
        run_in_background(
            lambda: service.load_pathway(w, dispute_id),
            on_done=lambda value: self._loaded(value, generation),
            on_error=self._failed,
            parent=self,
        )

    def is_loaded(self) -> bool:
        return self.pathway is not None and not self._busy

    def _loaded(self, pathway: service.CasePathway, generation: int) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        selected = self.selected()
        self.pathway = pathway
        self.model.replace_items(pathway.steps)
        if selected is not None:
            self.select(selected.referral_id)
        incoming = self.incoming_step()
        if incoming is None:
            self.incoming.hide()
        else:
            reference = pathway.dispute.referred_by_reference
            text = self.tr("Referred to the committee by %1 on %2.").replace(
                "%1", incoming.actor_name
            )
            text = text.replace("%2", incoming.sent_on.isoformat() if incoming.sent_on else "")
            if reference:
                text += " " + self.tr("Their reference: %1.").replace("%1", reference)
            self.incoming.setText(text)
            self.incoming.show()
            self.report_button.setText(
                self.tr("Report back to %1\u2026").replace("%1", incoming.actor_name)
            )
        self._enable()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.message.show_error(error_text(error))
        self._enable()

    def incoming_step(self) -> PathwayStep | None:
        steps = self.pathway.steps if self.pathway else []
        return next((s for s in steps if s.direction is Direction.IN), None)

    def selected(self) -> PathwayStep | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.step(rows[0].row()) if rows else None

    def select(self, referral_id: int) -> None:
        for row in range(self.model.rowCount()):
            step = self.model.step(row)
            if step is not None and step.referral_id == referral_id:
                self.table.selectRow(row)
                return

    def _enable(self) -> None:
        actor = self._workspace.actor
        step = self.selected()
        out = step if step is not None and step.direction is Direction.OUT else None
        idle = not self._busy
        self.refer_button.setEnabled(idle and self.pathway is not None and can(actor, "refer_case"))
        self.send_button.setEnabled(
            idle and out is not None and out.status is ReferralStatus.DRAFT
            and can(actor, "send_referral")
        )  # fmt: skip
        self.edit_button.setEnabled(
            idle and out is not None and out.status is ReferralStatus.DRAFT
            and can(actor, "update_draft_referral")
        )  # fmt: skip
        self.print_button.setEnabled(
            idle and out is not None and out.status is not ReferralStatus.WITHDRAWN
            and can(actor, "referral_letter")
        )  # fmt: skip
        self.feedback_button.setEnabled(
            idle and out is not None and out.status in OPEN_STATUSES
            and can(actor, "record_referral_feedback")
        )  # fmt: skip
        self.withdraw_button.setEnabled(
            idle and out is not None and ReferralStatus.WITHDRAWN in TRANSITIONS[out.status]
            and can(actor, "withdraw_referral")
        )  # fmt: skip
        incoming = self.incoming_step()
        closed = self.pathway is not None and self.pathway.dispute.status in REPORT_BACK_FROM
        reporting = incoming is not None and closed and can(actor, "report_back")
        self.report_button.setVisible(reporting)
        self.report_button.setEnabled(idle and reporting)

    # -- actions -----------------------------------------------------------------------------

    def _run(self, work: Callable[[], object], done_text: str) -> None:
        self._busy = True
        self._enable()
        self.message.clear_message()

        def done(_value: object) -> None:
            self._busy = False
            self.message.show_info(done_text)
            self.changed.emit()
            self.refresh()

        run_in_background(work, on_done=done, on_error=self._failed, parent=self)

    @Slot()
    def refer(self, hand_over: bool = False, reason: str = "") -> ReferDialog:
        """Open the referral dialog (from here, or from the header's Refer out)."""
        dialog = ReferDialog(
            self._workspace, self._dispute_id, self, hand_over=hand_over, reason=reason
        )
        dialog.saved.connect(self._referred)
        dialog.printed.connect(self.printed)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def edit_draft(self) -> ReferDialog | None:
        """Open the referral dialog on the selected draft, to change it or send it."""
        step = self.selected()
        if step is None or step.status is not ReferralStatus.DRAFT:
            return None
        dialog = ReferDialog(self._workspace, self._dispute_id, self, draft_code=step.code)
        dialog.saved.connect(self._referred)
        dialog.printed.connect(self.printed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _referred(self, referral_id: int) -> None:
        self.changed.emit()
        self.refresh()

    @Slot()
    def send(self) -> None:
        step = self.selected()
        if step is None:
            return
        w, referral_id = self._workspace, step.referral_id
        self._run(lambda: service.send(w, referral_id), self.tr("The referral was sent."))

    def ask_reason(self, title: str, question: str) -> str | None:
        """The reason the user typed, or None when they cancelled (tests replace this)."""
        reason, ok = QInputDialog.getText(self, title, question)
        return reason if ok else None

    @Slot()
    def withdraw(self) -> None:
        step = self.selected()
        if step is None:
            return
        reason = self.ask_reason(
            self.tr("Withdraw the referral"), self.tr("Why is the referral withdrawn?")
        )
        if reason is None:
            return
        w, referral_id = self._workspace, step.referral_id
        self._run(
            lambda: service.withdraw(w, referral_id, reason),
            self.tr("The referral was withdrawn."),
        )

    @Slot()
    def feedback(self) -> None:
        step = self.selected()
        if step is None:
            return
        dialog = RecordFeedbackDialog(self._workspace, step.code, self)
        dialog.saved.connect(lambda *_: self._referred(step.referral_id))
        self.dialog = dialog
        dialog.open()

    def ask_path(self, title: str, file_name: str) -> Path | None:
        """Where to save a letter, or None when the user cancelled (tests replace this)."""
        return letter_print.ask_pdf_path(self, title, file_name)

    @Slot()
    def print_letter(self) -> None:
        step = self.selected()
        if step is None:
            return
        path = self.ask_path(self.tr("Save the referral letter"), f"referral-{step.code}.pdf")
        if path is None:
            return
        w, referral_id, words = self._workspace, step.referral_id, letter_print.letter_words()
        self._write(lambda: letter_print.write_referral_pdf(w, referral_id, path, words))

    def ask_note(self) -> str | None:
        """A short note for the actor, or None when the user cancelled (tests replace this)."""
        note, ok = QInputDialog.getMultiLineText(
            self, self.tr("Report back"), self.tr("A short note to the actor (optional)")
        )
        return note if ok else None

    @Slot()
    def report_back(self) -> None:
        incoming = self.incoming_step()
        if incoming is None:
            return
        note = self.ask_note()
        if note is None:
            return
        path = self.ask_path(self.tr("Save the feedback letter"), f"feedback-{incoming.code}.pdf")
        if path is None:
            return
        w, dispute_id, words = self._workspace, self._dispute_id, letter_print.letter_words()
        self._write(lambda: letter_print.write_feedback_pdf(w, dispute_id, note, path, words))

    def _write(self, work: Callable[[], object]) -> None:
        self._busy = True
        self._enable()
        self.message.show_info(self.tr("Writing the letter\u2026"))
        run_in_background(work, on_done=self._printed, on_error=self._failed, parent=self)

    def _printed(self, path: Path) -> None:
        self._busy = False
        self.message.show_info(self.tr("The letter was saved as %1.").replace("%1", path.name))
        self.printed.emit(path)
        self.changed.emit()
        self.refresh()
