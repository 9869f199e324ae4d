"""Register a new dispute, or edit one: the dispute's fields, its parties and assigned members.

Nothing is lost: the form is kept as an encrypted draft a few seconds after each change (and
when the focus leaves a changed field); a new form offers the draft back; closing asks. Before
saving, the services look for possible duplicates and for conflicts of interest between the
members and the parties as the form has them (a new case too, before its first save); the user
goes back to check or saves anyway. An error appears beside the field it names. Enter moves to
the next field, never submits; Ctrl+S (or Ctrl+Enter) saves. The area field completes from the
areas of the committee's cases and its own area, loaded with the form's other choices on the
background worker.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import ValidationError
from desktop.domain.model.dispute import PartyRole
from desktop.domain.model.users import Role
from desktop.domain.services.disputes import RegisterDispute
from desktop.tasks import run_in_background
from desktop.views.appearance import enlarge
from desktop.views.cases import form_service
from desktop.views.cases.form_close_question import CloseChoice, ask_on_close
from desktop.views.cases.form_dispute_fields import DisputeFields
from desktop.views.cases.form_draft_saver import DraftSaver
from desktop.views.cases.form_field import FormField
from desktop.views.cases.form_members import MembersPicker
from desktop.views.cases.form_warnings_panel import WarningsPanel
from desktop.views.cases.party_list import PartyList
from desktop.views.errors import error_text
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


class RegisterDialog(QDialog):
    saved = Signal(int)  # dispute id

    def __init__(
        self, workspace: OpenWorkspace, dispute_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.dispute_id = dispute_id
        self._filling = True  # programmatic changes are not the user's
        self._busy = False
        self._draft_body: str | None = None
        new = dispute_id is None
        self.setWindowTitle(self.tr("New dispute") if new else self.tr("Edit dispute"))
        is_admin = workspace.actor.role is Role.ADMINISTRATOR
        self.draft_banner = MessageLabel(self)
        self.restore_button = QPushButton(self.tr("Restore the draft"), self)
        self.discard_button = QPushButton(self.tr("Discard it"), self)
        banner = QHBoxLayout()
        banner.addWidget(self.draft_banner, 1)
        banner.addWidget(self.restore_button)
        banner.addWidget(self.discard_button)
        self.restore_button.hide()
        self.discard_button.hide()

        self.fields = DisputeFields(workspace.taxonomy, workspace.clock.today(), is_admin)
        self.parties = PartyList(workspace.taxonomy)
        self.members = MembersPicker()
        self.members_field = FormField(self.tr("Assigned members"), self.members)
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(20, 16, 20, 16)
        body.setSpacing(10)
        for heading, widget in (
            (self.tr("The dispute"), self.fields),
            (self.tr("Parties"), self.parties),
            (self.tr("Who handles it"), self.members_field),
        ):
            title = QLabel(heading, content)
            enlarge(title, 1.2)
            body.addWidget(title)
            body.addWidget(widget)
        body.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(content)
        self._content = content
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)

        self.warnings = WarningsPanel(workspace.taxonomy, self)
        self.message = MessageLabel(self)
        self.draft_status = QLabel(self)
        self.draft_status.setStyleSheet("color: #5a5a5a;")
        self.save_button = QPushButton(self.tr("Save") if not new else self.tr("Register"), self)
        self.save_button.setObjectName("saveDispute")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        for button in (
            self.save_button,
            self.cancel_button,
            self.restore_button,
            self.discard_button,
        ):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_status, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(banner)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        kind = form_service.draft_kind(dispute_id)
        self.saver = DraftSaver(workspace, self, self._snapshot, kind)
        self.saver.saved.connect(self._draft_saved)
        self.saver.failed.connect(self._draft_failed)
        self.fields.changed.connect(self._changed)
        self.fields.restriction_changed.connect(self.members.set_restricted)
        self.parties.changed.connect(self._changed)
        self.parties.rows_changed.connect(self._fix_tab_order)
        self.members.changed.connect(self._changed)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_draft)
        self.discard_button.clicked.connect(self.discard_draft)
        self.warnings.go_on.connect(self._go_on)
        self.warnings.go_back.connect(self._go_back)
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)
        self._pending: RegisterDispute | None = None  # the command the warnings hold back
        self._conflicting: int | None = None  # the member a conflict names, to go back to
        self._content.setEnabled(False)
        self.save_button.setEnabled(False)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(min(em * 70, 1200), min(self.fontMetrics().lineSpacing() * 40, 700))
        run_in_background(
            lambda: form_service.load_context(workspace, dispute_id),
            on_done=self._loaded,
            on_error=self._load_failed,
            parent=self,
        )

    # -- loading -----------------------------------------------------------------------------

    def is_loaded(self) -> bool:
        return self._content.isEnabled()

    def _loaded(self, context: form_service.FormContext) -> None:
        self.fields.set_choices(context.committee_area, context.areas, context.actors)
        self.members.set_users(context.users)
        self.parties.set_members(context.users)
        if context.dispute is not None:
            self.fields.set_dispute(context.dispute)
            self.parties.set_parties(context.dispute.parties)
            self.members.set_restricted(context.dispute.restricted)
            self.members.set_assigned(context.dispute.assigned)
        else:
            self.parties.add_row(PartyRole.COMPLAINANT)
            self.parties.add_row(PartyRole.RESPONDENT)
            if self._workspace.user.id is not None:
                self.members.set_assigned((self._workspace.user.id,))
        if context.draft is not None:
            self._draft_body = context.draft.body
            when = context.draft.updated_at.strftime("%Y-%m-%d %H:%M")
            self.draft_banner.show_info(
                self.tr("There is an unsaved draft of this form from %1.").replace("%1", when)
            )
            self.restore_button.show()
            self.discard_button.show()
        self._content.setEnabled(True)
        self.save_button.setEnabled(True)
        self._filling = False
        self._fix_tab_order()
        self.fields.category_box.setFocus()

    def _fix_tab_order(self) -> None:
        """Top to bottom: the dispute, each party, the members, then Save and Cancel (rows
        and members are made after the rest, so Qt's creation order would put them last)."""
        chain: list[QWidget] = [
            self.fields.description_edit,
            *self.parties.focus_chain(),
            *self.members.focus_chain(),
            self.save_button,
            self.cancel_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _load_failed(self, error: BaseException) -> None:
        self._filling = False
        self.message.show_error(error_text(error))

    # -- the form's values -------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        values = self.fields.values()
        values["parties"] = self.parties.values()
        values["assigned"] = list(self.members.assigned())
        return values

    def set_values(self, values: dict[str, Any]) -> None:
        self._filling = True
        try:
            self.fields.set_values(values)
            self.parties.set_values(list(values.get("parties") or []))
            self.members.set_restricted(self.fields.restricted())
            self.members.set_assigned([i for i in values.get("assigned") or [] if type(i) is int])
        finally:
            self._filling = False

    def command(self) -> RegisterDispute:
        return self.fields.command(tuple(self.parties.parties()), self.members.assigned())

    def _snapshot(self) -> tuple[str, bool]:
        return json.dumps(self.values(), ensure_ascii=False), self.fields.restricted()

    # -- drafts ------------------------------------------------------------------------------

    def _changed(self) -> None:
        if self._filling:
            return
        self.saver.schedule()

    def _draft_saved(self) -> None:
        time = self._workspace.clock.now().strftime("%H:%M:%S")
        self.draft_status.setText(self.tr("Draft kept at %1").replace("%1", time))

    def _draft_failed(self, message: str) -> None:
        self.draft_status.setText(self.tr("The draft could not be kept: %1").replace("%1", message))

    def restore_draft(self) -> None:
        if self._draft_body is not None:
            try:
                values = json.loads(self._draft_body)
            except ValueError:
                values = None
            if isinstance(values, dict):
                self.set_values(values)
        self._hide_banner()
        self.fields.category_box.setFocus()

    def discard_draft(self) -> None:
        workspace, kind = self._workspace, self.saver.kind
        run_in_background(
            lambda: form_service.discard_draft(workspace, kind),
            on_done=lambda _r: None,
            on_error=lambda e: self.message.show_error(error_text(e)),
            parent=self,
        )
        self._hide_banner()

    def _hide_banner(self) -> None:
        self._draft_body = None
        self.draft_banner.clear_message()
        self.restore_button.hide()
        self.discard_button.hide()

    # -- saving ------------------------------------------------------------------------------

    def submit(self) -> None:
        if self._busy or not self.is_loaded():
            return
        self.fields.clear_errors()
        self.parties.clear_errors()
        self.members_field.clear_error()
        self.message.clear_message()
        self.warnings.hide()
        try:
            cmd = self.command()
        except ValueError:
            self.message.show_error(self.tr("Check the form: a value is not one of the choices."))
            return
        workspace, dispute_id = self._workspace, self.dispute_id
        self._set_busy(True)
        run_in_background(
            lambda: form_service.check(workspace, dispute_id, cmd),
            on_done=lambda warnings: self._checked(cmd, warnings),
            on_error=self._failed,
            parent=self,
        )

    def _checked(self, cmd: RegisterDispute, warnings: form_service.Warnings) -> None:
        self._set_busy(False)
        if warnings:
            self._pending = cmd
            only_conflicts = warnings.conflicts and not warnings.duplicates
            self._conflicting = warnings.conflicts[0].user_id if only_conflicts else None
            self.warnings.show_warnings(
                warnings.duplicates, warnings.conflicts, self.members.names()
            )
            return
        self._save(cmd)

    def _go_on(self) -> None:
        cmd, self._pending = self._pending, None
        if cmd is not None:
            self._save(cmd)

    def _go_back(self) -> None:
        """Back to the form: to the assigned members when only a conflict was found."""
        self._pending = None
        box = None if self._conflicting is None else self.members.box_of(self._conflicting)
        if box is not None:
            self.scroll_area.ensureWidgetVisible(box)
            box.setFocus()
            return
        self.fields.category_box.setFocus()

    def _save(self, cmd: RegisterDispute) -> None:
        self.saver.flush()
        workspace, dispute_id = self._workspace, self.dispute_id
        self._set_busy(True)
        run_in_background(
            lambda: form_service.save(workspace, dispute_id, cmd),
            on_done=self._saved,
            on_error=self._failed,
            parent=self,
        )

    def _saved(self, dispute_id: int) -> None:
        self.saver.stop()
        self.dispute_id = dispute_id
        self.saver.kind = form_service.draft_kind(dispute_id)
        self._set_busy(False)
        self.saved.emit(dispute_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationError):
            self.show_field_error(error.field, error.message)
        elif isinstance(error, PermissionError):  # no restricted-case key: a plain sentence
            self.message.show_error(
                self.tr(
                    "Only members with access to restricted cases can register or change a "
                    "restricted case."
                )
            )
        else:
            self.message.show_error(error_text(error))

    def show_field_error(self, field: str, message: str) -> None:
        """Show ``message`` beside the field the service named, and take the user there."""
        target: QWidget | None = self.parties.show_error(field, message)
        if target is not None:
            row = self.parties.rows[int(field.split("[")[1].split("]")[0])]
            target = row.fields[field.rsplit(".", 1)[1]]
        elif field == "assigned":
            self.members_field.show_error(message)
            target = self.members_field
        else:
            target = self.fields.show_error(field, message)
        if target is None:
            self.message.show_error(message)
            return
        self.scroll_area.ensureWidgetVisible(target)
        target.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)

    # -- keyboard and closing ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter moves on to the next field (a half-filled form is never submitted by it)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def ask_on_close(self) -> CloseChoice:
        return ask_on_close(self)

    def reject(self) -> None:
        if self._busy:
            return
        if self.saver.dirty or (self.saver.enabled and self._touched()):
            choice = self.ask_on_close()
            if choice is CloseChoice.GO_BACK:
                return
            if choice is CloseChoice.DISCARD:
                self.saver.stop()
                self.discard_draft()
            else:
                self.saver.flush()
        super().reject()

    def _touched(self) -> bool:
        """Has the user typed anything that a draft now holds (kept, not yet saved)?"""
        return bool(self.draft_status.text())
