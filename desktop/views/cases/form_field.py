"""One form field with its label above and its error right under it, so a message from the
service ("parties[1].phone: ...") appears beside the field it is about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget


class FormField(QWidget):
    def __init__(self, label: str, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.label = QLabel(label, self)
        self.label.setBuddy(field)
        self.label.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #a3161a;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addWidget(field)
        layout.addWidget(self.error)
        self.setFocusProxy(field)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self._fit_error()
        if isinstance(self.field, QLineEdit):
            self.field.setStyleSheet("QLineEdit { border: 1px solid #a3161a; padding: 2px; }")

    def clear_error(self) -> None:
        if self.error.isHidden():
            return
        self.error.clear()
        self.error.hide()
        if isinstance(self.field, QLineEdit):
            self.field.setStyleSheet("")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_error()

    def _fit_error(self) -> None:
        """A wrapped label inside a scroll area gets a one-line height unless told its height
        for the width it has; without this a long message is clipped at 150 % text."""
        if self.error.isHidden():
            return
        height = self.error.heightForWidth(max(self.width(), 1))
        if height > 0 and height != self.error.minimumHeight():
            self.error.setMinimumHeight(height)

    def has_error(self) -> bool:
        return not self.error.isHidden()
