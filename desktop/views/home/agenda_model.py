"""One group of the home screen's agenda (hearings due today, follow-ups overdue...) as a list
model: one line per case, its number and what is due; never a name."""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.model.agenda import AgendaItem
from desktop.views.cases.form_labels import status_label

DISPUTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class ItemKind(Enum):
    HEARING = "hearing"
    FOLLOW_UP = "follow_up"
    WAITING = "waiting"
    REFERRAL = "referral"


class AgendaListModel(QAbstractListModel):
    def __init__(self, kind: ItemKind, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._items: list[AgendaItem] = []

    def set_items(self, items: list[AgendaItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> AgendaItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.number}  \u00b7  {self._detail(item)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("%1\nDouble-click or press Enter to open case %2.")
                .replace("%1", self._detail(item))
                .replace("%2", item.number)
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.number}, {self._detail(item)}"
        if role == DISPUTE_ID_ROLE:
            return item.dispute_id
        return None

    def _detail(self, item: AgendaItem) -> str:
        if self.kind is ItemKind.WAITING and item.status is not None:
            return self.tr("%1 for %n day(s)", "", item.days).replace(
                "%1", status_label(item.status)
            )
        if item.days == 0:
            if self.kind is ItemKind.HEARING:
                return self.tr("hearing today")
            return self.tr("follow-up today")
        due = item.on.isoformat()
        return self.tr("%n day(s) late, due %1", "", item.days).replace("%1", due)
