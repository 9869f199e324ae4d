"""The parties of a dispute in the form: rows to add and remove."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.domain.model.dispute import Party, PartyRole
from desktop.domain.model.users import Role, User
from desktop.domain.taxonomy import Taxonomy
from desktop.views.cases.party_row import PartyRow

_PARTY_FIELD = re.compile(r"^parties\[(\d+)\]\.(\w+)$")
_CASE_ROLES = (Role.ADMINISTRATOR, Role.MEMBER, Role.PARALEGAL)


class PartyList(QWidget):
    changed = Signal()
    rows_changed = Signal()  # a row was added or removed (the tab order needs redoing)

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        self.rows: list[PartyRow] = []
        self._members: list[User] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(10)
        self.add_button = QPushButton(self.tr("Add a party"), self)
        self.add_button.setObjectName("addParty")
        self.add_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add_clicked)

    def add_row(self, role: PartyRole | None = None) -> PartyRow:
        row = PartyRow(self._taxonomy, self)
        row.set_members(self._members)
        if role is not None:
            row.role_box.setCurrentIndex(row.role_box.findData(role.value))
        row.changed.connect(self.changed)
        row.remove_requested.connect(self._remove)
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        self._renumber()
        self.rows_changed.emit()
        return row

    def set_members(self, users: list[User]) -> None:
        """The committee members a party may be recorded as a relative of: the active case
        workers among ``users``."""
        self._members = [u for u in users if u.active and u.role in _CASE_ROLES and u.id]
        for row in self.rows:
            row.set_members(self._members)

    def _add_clicked(self) -> None:
        role = PartyRole.COMPLAINANT if not self.rows else PartyRole.RESPONDENT
        if len(self.rows) >= 2:
            role = PartyRole.WITNESS
        row = self.add_row(role)
        row.name_edit.setFocus()
        self.changed.emit()

    def _remove(self, row: PartyRow) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.deleteLater()
        self._renumber()
        self.rows_changed.emit()
        self.add_button.setFocus()
        self.changed.emit()

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.set_number(number)

    def focus_chain(self) -> list[QWidget]:
        """The widgets in the order Tab visits them."""
        chain: list[QWidget] = []
        for row in self.rows:
            chain.extend(row.focus_chain())
        chain.append(self.add_button)
        return chain

    def parties(self) -> list[Party]:
        return [row.party() for row in self.rows]

    def values(self) -> list[dict[str, Any]]:
        return [row.values() for row in self.rows]

    def set_values(self, values: list[dict[str, Any]]) -> None:
        self.clear()
        for item in values:
            self.add_row().set_values(item)

    def set_parties(self, parties: list[Party]) -> None:
        self.clear()
        for party in parties:
            self.add_row().set_party(party)

    def clear(self) -> None:
        for row in self.rows:
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []

    def show_error(self, field: str, message: str) -> PartyRow | None:
        """Show an error named like ``parties[1].phone`` beside that field; the row, or None."""
        match = _PARTY_FIELD.match(field)
        if match is None:
            return None
        index = int(match.group(1))
        if index >= len(self.rows):
            return None
        row = self.rows[index]
        return row if row.show_error(match.group(2), message) else None

    def clear_errors(self) -> None:
        for row in self.rows:
            row.clear_errors()
