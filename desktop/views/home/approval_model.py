"""The home screen's "waiting for your approval" group as a list model: one line per request,
the case number, what is asked, by whom and since when; never a party's name."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.model.approvals import ApprovalKind
from desktop.domain.services.approval_queue import PendingApproval
from desktop.views.home.agenda_model import DISPUTE_ID_ROLE

Index = QModelIndex | QPersistentModelIndex


class ApprovalListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[PendingApproval] = []

    def set_items(self, items: list[PendingApproval]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> PendingApproval | None:
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
            return self.tr("Open case %1 to approve or reject the request.").replace(
                "%1", item.number
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.number}, {self._detail(item)}"
        if role == DISPUTE_ID_ROLE:
            return item.dispute_id
        return None

    def _detail(self, item: PendingApproval) -> str:
        if item.kind is ApprovalKind.CLOSE_CASE:
            what = self.tr("closing the case")
        else:
            what = self.tr("mediating despite the do-no-harm rule")
        on = item.requested_at.date().isoformat()
        if not item.requested_by:
            return self.tr("%1, asked on %2").replace("%1", what).replace("%2", on)
        return (
            self.tr("%1, asked by %2 on %3")
            .replace("%1", what)
            .replace("%2", item.requested_by)
            .replace("%3", on)
        )
