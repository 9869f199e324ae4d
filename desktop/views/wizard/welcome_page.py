"""First page of the setup wizard: what Suluhu is, where the data stays, and the choice between
a committee's casebook and a programme hub ("I manage a programme")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)


class WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None, *, programme: bool = True) -> None:
        """``programme``: offer the programme hub too (the app knows where to keep one)."""
        super().__init__(parent)
        self._programme = programme
        self.setTitle(self.tr("Welcome to Suluhu"))
        self.setSubTitle(
            self.tr("For community dispute committees and the programmes that support them.")
            if programme
            else self.tr("A casebook for community dispute committees.")
        )
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(
            self._text(
                self.tr(
                    "Everything you type stays on this laptop, locked with encryption. Nobody "
                    "can read it without a passphrase, even if the laptop is lost or stolen."
                )
            )
        )
        self.question = self._text(self.tr("What will you use Suluhu for?"))
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        layout.addWidget(self.question)

        self.casebook_choice = QRadioButton(self.tr("Our committee's casebook"), self)
        self.casebook_choice.setObjectName("casebookChoice")
        self.casebook_choice.setChecked(True)
        self.programme_choice = QRadioButton(self.tr("I manage a programme"), self)
        self.programme_choice.setObjectName("programmeChoice")
        self.choices = QButtonGroup(self)
        self._details: dict[QObject, QRadioButton] = {}
        style = self.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + (
            style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
        )
        for choice, text in (
            (
                self.casebook_choice,
                self.tr(
                    "For a dispute committee: a record of each dispute, the hearings, "
                    "agreements and follow-ups, and the cases you refer to the police, courts "
                    "and other services. You will name your committee, create the "
                    "administrator who manages the users, and save a recovery key on paper."
                ),
            ),
            (
                self.programme_choice,
                self.tr(
                    "For programme staff: a programme hub that adds up the anonymised figures "
                    "many committees send in their signed exports. It never holds a case, a "
                    "name or a phone number. You will choose the hub's passphrase and save its "
                    "recovery key on paper."
                ),
            ),
        ):
            self.choices.addButton(choice)
            detail = self._text(text)
            detail.setBuddy(choice)
            detail.installEventFilter(self)  # a click on the text chooses too
            self._details[detail] = choice
            detail.setStyleSheet("color: #4a4a4a;")
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(choice)
            indented = QVBoxLayout()
            indented.setContentsMargins(indent, 0, 0, 0)  # under the radio button's text
            indented.addWidget(detail)
            box.addLayout(indented)
            layout.addLayout(box)
            choice.setVisible(programme)
            detail.setVisible(programme or choice is self.casebook_choice)
        self.question.setVisible(programme)
        layout.addStretch(1)

    def _text(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        choice = self._details.get(watched)
        if choice is not None and event.type() == QEvent.Type.MouseButtonRelease:
            choice.setChecked(True)
            choice.setFocus()
        return super().eventFilter(watched, event)

    def programme_chosen(self) -> bool:
        return self._programme and self.programme_choice.isChecked()
