"""The code field of the feedback dialog: type (or scan) a referral code, and as soon as it has
8 characters it is looked up (find_referral); beside it, the case number, the actor and the
referral's status, or what is wrong with the code ("This code has a typo...").

Lower case, spaces and a missing dash are fine (the domain's parse_code reads them). A USB
scanner types the code and then Enter: Enter here looks the code up now if it is not yet, and
then ``advance`` asks the dialog to move on to the answer; it never saves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.model.referral_code import CODE_CHARS
from desktop.domain.services.referrals import ReferralCard, find_referral
from desktop.tasks import run_in_background
from desktop.views.errors import error_text
from desktop.views.referrals.board_labels import WARNING_COLOUR
from desktop.views.referrals.refer_labels import status_label
from desktop.workspace import OpenWorkspace


def code_characters(text: str) -> str:
    """What the user typed without spaces and dashes (how many characters count)."""
    return "".join(text.split()).replace("-", "")


class FeedbackCodeField(QWidget):
    found = Signal(object)  # a ReferralCard
    lost = Signal()  # the code changed: no referral is chosen any more
    advance = Signal()  # Enter with a referral found: go on to the answer

    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._generation = 0
        self._looking_up = False
        self._advance_when_found = False
        self.card: ReferralCard | None = None
        self.edit = QLineEdit(self)
        self.edit.setObjectName("codeField")
        self.edit.setPlaceholderText("7K2Q-DM0X")
        self.edit.setMaxLength(24)
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a code reads one way
        font = QFont(self.edit.font())
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.edit.setFont(font)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0000-0000") + 32)
        self.edit.setAccessibleName(self.tr("Referral code"))
        self.result = QLabel(self)
        self.result.setObjectName("codeResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.result.font())
        bold.setBold(True)
        self.result.setFont(bold)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(f"color: {WARNING_COLOUR};")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.edit)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(row)
        layout.addWidget(self.result)  # below the code: a long actor's name has the width
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._changed)
        self.edit.installEventFilter(self)

    # -- typing --------------------------------------------------------------------------------

    def set_code(self, code: str) -> None:
        self.edit.setText(code)

    def clear(self) -> None:
        self.edit.clear()
        self.clear_error()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the field (a scanner's last key) looks up or moves on; it never reaches the
        dialog's default button."""
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self.card is not None:
                self.advance.emit()
            else:
                self._advance_when_found = True
                if not self._looking_up:
                    self.look_up()
            return True
        return super().eventFilter(watched, event)

    def _changed(self, text: str) -> None:
        self._generation += 1  # a lookup still running is for an older text
        self._looking_up = False
        if self.card is not None:
            self.card = None
            self.lost.emit()
        self.result.clear()
        self.clear_error()
        if len(code_characters(text)) >= CODE_CHARS:
            self.look_up()
        else:
            self._advance_when_found = False

    def look_up(self) -> None:
        text = self.edit.text()
        if not code_characters(text):
            self.show_error(self.tr("Type the code printed on the letter or the slip."))
            self._advance_when_found = False
            return
        self._generation += 1
        generation, workspace = self._generation, self._workspace
        self._looking_up = True
        self.result.setText(self.tr("Looking up\u2026"))
        run_in_background(
            lambda: find_referral(workspace.unit_of_work(), workspace.actor, text),
            on_done=lambda card: self._found(generation, card),
            on_error=lambda error: self._failed(generation, error),
            parent=self,
        )

    def _found(self, generation: int, card: object) -> None:
        if generation != self._generation:
            return
        assert isinstance(card, ReferralCard)
        self._looking_up = False
        self.card = card
        self.clear_error()
        self.result.setText(
            f"{card.number}  \u00b7  {card.actor.name}  \u00b7  "
            f"{status_label(card.referral.status)}"
        )
        self.found.emit(card)
        if self._advance_when_found:
            self._advance_when_found = False
            self.advance.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._looking_up = False
        self._advance_when_found = False
        self.result.clear()
        self.show_error(error_text(error))

    # -- errors --------------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.edit.setStyleSheet(
            f"QLineEdit {{ border: 1px solid {WARNING_COLOUR}; padding: 2px; }}"
        )

    def clear_error(self) -> None:
        if self.error.isHidden():
            return
        self.error.clear()
        self.error.hide()
        self.edit.setStyleSheet("")

    def has_error(self) -> bool:
        return not self.error.isHidden()
