"""What the case list shows instead of an empty table: what happened and what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.views.appearance import enlarge


class ListEmptyState(QWidget):
    clear_requested = Signal()
    new_case_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("emptyTitle")
        enlarge(self.title, 1.25)
        self.text = QLabel(self)
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("Clear the search and filters"), self)
        self.clear_button.setObjectName("clearFilters")
        self.new_button = QPushButton(self.tr("Register a new case\u2026"), self)
        self.new_button.setObjectName("emptyNewCase")
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 24, 8, 8)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addStretch(1)
        for label in (self.title, self.text):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_button.clicked.connect(self.clear_requested)
        self.new_button.clicked.connect(self.new_case_requested)
        self.show_for(narrowed=False)

    def show_for(self, narrowed: bool) -> None:
        """``narrowed``: a search or a filter is set (else the casebook has no case yet)."""
        if narrowed:
            self.title.setText(self.tr("No case matches"))
            self.text.setText(
                self.tr(
                    "Check the spelling, type fewer letters, or clear the search and filters. "
                    "Restricted cases are found by their case number only."
                )
            )
        else:
            self.title.setText(self.tr("No cases yet"))
            self.text.setText(
                self.tr("When a dispute comes to the committee, register it here as a new case.")
            )
        self.clear_button.setVisible(narrowed)
