"""One filter of the dashboard: a button that opens a menu of values to tick ("All" when none
is ticked). The menu stays open while values are ticked; ``changed`` is emitted once, when it
closes with a different choice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget

from desktop.views.widgets.sticky_menu import StickyMenu


class FilterButton(QToolButton):
    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = StickyMenu(self)
        self.setMenu(self.menu_)
        self.menu_.aboutToShow.connect(self._remember)
        self.menu_.aboutToHide.connect(self._closed)
        self._everything = QAction(self.tr("All"), self)
        self._everything.setCheckable(True)
        self._everything.toggled.connect(self._all_toggled)
        self._values: dict[str, QAction] = {}
        self._before: frozenset[str] = frozenset()
        self.set_choices([], frozenset())

    def set_choices(self, choices: list[tuple[str, str]], chosen: frozenset[str]) -> None:
        """``choices``: (code, label) in menu order; ``chosen``: the codes ticked."""
        self.menu_.clear()
        self._values = {}
        self.menu_.addAction(self._everything)
        self.menu_.addSeparator()
        for code, label in choices:
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(code in chosen)
            action.toggled.connect(self._value_toggled)
            self.menu_.addAction(action)
            self._values[code] = action
        self._sync()

    def selected(self) -> frozenset[str]:
        return frozenset(code for code, action in self._values.items() if action.isChecked())

    def clear(self) -> None:
        for action in self._values.values():
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
        self._sync()

    def choose(self, codes: frozenset[str]) -> None:
        """Tick ``codes`` as a user would, and say so (``changed``) when the choice changed."""
        self._remember()
        for code, action in self._values.items():
            action.setChecked(code in codes)
        self._closed()

    def _remember(self) -> None:
        self._before = self.selected()

    def _closed(self) -> None:
        if self.selected() != self._before:
            self._before = self.selected()
            self.changed.emit()

    def _all_toggled(self, checked: bool) -> None:
        if checked:
            self.clear()
        self._sync()

    def _value_toggled(self, _checked: bool) -> None:
        self._sync()

    def _sync(self) -> None:
        chosen = [a.text() for a in self._values.values() if a.isChecked()]
        self._everything.blockSignals(True)
        self._everything.setChecked(not chosen)
        self._everything.blockSignals(False)
        if not chosen:
            shown = self.tr("All")
        elif len(chosen) == 1:
            shown = chosen[0]
        else:
            shown = self.tr("%1 chosen").replace("%1", str(len(chosen)))
        self.setText(f"{self.title}: {shown}")
        self.setToolTip(", ".join(chosen) if chosen else self.tr("All"))
