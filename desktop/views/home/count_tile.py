"""A number and what it counts, for the home screen's "this month" row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.views.appearance import enlarge


class CountTile(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("\u2013", self)
        self.number.setObjectName("countNumber")
        enlarge(self.number, 1.8)
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("pageText")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(2)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set_count(self, count: int) -> None:
        self.number.setText(self.locale().toString(count))
        self.setAccessibleName(f"{self.caption.text()}: {count}")
