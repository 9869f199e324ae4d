"""Add a user: name, username, role, access to restricted cases, and a first passphrase."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.users import Role, User
from desktop.tasks import run_in_background
from desktop.views.errors import error_text
from desktop.views.labels import role_label
from desktop.views.username_rules import username_problem
from desktop.views.widgets.dialog_footer import add_dialog_footer
from desktop.views.widgets.new_passphrase_fields import NewPassphraseFields
from desktop.workspace import OpenWorkspace


class AddUserDialog(QDialog):
    added = Signal(object)  # User

    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setWindowTitle(self.tr("Add a user"))
        self.display_name_edit = QLineEdit(self)
        self.display_name_edit.setObjectName("displayName")
        self.username_edit = QLineEdit(self)
        self.username_edit.setObjectName("username")
        self.username_edit.setMaxLength(32)
        self.role_box = QComboBox(self)
        self.role_box.setObjectName("role")
        for role in (Role.MEMBER, Role.PARALEGAL, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR):
            self.role_box.addItem(role_label(role), role)
        self.restricted_box = QCheckBox(
            self.tr("May read them (gender-based violence, child protection)"), self
        )
        self.restricted_box.setObjectName("restricted")
        note = QLabel(
            self.tr(
                "Give the user this first passphrase in person. They must choose their own "
                "when they first sign in."
            ),
            self,
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Name"), self.display_name_edit)
        form.addRow(self.tr("Username"), self.username_edit)
        form.addRow(self.tr("Role"), self.role_box)
        form.addRow(self.tr("Restricted cases"), self.restricted_box)
        self.passphrase = NewPassphraseFields(form, self, self.tr("First passphrase"))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(note)
        self.busy, self.message, self.buttons, self.ok_button = add_dialog_footer(
            self,
            layout,
            ok_text=self.tr("Add user"),
            cancel_text=self.tr("Cancel"),
            submit=self.submit,
        )
        self.display_name_edit.textChanged.connect(self._update)
        self.username_edit.textChanged.connect(self._update)
        self.passphrase.changed.connect(self._update)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 44, self.sizeHint().height())
        self._update()

    def username(self) -> str:
        return self.username_edit.text().strip().lower()

    def user(self) -> User:
        role = self.role_box.currentData()
        return User(
            username=self.username(),
            display_name=" ".join(self.display_name_edit.text().split()),
            role=Role(role),
            restricted_access=self.restricted_box.isChecked(),
            must_change_passphrase=True,
        )

    def _update(self) -> None:
        self.passphrase.set_username(self.username())
        problem = username_problem(self.username()) if self.username() else ""
        valid_username = bool(self.username()) and not problem
        if problem:
            self.message.show_error(problem)
        elif self.message.property("kind") == "error" and not self.busy.isVisible():
            self.message.clear_message()
        self.ok_button.setEnabled(
            not self.busy.isVisible()
            and bool(self.display_name_edit.text().strip())
            and valid_username
            and self.passphrase.is_acceptable()
        )

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        user, passphrase = self.user(), self.passphrase.passphrase()
        workspace = self._workspace
        self.busy.show()
        self._update()
        run_in_background(
            lambda: workspace.add_user(user, passphrase),
            on_done=self._added,
            on_error=self._failed,
            parent=self,
        )

    def _added(self, user: object) -> None:
        self.busy.hide()
        self.passphrase.clear()
        self.added.emit(user)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        self._update()
        self.message.show_error(error_text(error))

    def reject(self) -> None:
        if not self.busy.isVisible():
            super().reject()
