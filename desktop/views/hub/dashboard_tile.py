"""A headline number of the dashboard and what it counts: "≥ 632" cases received, "62 %" of
cases resolved by agreement ("31 of 50" under it), "—" when the hub hides it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.views.appearance import enlarge


class DashboardTile(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("\u2013", self)
        self.number.setObjectName("countNumber")
        self.number.setTextFormat(Qt.TextFormat.PlainText)
        enlarge(self.number, 1.6)
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("pageText")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.detail = QLabel(self)
        self.detail.setObjectName("pageText")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(2)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def show_value(self, number: str, detail: str = "", tip: str = "") -> None:
        self.number.setText(number)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setToolTip(tip)
        self.setAccessibleName(f"{self.caption.text()}: {number} {detail}".strip())
