"""Record what an actor answered about a referral, found by its code: made for a pile of
returned slips. Focus starts in the code field; type (or scan) the code, pick the answer (only
the steps the referral's status allows), and press Enter. "Save and next" keeps the dialog open
for the next slip, with the date and the way the feedback came kept.

Errors appear beside their fields and nothing is saved; the service decides every rule
(record_referral_feedback), the dialog only offers the legal answers.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import ValidationError
from desktop.domain.model.referrals import (
    FEEDBACK_STATUSES,
    TRANSITIONS,
    Direction,
    FeedbackVia,
    Referral,
    ReferralOutcome,
    ReferralStatus,
)
from desktop.domain.services.referrals import (
    RecordFeedback,
    ReferralCard,
    record_referral_feedback,
)
from desktop.tasks import run_in_background
from desktop.views.cases.form_field import FormField
from desktop.views.errors import error_text
from desktop.views.referrals.feedback_code_field import FeedbackCodeField
from desktop.views.referrals.refer_labels import outcome_label, status_label, via_label
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace

ANSWERS = (
    ReferralStatus.ACKNOWLEDGED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.DECLINED,
    ReferralStatus.COMPLETED,
)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class RecordFeedbackDialog(QDialog):
    saved = Signal(str, str, object)  # case number, actor name, the Referral as saved

    def __init__(
        self, workspace: OpenWorkspace, code: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record feedback"))
        self._workspace = workspace
        self._next = False  # the save under way keeps the dialog open for the next code
        self.saved_count = 0
        today = workspace.clock.today()
        self.code = FeedbackCodeField(workspace, self)
        self.answers = QButtonGroup(self)
        answers = QWidget(self)
        answers.setObjectName("answers")
        row = QHBoxLayout(answers)
        row.setContentsMargins(0, 0, 0, 0)
        for index, status in enumerate(ANSWERS):
            button = QRadioButton(status_label(status), answers)
            button.setObjectName(f"answer_{status.value}")
            self.answers.addButton(button, index)
            row.addWidget(button)
        row.addStretch(1)
        self.on = QDateEdit(_qdate(today), self)
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setMaximumDate(_qdate(today))
        self.on.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000-00-00") * 2)
        self.via = QComboBox(self)
        for via in FeedbackVia:
            self.via.addItem(via_label(via), via.value)
        self.given_by = QLineEdit(self)
        self.given_by.setPlaceholderText(self.tr("The officer who answered (optional)"))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("What they said (optional)"))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why they declined"))
        self.outcome = QComboBox(self)
        self.outcome.addItem(self.tr("Choose what the actor did\u2026"), None)
        for outcome in ReferralOutcome:
            self.outcome.addItem(outcome_label(outcome), outcome.value)
        self.new_due = QCheckBox(self.tr("They gave a new date for feedback:"), self)
        self.due_on = QDateEdit(_qdate(today), self)
        self.due_on.setCalendarPopup(True)
        self.due_on.setDisplayFormat("yyyy-MM-dd")
        self.due_on.setEnabled(False)
        for edit in (self.on, self.due_on):
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # ISO dates read one way
        due = QWidget(self)
        due_row = QHBoxLayout(due)
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.new_due)
        due_row.addWidget(self.due_on)
        due_row.addStretch(1)

        self.fields: dict[str, FormField] = {
            "status": FormField(self.tr("What did the actor answer?"), answers, self),
            "on": FormField(self.tr("Date of the answer"), self.on, self),
            "via": FormField(self.tr("How it came"), self.via, self),
            "given_by": FormField(self.tr("Who answered"), self.given_by, self),
            "reason": FormField(self.tr("Reason for declining"), self.reason, self),
            "outcome": FormField(self.tr("What the actor did"), self.outcome, self),
            "note": FormField(self.tr("Note"), self.note, self),
            "due_on": FormField(self.tr("Next feedback"), due, self),
        }
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.next_button = QPushButton(self.tr("Save and next"), self)
        self.next_button.setObjectName("saveAndNext")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("save")
        self.close_button = QPushButton(self.tr("Close"), self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        for push in (self.next_button, self.save_button, self.close_button):
            push.setAutoDefault(False)
        (self.save_button if code else self.next_button).setDefault(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(FormField(self.tr("Referral code"), self.code, self))
        for field in self.fields.values():
            form.addRow(field)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.code.found.connect(self._found)
        self.code.lost.connect(self._lost)
        self.code.advance.connect(self._to_answer)
        self.answers.idToggled.connect(lambda _id, _on: self._answer_changed())
        self.new_due.toggled.connect(self.due_on.setEnabled)
        self.next_button.clicked.connect(lambda: self.save(keep_open=True))
        self.save_button.clicked.connect(lambda: self.save(keep_open=False))
        self.close_button.clicked.connect(self.reject)
        for widget in (self.reason, self.given_by, self.note):
            widget.textEdited.connect(lambda _text: self._clear_errors())
        self._lost()
        hint = self.sizeHint()
        self.resize(max(hint.width(), self.fontMetrics().averageCharWidth() * 90), hint.height())
        self.code.setFocus()
        if code:
            self.code.set_code(code)

    # -- the referral and its answers ----------------------------------------------------------

    def card(self) -> ReferralCard | None:
        return self.code.card

    def legal_answers(self) -> list[ReferralStatus]:
        card = self.code.card
        if card is None or card.referral.direction is Direction.IN:
            return []
        allowed = TRANSITIONS[card.referral.status] & FEEDBACK_STATUSES
        return [status for status in ANSWERS if status in allowed]

    def _found(self, card: object) -> None:
        assert isinstance(card, ReferralCard)
        legal = self.legal_answers()
        for index, status in enumerate(ANSWERS):
            button = self.answers.button(index)
            button.setVisible(status in legal)
            button.setEnabled(status in legal)
        if card.referral.direction is Direction.IN:
            self.code.show_error(
                self.tr("This case was referred to the committee: report back to the actor.")
            )
        elif not legal:
            self.code.show_error(
                self.tr("This referral is closed (%1): there is no feedback to record.").replace(
                    "%1", status_label(card.referral.status)
                )
            )
        self._set_enabled(bool(legal))

    def _lost(self) -> None:
        self._uncheck()
        for index in range(len(ANSWERS)):
            button = self.answers.button(index)
            button.setVisible(True)
            button.setEnabled(False)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for key, field in self.fields.items():
            if key != "status":
                field.setEnabled(enabled)
        self.next_button.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        self._answer_changed()

    def _to_answer(self) -> None:
        legal = self.legal_answers()
        if legal:
            self.answers.button(ANSWERS.index(legal[0])).setFocus()

    def chosen(self) -> ReferralStatus | None:
        index = self.answers.checkedId()
        return None if index < 0 else ANSWERS[index]

    def choose(self, status: ReferralStatus) -> None:
        self.answers.button(ANSWERS.index(status)).setChecked(True)

    def _answer_changed(self) -> None:
        answer = self.chosen()
        self.fields["reason"].setVisible(answer is ReferralStatus.DECLINED)
        self.fields["outcome"].setVisible(answer is ReferralStatus.COMPLETED)
        self._clear_errors()

    def _uncheck(self) -> None:
        self.answers.setExclusive(False)
        for button in self.answers.buttons():
            button.setChecked(False)
        self.answers.setExclusive(True)

    # -- saving --------------------------------------------------------------------------------

    def command(self) -> RecordFeedback | None:
        """The command the form holds; None (with the error shown) when it is incomplete."""
        card = self.code.card
        if card is None or card.referral.id is None:
            self.code.show_error(self.tr("Type the code printed on the letter or the slip."))
            self.code.setFocus()
            return None
        answer = self.chosen()
        if answer is None:
            self.fields["status"].show_error(self.tr("Choose what the actor answered."))
            return None
        outcome = self.outcome.currentData()
        return RecordFeedback(
            referral_id=card.referral.id,
            status=answer,
            on=self.on.date().toPython(),  # type: ignore[arg-type]
            via=FeedbackVia(self.via.currentData()),
            note=self.note.text(),
            given_by=self.given_by.text(),
            reason=self.reason.text() if answer is ReferralStatus.DECLINED else "",
            outcome=ReferralOutcome(outcome) if outcome else None,
            due_on=self.due_on.date().toPython() if self.new_due.isChecked() else None,  # type: ignore[arg-type]
        )

    def save(self, keep_open: bool) -> None:
        self._clear_errors()
        self.message.clear_message()
        cmd = self.command()
        if cmd is None:
            return
        self._next = keep_open
        self._busy(True)
        w = self._workspace
        run_in_background(
            lambda: record_referral_feedback(w.unit_of_work(), w.actor, w.clock, cmd),
            on_done=self._saved,
            on_error=self._failed,
            parent=self,
        )

    def _saved(self, referral: object) -> None:
        assert isinstance(referral, Referral)
        card = self.code.card
        assert card is not None
        self._busy(False)
        self.saved_count += 1
        self.saved.emit(card.number, card.actor.name, referral)
        if not self._next:
            self.accept()
            return
        self.message.show_info(
            self.tr("Saved: the referral of %1 is now: %2. Type the next code.")
            .replace("%1", card.number)
            .replace("%2", status_label(referral.status))
        )
        self._uncheck()
        for edit in (self.given_by, self.note, self.reason):
            edit.clear()
        self.outcome.setCurrentIndex(0)
        self.new_due.setChecked(False)
        self.code.clear()
        self.code.setFocus()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        field = self.fields.get(error.field) if isinstance(error, ValidationError) else None
        if field is not None:
            field.show_error(error_text(error))
            field.setFocus()
        else:
            self.message.show_error(error_text(error))

    def _busy(self, busy: bool) -> None:
        for push in (self.next_button, self.save_button):
            push.setEnabled(not busy)

    def _clear_errors(self) -> None:
        for field in self.fields.values():
            field.clear_error()
