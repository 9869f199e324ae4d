"""A compact multiple choice for a filter bar: a button drawn as a combo box (so it sits well
among them) that reads "Any status", the one chosen, or "2 statuses", and opens a menu of check
boxes (which stays open while ticking). Optional presets at the top of the menu choose a named
set at once ("Open cases")."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QPaintEvent
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolButton,
    QWidget,
)

from desktop.views.widgets.sticky_menu import StickyMenu

_MIN_CHARS = 8  # as narrow as the filter bar's combo boxes may get


class ChoiceButton(QToolButton):
    changed = Signal()

    def __init__(
        self,
        any_text: str,
        count_text: Callable[[int], str],
        parent: QWidget | None = None,
    ) -> None:
        """``any_text``: shown when nothing is chosen (and the entry that clears the choice);
        ``count_text(n)``: the summary for n chosen, e.g. "%n statuses" through tr()."""
        super().__init__(parent)
        self._any_text = any_text
        self._count_text = count_text
        self._actions: dict[str, QAction] = {}
        self._presets: list[tuple[str, frozenset[str]]] = []
        self._quiet = False
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.menu_ = StickyMenu(self)
        self.setMenu(self.menu_)
        self.clear_action = self.menu_.addAction(any_text)
        self.clear_action.triggered.connect(lambda: self.set_chosen(()))
        self._separator = self.menu_.addSeparator()
        self._update_text()

    def add_preset(self, text: str, values: Iterable[str]) -> None:
        """A menu entry choosing exactly ``values``; the button reads ``text`` when they are
        the choice."""
        chosen = frozenset(values)
        action = QAction(text, self.menu_)
        action.triggered.connect(lambda: self.set_chosen(chosen))
        self.menu_.insertAction(self._separator, action)
        self._presets.append((text, chosen))
        self._update_text()

    def add_choice(self, text: str, value: str) -> None:
        action = self.menu_.addAction(text)
        action.setCheckable(True)
        action.setData(value)
        action.toggled.connect(self._toggled)
        self._actions[value] = action

    # -- drawn as a combo box -------------------------------------------------------------------

    def _combo_option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        option.initFrom(self)
        option.editable = False
        option.frame = True
        if self.isDown() or self.menu_.isVisible():
            option.state |= QStyle.StateFlag.State_On | QStyle.StateFlag.State_Sunken
        return option

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QStylePainter(self)
        option = self._combo_option()
        style = self.style()
        field = style.subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        option.currentText = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, field.width()
        )
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        metrics = self.fontMetrics()
        text = QSize(metrics.horizontalAdvance("x" * _MIN_CHARS), metrics.height())
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, self._combo_option(), text, self
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.sizeHint()

    # -- choices ---------------------------------------------------------------------------------

    def choice_action(self, value: str) -> QAction | None:
        return self._actions.get(value)

    def chosen(self) -> frozenset[str]:
        return frozenset(v for v, action in self._actions.items() if action.isChecked())

    def set_chosen(self, values: Iterable[str]) -> None:
        """Tick exactly ``values`` (unknown ones are ignored); ``changed`` fires once if the
        choice changed."""
        wanted = frozenset(values)
        before = self.chosen()
        self._quiet = True
        try:
            for value, action in self._actions.items():
                action.setChecked(value in wanted)
        finally:
            self._quiet = False
        self._update_text()
        if self.chosen() != before:
            self.changed.emit()

    def _toggled(self) -> None:
        if self._quiet:
            return
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = self.chosen()
        text = self._any_text
        if chosen:
            preset = next((t for t, values in self._presets if values == chosen), None)
            if preset is not None:
                text = preset
            elif len(chosen) == 1:
                text = self._actions[next(iter(chosen))].text()
            else:
                text = self._count_text(len(chosen))
        self.setText(text)
        self.setToolTip(", ".join(a.text() for a in self._actions.values() if a.isChecked()))
