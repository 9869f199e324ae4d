"""The register's rows as they will be registered: dates, categories, counts; never a name."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from desktop.domain.services.disputes import RegisterDispute
from desktop.domain.taxonomy import Taxonomy
from desktop.views.cases.form_labels import channel_label
from desktop.views.widgets.list_table_model import ListTableModel


class Column(IntEnum):
    ROW = 0
    RECEIVED = 1
    CATEGORY = 2
    CHANNEL = 3
    AREA = 4
    PARTIES = 5
    RESTRICTED = 6


class PreviewTableModel(ListTableModel):
    def __init__(self, taxonomy: Taxonomy, parent: Any = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy

    def set_rows(self, rows: list[RegisterDispute]) -> None:
        self.replace_items(rows)

    def headers(self) -> list[str]:
        return [
            self.tr("Case"),
            self.tr("Received"),
            self.tr("Category"),
            self.tr("How it came"),
            self.tr("Area"),
            self.tr("Parties"),
            self.tr("Restricted"),
        ]

    def cell(self, row: RegisterDispute, number: int, column_number: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = Column(column_number)
        if column == Column.ROW:
            return str(number + 1)
        if column == Column.RECEIVED:
            return row.received_on.isoformat()
        if column == Column.CATEGORY:
            return self._taxonomy.category(row.category).label
        if column == Column.CHANNEL:
            return channel_label(row.channel)
        if column == Column.AREA:
            return row.area or self.tr("(the committee's area)")
        if column == Column.PARTIES:
            return str(len(row.parties))
        return self.tr("Yes") if self._restricted(row) else self.tr("No")

    def _restricted(self, row: RegisterDispute) -> bool:
        # As registration decides it: an empty column means restricted for sensitive categories.
        if row.restricted is not None:
            return row.restricted
        return self._taxonomy.is_sensitive(row.category)
