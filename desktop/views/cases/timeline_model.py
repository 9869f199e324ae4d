"""A case's timeline as a table: when, what, details, who."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.domain.services.timeline import TimelineEntry
from desktop.views.cases.proceedings_labels import action_label, event_detail

Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineEntry] = []
        self._headers = [
            self.tr("Date"),
            self.tr("What happened"),
            self.tr("Details"),
            self.tr("By"),
        ]

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                entry.on.isoformat(),
                action_label(entry.action),
                event_detail(entry.action, entry.detail),
                entry.who,
            ][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and entry.at is not None:
            return self.tr("Recorded %1").replace("%1", entry.at.strftime("%Y-%m-%d %H:%M"))
        return None
