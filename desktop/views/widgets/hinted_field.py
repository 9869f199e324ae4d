"""A form field with a short grey hint right under it, so the two read as one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class HintedField(QWidget):
    def __init__(self, field: QWidget, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.hint = QLabel(hint, self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet("color: #5a5a5a;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(field)
        layout.addWidget(self.hint)
        self.setFocusProxy(field)
