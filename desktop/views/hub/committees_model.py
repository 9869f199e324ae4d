"""The committees the hub knows: pseudonym, display name, region, key fingerprint, last period
received, and whether the hub still takes its exports."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.views.widgets.list_table_model import ListTableModel
from desktop.workspace import HubCommittee

FINGERPRINT = 5  # last: the long one, so the others stay in view


class HubCommitteesModel(ListTableModel):
    def headers(self) -> list[str]:
        return [
            self.tr("Committee"),
            self.tr("Name"),
            self.tr("Region"),
            self.tr("Last period received"),
            self.tr("Status"),
            self.tr("Key fingerprint"),
        ]

    def committees(self) -> list[HubCommittee]:
        return list(self._items)

    def cell(self, item: HubCommittee, row: int, column: int, role: int, /) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.FontRole and column == FINGERPRINT:
            font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            font.setPointSizeF(QApplication.font().pointSizeF())  # follows the text scale
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not item.active:
            return QColor("#6b6b6b")
        return None

    def _text(self, item: HubCommittee, column: int) -> str:
        if column == 0:
            return item.pseudonym
        if column == 1:
            return item.display_name or self.tr("—")
        if column == 2:
            return item.region or self.tr("—")
        if column == 3:
            return item.last_period or self.tr("none yet")
        if column == 4:
            return self.tr("Active") if item.active else self.tr("Inactive")
        return item.fingerprint
