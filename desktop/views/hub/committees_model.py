"""The committees the hub knows: pseudonym, region, key fingerprint, last period received."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.views.widgets.list_table_model import ListTableModel
from desktop.workspace import HubCommittee


class HubCommitteesModel(ListTableModel):
    def headers(self) -> list[str]:
        return [
            self.tr("Committee"),
            self.tr("Region"),
            self.tr("Key fingerprint"),
            self.tr("Last period received"),
        ]

    def cell(self, item: HubCommittee, row: int, column: int, role: int, /) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return item.pseudonym
            if column == 1:
                return item.region or self.tr("—")
            if column == 2:
                return item.fingerprint
            return item.last_period or self.tr("none yet")
        if role == Qt.ItemDataRole.FontRole and column == 2:
            font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            font.setPointSizeF(QApplication.font().pointSizeF())  # follows the text scale
            return font
        return None
