"""Setup wizard: the administrator's name, username and passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain.model.users import Role, User
from desktop.views.username_rules import is_valid_username, suggest_username
from desktop.views.widgets.hinted_field import HintedField
from desktop.views.widgets.new_passphrase_fields import NewPassphraseFields


class AdministratorPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The administrator"))
        self.setSubTitle(
            self.tr("The administrator adds the other users and can reset their passphrases.")
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create workspace"))
        self._username_edited = False

        self.display_name_edit = QLineEdit(self)
        self.display_name_edit.setObjectName("displayName")
        self.display_name_edit.setPlaceholderText(self.tr("for example: Amina Otieno"))
        self.username_edit = QLineEdit(self)
        self.username_edit.setObjectName("username")
        self.username_edit.setMaxLength(32)
        username_field = HintedField(
            self.username_edit,
            self.tr("Used to sign in: small letters and numbers, no spaces."),
            self,
        )

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(12)
        form.addRow(self.tr("Your name"), self.display_name_edit)
        form.addRow(self.tr("Username"), username_field)
        self.passphrase = NewPassphraseFields(form, self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

        self.display_name_edit.textChanged.connect(self._name_changed)
        self.username_edit.textEdited.connect(self._username_typed)
        self.username_edit.textChanged.connect(self._username_changed)
        self.passphrase.changed.connect(self.completeChanged)

    def _name_changed(self, name: str) -> None:
        if not self._username_edited:
            self.username_edit.setText(suggest_username(name))
        self.completeChanged.emit()

    def _username_typed(self, text: str) -> None:
        self._username_edited = bool(text)

    def _username_changed(self, text: str) -> None:
        self.passphrase.set_username(self.username())
        self.completeChanged.emit()

    def username(self) -> str:
        return self.username_edit.text().strip().lower()

    def isComplete(self) -> bool:
        return (
            bool(self.display_name_edit.text().strip())
            and is_valid_username(self.username())
            and self.passphrase.is_acceptable()
        )

    def administrator(self) -> User:
        return User(
            username=self.username(),
            display_name=" ".join(self.display_name_edit.text().split()),
            role=Role.ADMINISTRATOR,
        )

    def forget_passphrase(self) -> None:
        self.passphrase.clear()
