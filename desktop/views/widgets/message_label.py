"""A label for one plain message under a form: an error, a warning or a note."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

_STYLES = {
    "error": "color: #8a1c1c; background: #fbeaea; border: 1px solid #e3b3b3;",
    "info": "color: #1d3d5c; background: #eaf2fa; border: 1px solid #b8cfe6;",
}


class MessageLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._formatted = False
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def show_info(self, text: str) -> None:
        self._show(text, "info")

    def clear_message(self) -> None:
        self.clear()
        self.hide()

    def _show(self, text: str, kind: str) -> None:
        if not self._formatted:
            # Set on first use: the sign-in window's first paint must not import Qt's enums.
            from PySide6.QtCore import Qt

            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._formatted = True
        self.setProperty("kind", kind)
        self.setStyleSheet(f"QLabel {{ {_STYLES[kind]} border-radius: 4px; padding: 8px; }}")
        self.setText(text)
        self.show()
