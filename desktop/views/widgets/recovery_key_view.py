"""The recovery key, large, in groups, in a monospace font; selectable but never editable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QWidget

from desktop.reports.recovery_sheet import key_lines


class RecoveryKeyView(QLabel):
    def __init__(self, recovery_key: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), self.font().pointSizeF()) * 2.0)
        font.setBold(True)
        self.setFont(font)
        self.setObjectName("recoveryKey")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The key reads left to right in every language.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setStyleSheet(
            "QLabel#recoveryKey { background: #fbfaf5; border: 2px dashed #8c8c8c;"
            " border-radius: 6px; padding: 18px; }"
        )
        self.set_key(recovery_key)

    def set_key(self, recovery_key: str) -> None:
        self.setText("\n".join(key_lines(recovery_key)))
