"""Refer a case to a justice actor: who, why, how urgent, whether the committee hands the case
over, and what is shared, field by field, with each party's consent.

The rules are the service's (refer_case): consent is checked there, and sharing without it
needs a reason from a user who may override (audited). The dialog shows live which ticked
details lack consent, and after sending offers to print the letter.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.referrals import JusticeActor, Referral, ReferralStatus, Urgency
from desktop.domain.model.referrals import default_due_on as default_due
from desktop.domain.services.permissions import can
from desktop.domain.services.referrals import ConsentMissing, ReferCase
from desktop.domain.taxonomy import Mechanism, UnknownCode
from desktop.tasks import run_in_background
from desktop.views.cases.form_labels import role_label
from desktop.views.errors import error_text
from desktop.views.referrals import letter_print
from desktop.views.referrals import refer_service as service
from desktop.views.referrals.refer_labels import mechanism_label, urgency_label
from desktop.views.referrals.refer_share_panel import SharePanel
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace

REASON_MAX = 500  # as the service allows


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReferDialog(QDialog):
    saved = Signal(int)  # the referral's id, once stored (draft or sent)
    printed = Signal(Path)

    def __init__(
        self,
        workspace: OpenWorkspace,
        dispute_id: int,
        parent: QWidget | None = None,
        *,
        hand_over: bool = False,
        reason: str = "",
        draft_code: str | None = None,
    ) -> None:
        """``draft_code``: edit that draft referral (its values fill the form once loaded)."""
        super().__init__(parent)
        self._workspace = workspace
        self._dispute_id = dispute_id
        self._today = workspace.clock.today()
        self._busy = False
        self._due_edited = False
        self.actors: dict[int, JusticeActor] = {}
        self.referral: Referral | None = None
        self.draft: Referral | None = None  # the draft being edited, once loaded
        self.setWindowTitle(
            self.tr("Edit the draft referral") if draft_code else self.tr("Refer the case")
        )

        self.actor_box = QComboBox(self)
        self.actor_box.setEditable(True)
        self.actor_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.actor_note = QLabel(self)
        self.actor_note.setObjectName("pageText")
        self.actor_note.setWordWrap(True)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("Why this actor, and what you ask of them"))
        self.reason_edit.setPlainText(reason)
        self.reason_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.urgency_box = QComboBox(self)
        for urgency in Urgency:
            self.urgency_box.addItem(urgency_label(urgency), urgency.value)
        self.due_edit = QDateEdit(self)
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_edit.setMinimumDate(_qdate(self._today))
        self.due_edit.setDate(_qdate(self._today))
        self.hand_over_box = QCheckBox(
            self.tr("The committee hands the case over (it leaves mediation: referred out)"), self
        )
        self.hand_over_box.setChecked(hand_over)
        self.share = SharePanel(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.share)
        self.override_edit = QLineEdit(self)
        self.override_edit.setMaxLength(REASON_MAX)
        self.override_edit.setPlaceholderText(self.tr("Share without consent because\u2026"))
        self.override_edit.hide()
        self.consent_note = QLabel(self)
        self.consent_note.setWordWrap(True)
        self.consent_note.setStyleSheet("QLabel { color: #8a1c1c; }")
        self.message = MessageLabel(self)

        self.buttons = QDialogButtonBox(self)
        self.draft_button = self._button(self.tr("Save as draft"), lambda: self.submit(False))
        self.send_button = self._button(self.tr("Send"), lambda: self.submit(True))
        self.send_button.setDefault(True)
        self.print_button = self._button(self.tr("Print the letter\u2026"), self.print_letter)
        self.print_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setText(self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Refer to"), self.actor_box)
        form.addRow("", self.actor_note)
        form.addRow(self.tr("Reason"), self.reason_edit)
        timing = QHBoxLayout()
        timing.addWidget(self.urgency_box)
        timing.addSpacing(16)
        timing.addWidget(QLabel(self.tr("Feedback due by"), self))
        timing.addWidget(self.due_edit)
        timing.addStretch(1)
        form.addRow(self.tr("Urgency"), timing)
        form.addRow("", self.hand_over_box)
        shared_title = QLabel(self.tr("What is shared with the actor"), self)
        shared_title.setStyleSheet("QLabel { font-weight: bold; }")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(shared_title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.consent_note)
        layout.addWidget(self.override_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.actor_box.currentIndexChanged.connect(self._actor_chosen)
        self.urgency_box.currentIndexChanged.connect(self._set_default_due)
        self.due_edit.userDateChanged.connect(self._due_changed)
        self.share.changed.connect(self._show_consent)
        self._set_enabled(False)
        self._fit()
        run_in_background(
            lambda: service.load_choices(workspace, dispute_id, draft_code),
            on_done=self._loaded,
            on_error=self._failed,
            parent=self,
        )

    def _button(self, text: str, slot: object) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(slot)
        return button

    def _fit(self) -> None:
        em = self.fontMetrics().horizontalAdvance("M")
        screen = self.screen().availableGeometry()
        self.resize(min(em * 58, screen.width() - 40), int(screen.height() * 0.9))

    # -- loading -----------------------------------------------------------------------------

    def is_loaded(self) -> bool:
        return self.share.dispute is not None and not self._busy

    def _loaded(self, choices: service.ReferChoices) -> None:
        taxonomy = self._workspace.taxonomy
        self.actor_box.addItem(self.tr("Choose an actor (type to search)"), None)
        for mechanism in (Mechanism.FORMAL, Mechanism.INFORMAL):
            kinds = {k.code: k.label for k in taxonomy.actor_kinds_of(mechanism)}
            group = [a for a in choices.actors if a.kind in kinds and a.id is not None]
            if group and self.actor_box.count() > 1:
                self.actor_box.insertSeparator(self.actor_box.count())
            for actor in group:
                assert actor.id is not None
                self.actors[actor.id] = actor
                text = f"{actor.name} \u2014 {kinds[actor.kind]} ({mechanism_label(mechanism)})"
                self.actor_box.addItem(text, actor.id)
        completer = QCompleter(self.actor_box.model(), self.actor_box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.actor_box.setCompleter(completer)
        self.actor_box.setCurrentIndex(0)
        editor = self.actor_box.lineEdit()
        if editor is not None:
            editor.selectAll()
        self.share.set_dispute(choices.dispute, self._today)
        if choices.draft is not None:
            self._fill(choices.draft)
        self._set_enabled(True)
        self._actor_chosen()

    def _fill(self, draft: Referral) -> None:
        """The draft's values in the form (an actor deactivated since is left to choose)."""
        self.draft = draft
        self.choose_actor(draft.actor_id)
        self.reason_edit.setPlainText(draft.reason)
        self.urgency_box.setCurrentIndex(self.urgency_box.findData(draft.urgency.value))
        self.share.set_shared(draft.shared_fields, draft.consents)
        if draft.consent_override:
            self.override_edit.setText(draft.consent_override)
            self.override_edit.show()

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.draft_button, self.send_button):
            button.setEnabled(enabled)

    # -- the form ----------------------------------------------------------------------------

    def chosen_actor(self) -> JusticeActor | None:
        actor_id = self.actor_box.currentData()
        if actor_id is None or self.actor_box.currentText() != self.actor_box.itemText(
            self.actor_box.currentIndex()
        ):
            return None
        return self.actors.get(actor_id)

    def choose_actor(self, actor_id: int) -> None:
        self.actor_box.setCurrentIndex(self.actor_box.findData(actor_id))

    def _actor_chosen(self) -> None:
        actor = self.chosen_actor()
        if actor is None:
            self.actor_note.clear()
            self.actor_note.hide()
            return
        try:
            kind = self._workspace.taxonomy.actor_kind(actor.kind)
        except UnknownCode:
            self.actor_note.hide()
            return
        facts = [kind.sdg_mechanism, actor.contact_person, actor.phone, actor.area]
        note = self.tr("Feedback usually within %1 days.").replace("%1", str(kind.feedback_days))
        self.actor_note.setText(" \u00b7 ".join([f for f in facts if f] + [note]))
        self.actor_note.show()
        self._set_default_due()

    def _set_default_due(self) -> None:
        actor = self.chosen_actor()
        if self._due_edited or actor is None:
            return
        try:
            days = self._workspace.taxonomy.actor_kind(actor.kind).feedback_days
        except UnknownCode:
            return
        urgency = Urgency(self.urgency_box.currentData())
        self.due_edit.setDate(_qdate(default_due(self._today, days, urgency)))

    def _due_changed(self) -> None:
        self._due_edited = True

    def due_on(self) -> date:
        day = self.due_edit.date()
        return date(day.year(), day.month(), day.day())

    def _show_consent(self) -> None:
        dispute = self.share.dispute
        missing = self.share.missing_consent()
        if dispute is None or not missing:
            self.consent_note.hide()
            self.draft_button.setText(self.tr("Save as draft"))
            self.send_button.setText(self.tr("Send"))
            return
        names = [f"{role_label(p.role)}: {p.name}" for p in dispute.parties if p.id in set(missing)]
        self.consent_note.setText(
            self.tr("No consent recorded for the details of: %1.").replace("%1", "; ".join(names))
        )
        self.consent_note.show()
        self.draft_button.setText(self.tr("Save as draft (consent missing)"))
        self.send_button.setText(self.tr("Send (consent missing)"))

    def command(self, send: bool) -> ReferCase:
        """The referral as the form has it (raise ValueError for a form problem)."""
        actor = self.chosen_actor()
        if actor is None or actor.id is None:
            raise ValueError(self.tr("Choose the actor from the list."))
        return ReferCase(
            dispute_id=self._dispute_id,
            actor_id=actor.id,
            reason=self.reason_edit.toPlainText(),
            urgency=Urgency(self.urgency_box.currentData()),
            shared_fields=self.share.shared_fields(),
            consents=self.share.consents(),
            consent_override="" if self.override_edit.isHidden() else self.override_edit.text(),
            due_on=self.due_on() if send else None,
            send=send,
            hand_over=self.hand_over_box.isChecked(),
        )

    def submit(self, send: bool) -> None:
        if self._busy:
            return
        try:
            command = self.command(send)
        except ValueError as problem:
            self.message.show_error(str(problem))
            return
        self._busy = True
        self._set_enabled(False)
        self.message.clear_message()
        w, draft_id = self._workspace, self.draft.id if self.draft is not None else None
        run_in_background(
            lambda: service.save(w, command, draft_id),
            on_done=self._done,
            on_error=self._failed,
            parent=self,
        )

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._set_enabled(self.share.dispute is not None and self.referral is None)
        if not isinstance(error, ConsentMissing):
            self.message.show_error(error_text(error))
            return
        if can(self._workspace.actor, "override_referral_consent"):
            self.override_edit.show()
            self.override_edit.setFocus()
            extra = self.tr("To share them anyway, say why below (kept in the audit log).")
        else:
            extra = self.tr(
                "Only an administrator or a committee member may share details without consent."
            )
        self.message.show_error(f"{error_text(error)}\n{extra}")

    def _done(self, referral: Referral) -> None:
        self._busy = False
        self.referral = referral
        assert referral.id is not None
        self.saved.emit(referral.id)
        if referral.status is not ReferralStatus.SENT:
            self.accept()
            return
        actor = self.actors.get(referral.actor_id)
        due = referral.due_on.isoformat() if referral.due_on else "\u2014"
        self.message.show_info(
            self.tr("Referral %1 was sent to %2; feedback is due by %3. Print the letter now?")
            .replace("%1", referral.code)
            .replace("%2", actor.name if actor else "")
            .replace("%3", due)
        )
        self.draft_button.hide()
        self.send_button.hide()
        self.print_button.show()
        self.print_button.setDefault(True)
        self.close_button.setText(self.tr("Close"))

    # -- printing ----------------------------------------------------------------------------

    def ask_path(self, file_name: str) -> Path | None:
        """Where to save the letter, or None when the user cancelled (tests replace this)."""
        return letter_print.ask_pdf_path(self, self.tr("Save the referral letter"), file_name)

    def print_letter(self) -> None:
        referral = self.referral
        if referral is None or referral.id is None or self._busy:
            return
        path = self.ask_path(f"referral-{referral.code}.pdf")
        if path is None:
            return
        w, referral_id, words = self._workspace, referral.id, letter_print.letter_words()
        self._busy = True
        self.print_button.setEnabled(False)
        run_in_background(
            lambda: letter_print.write_referral_pdf(w, referral_id, path, words),
            on_done=self._printed,
            on_error=self._print_failed,
            parent=self,
        )

    def _printed(self, path: Path) -> None:
        self._busy = False
        self.print_button.setEnabled(True)
        self.message.show_info(self.tr("The letter was saved as %1.").replace("%1", path.name))
        self.printed.emit(path)

    def _print_failed(self, error: BaseException) -> None:
        self._busy = False
        self.print_button.setEnabled(True)
        self.message.show_error(error_text(error))

    def reject(self) -> None:
        if not self._busy:
            super().reject()
