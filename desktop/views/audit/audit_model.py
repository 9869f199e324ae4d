"""Audit events as a table model: when, who, what, about which record, and the codes kept."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from desktop.domain.model.audit import AuditEvent
from desktop.views.widgets.list_table_model import ListTableModel


class Column(IntEnum):
    SEQ = 0
    WHEN = 1
    USER = 2
    ACTION = 3
    SUBJECT = 4
    DETAIL = 5


class AuditTableModel(ListTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.broken_at: int | None = None

    def set_events(self, events: list[AuditEvent], broken_at: int | None = None) -> None:
        self.broken_at = broken_at
        self.replace_items(events)

    def audit_event(self, row: int) -> AuditEvent | None:
        event: AuditEvent | None = self.item_at(row)
        return event

    def headers(self) -> list[str]:
        return [
            self.tr("No."),
            self.tr("When"),
            self.tr("User"),
            self.tr("Action"),
            self.tr("Record"),
            self.tr("Detail"),
        ]

    def cell(self, event: AuditEvent, row: int, column_number: int, role: int) -> Any:
        column = Column(column_number)
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
