"""The import results: one row per file, with its outcome and the importer's sentence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop.views.hub import hub_labels
from desktop.views.widgets.list_table_model import ListTableModel
from desktop.workspace import HubFileResult


class HubResultsModel(ListTableModel):
    def headers(self) -> list[str]:
        return [self.tr("File"), self.tr("Result"), self.tr("Details")]

    def results(self) -> list[HubFileResult]:
        return list(self._items)

    def cell(self, item: HubFileResult, row: int, column: int, role: int, /) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return item.path.name
            if column == 1:
                return hub_labels.outcome(item)
            return hub_labels.detail(item)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and hub_labels.refused(item):
            base = QApplication.palette().color(QPalette.ColorRole.Base)
            return QBrush(QColor("#ff8a80") if base.lightness() < 128 else QColor("#a4161a"))
        return None
