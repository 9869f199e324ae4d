"""Audit events as a table model: when, who, what, about which record, and the codes kept."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.model.audit import AuditEvent

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    SEQ = 0
    WHEN = 1
    USER = 2
    ACTION = 3
    SUBJECT = 4
    DETAIL = 5


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[AuditEvent] = []
        self.broken_at: int | None = None

    def set_events(self, events: list[AuditEvent], broken_at: int | None = None) -> None:
        self.beginResetModel()
        self._events = list(events)
        self.broken_at = broken_at
        self.endResetModel()

    def audit_event(self, row: int) -> AuditEvent | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.SEQ: self.tr("No."),
            Column.WHEN: self.tr("When"),
            Column.USER: self.tr("User"),
            Column.ACTION: self.tr("Action"),
            Column.SUBJECT: self.tr("Record"),
            Column.DETAIL: self.tr("Detail"),
        }.get(Column(section))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        event = self.audit_event(index.row()) if index.isValid() else None
        if event is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(event, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if self._broken(event):
                return self.tr("The audit chain breaks at this event.")
            return event.detail if column == Column.DETAIL and event.detail else None
        if role == Qt.ItemDataRole.ForegroundRole and self._broken(event):
            from PySide6.QtGui import QColor

            return QColor("#8a1c1c")
        return None

    def _broken(self, event: AuditEvent) -> bool:
        return self.broken_at is not None and event.seq == self.broken_at

    def _text(self, event: AuditEvent, column: Column) -> str:
        if column == Column.SEQ:
            return "" if event.seq is None else str(event.seq)
        if column == Column.WHEN:
            return event.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if column == Column.USER:
            return event.username or self.tr("(the system)")
        if column == Column.ACTION:
            return event.action.replace("_", " ")
        if column == Column.SUBJECT:
            return event.subject
        return event.detail
