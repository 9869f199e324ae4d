"""Shown when the do-no-harm rules refuse mediation: the service's explanation, plainly, a
referral to a formal actor, and for an administrator an override with a reason."""

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


class DoNoHarmPanel(QFrame):
    refer = Signal()
    override = Signal(str)  # the reason

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
        self.refer_button = QPushButton(self.tr("Refer to a formal actor"), self)
        self.override_button = QPushButton(self.tr("Override\u2026"), self)
        self.override_button.setVisible(may_override)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(
            self.tr("Why this case may be mediated after all (kept in the audit log)")
        )
        self.reason_edit.setMaxLength(500)
        self.confirm_button = QPushButton(self.tr("Start mediation anyway"), self)
        self.confirm_button.setEnabled(False)
        self._override_row = QWidget(self)
        row = QHBoxLayout(self._override_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.reason_edit, 1)
        row.addWidget(self.confirm_button)
        self._override_row.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.refer_button)
        buttons.addWidget(self.override_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addWidget(self._override_row)
        self.refer_button.clicked.connect(self.refer)
        self.override_button.clicked.connect(self._ask_reason)
        self.reason_edit.textChanged.connect(
            lambda text: self.confirm_button.setEnabled(bool(text.strip()))
        )
        self.confirm_button.clicked.connect(self._confirm)
        self.hide()

    def explain(self, message: str) -> None:
        self.text.setText(message)
        self._override_row.hide()
        self.reason_edit.clear()
        self.show()
        self.refer_button.setFocus()

    def _ask_reason(self) -> None:
        self._override_row.show()
        self.reason_edit.setFocus()

    def _confirm(self) -> None:
        reason = self.reason_edit.text().strip()
        if reason:
            self.override.emit(reason)
