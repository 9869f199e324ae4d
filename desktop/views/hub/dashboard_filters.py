"""The dashboard's filter bar: period, region, committee, kind of dispute, sex and age band,
each a menu of the values present in the hub ("All" by default), and Clear filters. The
buttons flow onto a second line when the window is narrow or the text large."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from desktop.domain.model.hub_dashboard import DashboardChoices, DashboardFilters
from desktop.views.hub.dashboard_filter_button import FilterButton
from desktop.views.hub.dashboard_labels import (
    code_label,
    committee_text,
    period_text,
    region_text,
)

FIELDS = ("periods", "regions", "committees", "categories", "sexes", "age_bands")


class DashboardFilterBar(QWidget):
    changed = Signal()  # the officer chose other filters

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        titles = (
            self.tr("Period"),
            self.tr("Region"),
            self.tr("Committee"),
            self.tr("Kind of dispute"),
            self.tr("Sex"),
            self.tr("Age"),
        )
        self.buttons = {
            field: FilterButton(title, self) for field, title in zip(FIELDS, titles, strict=True)
        }
        for button in self.buttons.values():
            button.changed.connect(self._fit)
            button.changed.connect(self.changed)
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.clicked.connect(self.clear)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setHorizontalSpacing(8)
        self._layout.setVerticalSpacing(6)
        self._columns = 0
        self._arrange(7)

    def filters(self) -> DashboardFilters:
        return DashboardFilters(**{f: self.buttons[f].selected() for f in FIELDS})

    def set_choices(self, choices: DashboardChoices, filters: DashboardFilters) -> None:
        """Offer every value present in the hub, keeping what is chosen."""
        labelled = {
            "periods": [(p, period_text(p)) for p in choices.periods],
            "regions": [(r, region_text(r)) for r in choices.regions],
            "committees": [(c.pseudonym, committee_text(c)) for c in choices.committees],
            "categories": [(c, code_label("category", c)) for c in choices.categories],
            "sexes": [(s, code_label("complainant_sex", s)) for s in choices.sexes],
            "age_bands": [(a, code_label("complainant_age", a)) for a in choices.age_bands],
        }
        for field in FIELDS:
            self.buttons[field].set_choices(labelled[field], getattr(filters, field))
        self._fit()

    def clear(self) -> None:
        if not any(self.filters().__dict__.values()):
            return
        for button in self.buttons.values():
            button.clear()
        self.changed.emit()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def _fit(self) -> None:
        """As many buttons on a line as the width holds (all seven, or four and three...)."""
        widgets = [*self.buttons.values(), self.clear_button]
        spacing = self._layout.horizontalSpacing()
        columns = len(widgets)
        while columns > 1:
            widest = [0] * columns
            for n, widget in enumerate(widgets):
                widest[n % columns] = max(widest[n % columns], widget.sizeHint().width())
            if sum(widest) + spacing * (columns - 1) <= self.width():
                break
            columns -= 1
        self._arrange(columns)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        widgets = [*self.buttons.values(), self.clear_button]
        for widget in widgets:
            self._layout.removeWidget(widget)
        for n, widget in enumerate(widgets):
            self._layout.addWidget(widget, n // columns, n % columns)
        for column in range(len(widgets)):
            self._layout.setColumnStretch(column, 0)
        self._layout.setColumnStretch(columns, 1)
