"""Setup wizard, programme path: the programme hub's passphrase (the same rules and feedback as
a committee administrator's: NewPassphraseFields)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from desktop.views.widgets.new_passphrase_fields import NewPassphraseFields

SLOT = "hub"  # the hub's one passphrase slot: the passphrase must not be this "username"


class HubPassphrasePage(QWizardPage):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The hub's passphrase"))
        self.setSubTitle(
            self.tr(
                "The programme hub adds up the anonymised figures that committees send. It is "
                "locked with this passphrase; whoever opens the hub types it."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create hub"))
        self.where = QLabel(self.tr("The hub will be kept in %1.").replace("%1", str(folder)))
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(12)
        self.passphrase = NewPassphraseFields(form, self)
        self.passphrase.set_username(SLOT)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addStretch(1)
        self.passphrase.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return self.passphrase.is_acceptable()

    def forget_passphrase(self) -> None:
        self.passphrase.clear()
