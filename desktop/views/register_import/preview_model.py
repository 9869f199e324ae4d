"""The register's rows as they will be registered: dates, categories, counts; never a name."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.services.disputes import RegisterDispute
from desktop.domain.taxonomy import Taxonomy
from desktop.views.cases.form_labels import channel_label

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    ROW = 0
    RECEIVED = 1
    CATEGORY = 2
    CHANNEL = 3
    AREA = 4
    PARTIES = 5
    RESTRICTED = 6


class PreviewTableModel(QAbstractTableModel):
    def __init__(self, taxonomy: Taxonomy, parent: Any = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._rows: list[RegisterDispute] = []

    def set_rows(self, rows: list[RegisterDispute]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.ROW: self.tr("Case"),
            Column.RECEIVED: self.tr("Received"),
            Column.CATEGORY: self.tr("Category"),
            Column.CHANNEL: self.tr("How it came"),
            Column.AREA: self.tr("Area"),
            Column.PARTIES: self.tr("Parties"),
            Column.RESTRICTED: self.tr("Restricted"),
        }.get(Column(section))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if column == Column.ROW:
            return str(index.row() + 1)
        if column == Column.RECEIVED:
            return row.received_on.isoformat()
        if column == Column.CATEGORY:
            return self._taxonomy.category(row.category).label
        if column == Column.CHANNEL:
            return channel_label(row.channel)
        if column == Column.AREA:
            return row.area or self.tr("(the committee's area)")
        if column == Column.PARTIES:
            return str(len(row.parties))
        return self.tr("Yes") if self._restricted(row) else self.tr("No")

    def _restricted(self, row: RegisterDispute) -> bool:
        # As registration decides it: an empty column means restricted for sensitive categories.
        if row.restricted is not None:
            return row.restricted
        return self._taxonomy.is_sensitive(row.category)
