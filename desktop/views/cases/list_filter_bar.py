"""The case list's filter controls: statuses and categories (several of each, from a menu of
check boxes), area, assigned member, received dates and restricted; ``changed`` fires on every
change and ``case_filter()`` reads them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel, QWidget

from desktop.domain.model.case_list import CaseFilter
from desktop.domain.model.dispute import OPEN_STATUSES, Status
from desktop.domain.taxonomy import Taxonomy
from desktop.views.cases.form_labels import status_label
from desktop.views.widgets.choice_button import ChoiceButton

_ANY_DATE = QDate(1950, 1, 1)
_YES, _NO = "yes", "no"


class ListFilterBar(QWidget):
    changed = Signal()

    def __init__(
        self, taxonomy: Taxonomy, show_restricted: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._quiet = False
        self.status = ChoiceButton(
            self.tr("Any status"), lambda n: self.tr("%n statuses", "", n), self
        )
        self.status.setObjectName("statusFilter")
        self.status.add_preset(self.tr("Open cases"), (s.value for s in OPEN_STATUSES))
        for status in Status:
            self.status.add_choice(status_label(status), status.value)
        self.category = ChoiceButton(
            self.tr("Any category"), lambda n: self.tr("%n categories", "", n), self
        )
        self.category.setObjectName("categoryFilter")
        for category in sorted(taxonomy.categories, key=lambda c: c.label.casefold()):
            self.category.add_choice(category.label, category.code)
        self.area = QComboBox(self)
        self.area.setObjectName("areaFilter")
        self.area.addItem(self.tr("Any area"), "")
        self.member = QComboBox(self)
        self.member.setObjectName("memberFilter")
        self.member.addItem(self.tr("Anyone"), "")
        self.received_from = self._date_edit("receivedFrom")
        self.received_to = self._date_edit("receivedTo")
        self.restricted = QComboBox(self)
        self.restricted.setObjectName("restrictedFilter")
        self.restricted.addItem(self.tr("Any case"), "")
        self.restricted.addItem(self.tr("Restricted only"), _YES)
        self.restricted.addItem(self.tr("Not restricted"), _NO)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        received = QWidget(self)
        dates = QHBoxLayout(received)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.setSpacing(6)
        dates.addWidget(self.received_from, 1)
        dates.addWidget(QLabel(self.tr("to"), received))
        dates.addWidget(self.received_to, 1)
        fields: list[tuple[str, QWidget]] = [
            (self.tr("Status"), self.status),
            (self.tr("Category"), self.category),
            (self.tr("Area"), self.area),
            (self.tr("Assigned to"), self.member),
            (self.tr("Received"), received),
        ]
        if show_restricted:
            fields.append((self.tr("Access"), self.restricted))
        else:
            self.restricted.hide()
        for position, (text, field) in enumerate(fields):
            row, column = divmod(position, 3)
            label = QLabel(text, self)
            label.setBuddy(self.received_from if field is received else field)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(field, row, column * 2 + 1)
            grid.setColumnStretch(column * 2 + 1, 1)
        for button in (self.status, self.category):
            button.changed.connect(self._emit)
        for combo in (self.area, self.member, self.restricted):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            combo.currentIndexChanged.connect(self._emit)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_ANY_DATE)
        edit.setSpecialValueText(self.tr("Any date"))
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(_ANY_DATE)
        edit.dateChanged.connect(self._emit)
        return edit

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    # -- choices loaded in the background ------------------------------------------------------

    def set_areas(self, areas: list[str]) -> None:
        self._refill(self.area, [(area, area) for area in areas])

    def set_members(self, members: list[tuple[int, str]]) -> None:
        self._refill(self.member, [(name, str(user_id)) for user_id, name in members])

    def _refill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        self._quiet = True
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        finally:
            self._quiet = False

    # -- reading and setting -------------------------------------------------------------------

    def case_filter(self) -> CaseFilter:
        member, restricted = self.member.currentData(), self.restricted.currentData()
        return CaseFilter(
            statuses=frozenset(Status(value) for value in self.status.chosen()),
            categories=self.category.chosen(),
            area=self.area.currentData() or "",
            assigned_to=int(member) if member else None,
            received_from=_read(self.received_from),
            received_to=_read(self.received_to),
            restricted=None if not restricted else restricted == _YES,
        )

    def set_filter(self, case_filter: CaseFilter) -> None:
        """Show ``case_filter`` (a saved one); emits ``changed`` once."""
        self._quiet = True
        try:
            f = case_filter
            self.status.set_chosen(s.value for s in f.statuses)
            self.category.set_chosen(f.categories)
            if f.area and self.area.findData(f.area) < 0:
                self.area.addItem(f.area, f.area)
            _choose(self.area, f.area)
            _choose(self.member, "" if f.assigned_to is None else str(f.assigned_to))
            _choose(self.restricted, {None: "", True: _YES, False: _NO}[f.restricted])
            self.received_from.setDate(_qdate(f.received_from))
            self.received_to.setDate(_qdate(f.received_to))
        finally:
            self._quiet = False
        self.changed.emit()

    def is_default(self) -> bool:
        return self.case_filter() == CaseFilter()


def _choose(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


def _read(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == _ANY_DATE else date(value.year(), value.month(), value.day())


def _qdate(value: date | None) -> QDate:
    return _ANY_DATE if value is None else QDate(value.year, value.month, value.day)
