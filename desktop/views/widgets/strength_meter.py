"""A passphrase strength meter: a bar and a word, so it reads without colour too."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from desktop.views.passphrase_rules import MAX_STRENGTH

_COLOURS = ("#b3261e", "#b3261e", "#b86e00", "#3b7d23", "#2e6b1b")


class StrengthMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar = QProgressBar(self)
        self._bar.setRange(0, MAX_STRENGTH)
        self._bar.setTextVisible(False)
        self._bar.setFixedHeight(10)
        self._label = QLabel(self)
        self._label.setMinimumWidth(self._label.fontMetrics().horizontalAdvance("M" * 8))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar, 1)
        layout.addWidget(self._label)
        self.set_strength(0, typed=False)

    def strength(self) -> int:
        return self._bar.value()

    def text(self) -> str:
        return self._label.text()

    def set_strength(self, value: int, typed: bool = True) -> None:
        """0 (too short) to 4 (strong); 1 is refused, 2 and more accepted."""
        words = (
            self.tr("Too short") if typed else "",
            self.tr("Too weak"),
            self.tr("Fair"),
            self.tr("Good"),
            self.tr("Strong"),
        )
        value = max(0, min(MAX_STRENGTH, value))
        self._bar.setValue(value)
        self._label.setText(words[value])
        self._bar.setStyleSheet(
            "QProgressBar { border: 1px solid #b0b0b0; border-radius: 4px; background: #f2f2f2; }"
            f"QProgressBar::chunk {{ background: {_COLOURS[value]}; border-radius: 3px; }}"
        )
