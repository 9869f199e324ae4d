"""The justice actors shown in the directory, as a table model (sorted inside the model)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.domain.model.referrals import JusticeActor
from desktop.domain.taxonomy import Taxonomy
from desktop.views.widgets.list_table_model import ListTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_INACTIVE = QColor("#6b6b6b")


def left_to_right(text: str) -> str:
    """A phone number stays "+254 ..." in a right-to-left layout (isolated, left to right)."""
    return f"\u2066{text}\u2069" if text else ""


class Column(IntEnum):
    NAME = 0
    KIND = 1
    CONTACT = 2
    PHONE = 3
    AREA = 4
    HOURS = 5


class ActorsTableModel(ListTableModel):
    def __init__(self, taxonomy: Taxonomy, parent: Any = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._sort: tuple[int, Qt.SortOrder] = (Column.NAME, Qt.SortOrder.AscendingOrder)

    def set_actors(self, entries: list[JusticeActor]) -> None:
        self.replace_items(self._sorted(entries))

    def entry(self, row: int) -> JusticeActor | None:
        entry: JusticeActor | None = self.item_at(row)
        return entry

    def row_of(self, actor_id: int | None) -> int:
        for row, entry in enumerate(self._items):
            if entry.id == actor_id:
                return row
        return -1

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Kind"),
            self.tr("Contact person"),
            self.tr("Phone"),
            self.tr("Area"),
            self.tr("Hours"),
        ]

    def kind_label(self, code: str) -> str:
        return (
            self._taxonomy.actor_kind(code).label if self._taxonomy.has_actor_kind(code) else code
        )

    def cell(self, entry: JusticeActor, row: int, column_number: int, role: int) -> Any:
        column = Column(column_number)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == SORT_ROLE:
            return self._text(entry, column).casefold()
        if role == Qt.ItemDataRole.ForegroundRole and not entry.active:
            return _INACTIVE
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._text(entry, column)
            if column == Column.NAME and entry.services:
                return f"{text}\n{entry.services}"
            return text or None
        return None

    def _text(self, entry: JusticeActor, column: Column) -> str:
        if column == Column.NAME:
            if entry.active:
                return entry.name
            return self.tr("%1 (deactivated)").replace("%1", entry.name)
        if column == Column.KIND:
            return self.kind_label(entry.kind)
        if column == Column.CONTACT:
            return entry.contact_person
        if column == Column.PHONE:
            return left_to_right(entry.phone)
        if column == Column.AREA:
            return entry.area
        return entry.hours

    def _sorted(self, entries: list[JusticeActor]) -> list[JusticeActor]:
        column, order = self._sort
        return sorted(
            entries,
            key=lambda e: (self._text(e, Column(column)).casefold(), e.name.casefold(), e.id or 0),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._items = self._sorted(self._items)
        self.layoutChanged.emit()
