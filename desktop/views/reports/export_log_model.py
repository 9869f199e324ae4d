"""The export log as the administrator reads it: one row per export, newest first (the order
list_exports gives), with who, when, which period, the export id and file hash (shortened, the
full values in the tooltip) and the sequence number (a correction replaces the earlier file)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.domain.model.export_log import ExportLogEntry
from desktop.views.reports.report_labels import period_label

Index = QModelIndex | QPersistentModelIndex

SHORT_ID = 8  # the first group of the export id, as the "export saved" line shows it
SHORT_HASH = 12


class Column(IntEnum):
    WHEN = 0
    WHO = 1
    PERIOD = 2
    NUMBER = 3
    EXPORT = 4
    SHA256 = 5


class ExportLogModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ExportLogEntry] = []

    def set_entries(self, entries: list[ExportLogEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> ExportLogEntry:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def number_text(self, sequence: int) -> str:
        if sequence == 1:
            return self.tr("1 (first)")
        return (
            self.tr("%1 (correction, replaces %2)")
            .replace("%1", str(sequence))
            .replace("%2", str(sequence - 1))
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.WHEN:
                return entry.created_at.strftime("%Y-%m-%d %H:%M")
            if column is Column.WHO:
                return entry.username
            if column is Column.PERIOD:
                return period_label(entry.period)
            if column is Column.NUMBER:
                return self.number_text(entry.sequence)
            if column is Column.EXPORT:
                return entry.export_id[:SHORT_ID]
            return entry.file_sha256[:SHORT_HASH]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.EXPORT:
                return entry.export_id
            if column is Column.SHA256:
                return entry.file_sha256
            return None
        if role == Qt.ItemDataRole.UserRole:
            return entry
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Saved on"),
            self.tr("By"),
            self.tr("Period"),
            self.tr("Number"),
            self.tr("Export"),
            self.tr("File SHA-256"),
        )[section]
