"""The audit viewer's filter row: user, action, from and to dates, record. Emits ``changed``
with an AuditFilter when the user asks to apply it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.domain.services.audit_view import AuditFilter

NO_DATE = QDate(2000, 1, 1)  # the minimum of the date fields, shown as "any"


class AuditFilters(QWidget):
    changed = Signal(object)  # AuditFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_combo = QComboBox(self)
        self.action_combo = QComboBox(self)
        self.since_edit = self._date_edit()
        self.until_edit = self._date_edit()
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setPlaceholderText(self.tr("dispute:42"))
        self.subject_edit.setClearButtonEnabled(True)
        self.apply_button = QPushButton(self.tr("Show"), self)
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        fields = [
            (self.tr("User"), self.user_combo),
            (self.tr("Action"), self.action_combo),
            (self.tr("From"), self.since_edit),
            (self.tr("To"), self.until_edit),
            (self.tr("Record"), self.subject_edit),
        ]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        for column, (text, widget) in enumerate(fields):
            label = QLabel(text, self)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
            grid.setColumnStretch(column, 1)
        grid.addWidget(self.apply_button, 1, len(fields))
        grid.addWidget(self.clear_button, 1, len(fields) + 1)
        self.set_choices([], [])
        self.apply_button.clicked.connect(self.apply)
        self.clear_button.clicked.connect(self.clear)
        self.subject_edit.returnPressed.connect(self.apply)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(NO_DATE)
        return edit

    def set_choices(self, usernames: list[str], actions: list[str]) -> None:
        """Fill the lists, keeping what is chosen."""
        for combo, values in ((self.user_combo, usernames), (self.action_combo, actions)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("Anyone") if combo is self.user_combo else self.tr("Any"), "")
            for value in values:
                combo.addItem(value.replace("_", " "), value)
            found = combo.findData(current)
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def current(self) -> AuditFilter:
        return AuditFilter(
            username=str(self.user_combo.currentData() or ""),
            action=str(self.action_combo.currentData() or ""),
            since=_day(self.since_edit),
            until=_day(self.until_edit),
            subject=self.subject_edit.text().strip(),
        )

    def apply(self) -> None:
        self.changed.emit(self.current())

    def clear(self) -> None:
        self.user_combo.setCurrentIndex(0)
        self.action_combo.setCurrentIndex(0)
        self.since_edit.setDate(NO_DATE)
        self.until_edit.setDate(NO_DATE)
        self.subject_edit.clear()
        self.apply()


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())
