"""A home-screen group as a list model: one line per case, "<number> · <what>"; never a name.
Subclasses say what the line is about (``_detail``) and what its tooltip says (``_tooltip``);
their items carry ``number`` and ``dispute_id``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

DISPUTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class CaseLinesModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> Any:
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
            return self._tooltip(item)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.number}, {self._detail(item)}"
        if role == DISPUTE_ID_ROLE:
            return item.dispute_id
        return None

    def _detail(self, item: Any) -> str:
        raise NotImplementedError

    def _tooltip(self, item: Any) -> str:
        raise NotImplementedError
