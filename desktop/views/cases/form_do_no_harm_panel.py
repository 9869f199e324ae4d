"""Shown when the do-no-harm rules refuse mediation: the service's explanation, plainly, a
referral to a formal actor with the reason for it, and for an administrator an override with a
reason. Either reason is kept in the audit log and shows in the case's timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.views.appearance import enlarge

REASON_MAX = 500  # as the services allow


class _ReasonRow(QWidget):
    """A reason and the button that acts on it; the button waits for a reason."""

    def __init__(self, placeholder: str, action: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaxLength(REASON_MAX)
        self.button = QPushButton(action, self)
        self.button.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self.edit.textChanged.connect(lambda text: self.button.setEnabled(bool(text.strip())))
        self.edit.returnPressed.connect(self.button.click)
        self.hide()

    def reason(self) -> str:
        return self.edit.text().strip()

    def open(self) -> None:
        self.show()
        self.edit.setFocus()

    def close_row(self) -> None:
        self.hide()
        self.edit.clear()


class DoNoHarmPanel(QFrame):
    refer = Signal(str)  # the reason for the referral
    override = Signal(str)  # the reason for mediating after all

    def __init__(self, may_override: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doNoHarmPanel")
        self.setStyleSheet(
            "QFrame#doNoHarmPanel { background: #fbeaea; border: 1px solid #e3b3b3;"
            " border-radius: 4px; }"
        )
        title = QLabel(self.tr("This case must not be mediated"), self)
        enlarge(title, 1.1)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.refer_button = QPushButton(self.tr("Refer to a formal actor\u2026"), self)
        self.override_button = QPushButton(self.tr("Override\u2026"), self)
        self.override_button.setVisible(may_override)
        self._refer_row = _ReasonRow(
            self.tr("Why, and to whom (kept in the audit log and the case's timeline)"),
            self.tr("Refer out"),
            self,
        )
        self.refer_reason_edit = self._refer_row.edit
        self.refer_confirm_button = self._refer_row.button
        self._override_row = _ReasonRow(
            self.tr("Why this case may be mediated after all (kept in the audit log)"),
            self.tr("Start mediation anyway"),
            self,
        )
        self.reason_edit = self._override_row.edit
        self.confirm_button = self._override_row.button
        buttons = QHBoxLayout()
        buttons.addWidget(self.refer_button)
        buttons.addWidget(self.override_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addWidget(self._refer_row)
        layout.addWidget(self._override_row)
        self.refer_button.clicked.connect(self._ask_refer_reason)
        self.override_button.clicked.connect(self._ask_reason)
        self.refer_confirm_button.clicked.connect(self._confirm_refer)
        self.confirm_button.clicked.connect(self._confirm)
        self.hide()

    def explain(self, message: str) -> None:
        self.text.setText(message)
        self._refer_row.close_row()
        self._override_row.close_row()
        self.show()
        self.refer_button.setFocus()

    def _ask_refer_reason(self) -> None:
        self._override_row.close_row()
        self._refer_row.open()

    def _ask_reason(self) -> None:
        self._refer_row.close_row()
        self._override_row.open()

    def _confirm_refer(self) -> None:
        reason = self._refer_row.reason()
        if reason:
            self.refer.emit(reason)

    def _confirm(self) -> None:
        reason = self._override_row.reason()
        if reason:
            self.override.emit(reason)
