"""The programme indicators of the period: name, group, value, and why a value is not shown."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.domain.services.indicators import Indicator
from desktop.domain.taxonomy import Taxonomy
from desktop.views.reports.report_labels import (
    group_label,
    indicator_title,
    indicator_value,
    reason_text,
)

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    GROUP = 1
    VALUE = 2
    NOTE = 3


class IndicatorsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Indicator] = []
        self._taxonomy: Taxonomy | None = None

    def set_indicators(self, found: list[Indicator], taxonomy: Taxonomy) -> None:
        self.beginResetModel()
        self._rows, self._taxonomy = list(found), taxonomy
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._taxonomy is None:
            return None
        found = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.NAME:
                return indicator_title(found.name)
            if column is Column.GROUP:
                return group_label(found.by)
            if column is Column.VALUE:
                return indicator_value(found, self._taxonomy)
            return reason_text(found.reason)
        if role == Qt.ItemDataRole.UserRole:
            return found
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Indicator"), self.tr("For"), self.tr("Value"), self.tr("Why not shown"))[
            section
        ]
