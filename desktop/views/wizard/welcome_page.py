"""First page of the setup wizard: what Suluhu is and where the data stays."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage


class WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to Suluhu"))
        self.setSubTitle(self.tr("A casebook for community dispute committees."))
        paragraphs = (
            self.tr(
                "Suluhu is a casebook for your dispute committee. It keeps a record of each "
                "dispute, the hearings, agreements and follow-ups, and the cases you refer to "
                "the police, courts and other services."
            ),
            self.tr(
                "Everything you type stays on this laptop, locked with encryption. Nobody can "
                "read it without a passphrase, even if the laptop is lost or stolen."
            ),
            self.tr(
                "Setting up takes a few minutes. You will name your committee, create the "
                "administrator who manages the users, and save a recovery key on paper."
            ),
        )
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        for text in paragraphs:
            label = QLabel(text, self)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        layout.addStretch(1)
