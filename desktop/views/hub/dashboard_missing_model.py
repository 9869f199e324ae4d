"""The committees that have not sent the export they owe: name or pseudonym, region, the
period owed and the last period received."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.domain.model.hub_dashboard import MissingExport
from desktop.views.hub.dashboard_labels import region_text
from desktop.views.widgets.list_table_model import ListTableModel


class MissingExportsModel(ListTableModel):
    def headers(self) -> list[str]:
        return [
            self.tr("Committee"),
            self.tr("Pseudonym"),
            self.tr("Region"),
            self.tr("Export owed"),
            self.tr("Last received"),
        ]

    def cell(self, item: MissingExport, row: int, column: int, role: int, /) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            item.display_name or self.tr("(not named)"),
            item.committee,
            region_text(item.region),
            item.owed,
            item.last_period or self.tr("none yet"),
        )[column]
