"""The case list as a table model over compact rows (one tuple per case), sorted in the model.

No proxy model: 100,000 rows sort here with one Python sort on a cheap key (labels are ranked
once per sort, not per row), and ``data()`` does a tuple lookup for the cells on screen.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from enum import IntEnum
from itertools import chain
from operator import itemgetter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.model.case_list import CaseRow
from desktop.domain.model.dispute import Status
from desktop.views.cases.form_labels import status_label

ID_ROLE = Qt.ItemDataRole.UserRole.value + 1

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole.value  # plain ints: data() runs for every cell painted
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value


class Column(IntEnum):
    NUMBER = 0
    RECEIVED = 1
    CATEGORY = 2
    STATUS = 3
    AREA = 4
    COMPLAINANTS = 5
    RESPONDENTS = 6
    ASSIGNED = 7
    RESTRICTED = 8


# the CaseRow field behind each column
_FIELD = {
    Column.NUMBER: 1,
    Column.RECEIVED: 2,
    Column.CATEGORY: 3,
    Column.STATUS: 4,
    Column.AREA: 5,
    Column.COMPLAINANTS: 6,
    Column.RESPONDENTS: 7,
    Column.ASSIGNED: 8,
    Column.RESTRICTED: 9,
}


_FIELDS = tuple(_FIELD[c] for c in Column)  # by column number, without building an enum
_ID = itemgetter(0)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class CaseListModel(QAbstractTableModel):
    """``category_labels`` maps category codes to their (translated) labels."""

    def __init__(self, category_labels: Mapping[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self._categories = dict(category_labels)
        self._statuses = {s.value: status_label(s) for s in Status}
        self._restricted_text = self.tr("Restricted")
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self._area_prefix = ""

    def set_area_prefix(self, area: str) -> None:
        """Show areas below ``area`` (the committee's own) without it: "Kibera > Olympic"
        becomes "Olympic"; the tooltip keeps the whole area."""
        self._area_prefix = area + " > " if area else ""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.AREA), self.index(len(self._rows) - 1, Column.AREA)
            )

    # -- contents ------------------------------------------------------------------------------

    def set_rows(self, rows: list[CaseRow]) -> None:
        """Show ``rows`` (kept, not copied), in the current sort order."""
        self.beginResetModel()
        self._rows = rows
        if self._sorted is not None:
            self._sort_rows(*self._sorted)
        self.endResetModel()

    def rows(self) -> list[CaseRow]:
        return self._rows

    def case_row(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, dispute_id: int) -> int:
        for row, case in enumerate(self._rows):
            if case[0] == dispute_id:
                return row
        return -1

    # -- the model interface -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != _DISPLAY:
            return None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.NUMBER: self.tr("Case"),
            Column.RECEIVED: self.tr("Received"),
            Column.CATEGORY: self.tr("Category"),
            Column.STATUS: self.tr("Status"),
            Column.AREA: self.tr("Area"),
            Column.COMPLAINANTS: self.tr("Complainant"),
            Column.RESPONDENTS: self.tr("Respondent"),
            Column.ASSIGNED: self.tr("Assigned to"),
            Column.RESTRICTED: self.tr("Access"),
        }[Column(section)]

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY and role != ID_ROLE and role != _TOOLTIP:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        case = self._rows[row]
        if role == ID_ROLE:
            return case[0]
        column = index.column()
        if role == _TOOLTIP:
            if column == Column.RESTRICTED:
                if case[9]:
                    return self.tr("Only its assigned members and administrators see this case.")
                return None
            if column == Column.AREA:
                return case[5]
            return self._text(case, column)
        return self._text(case, column)

    def _text(self, case: CaseRow, column: int) -> str:
        if column == Column.CATEGORY:
            return self._categories.get(case[3], case[3])
        if column == Column.STATUS:
            return self._statuses.get(case[4], case[4])
        if column == Column.RESTRICTED:
            return self._restricted_text if case[9] else ""
        if column == Column.AREA:
            area: str = case[5]
            prefix = self._area_prefix
            return area[len(prefix) :] if prefix and area.startswith(prefix) else area
        return str(case[_FIELDS[column]])

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    # -- sorting -------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (a negative column keeps the order the rows came in)."""
        if not 0 <= column < len(Column):
            self._sorted = None  # the sort indicator was cleared: new rows come newest first
            return
        if self._sorted == (column, order):
            return  # the rows stay sorted (set_rows sorts); QTableView may ask twice
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(index, self._rows[index.row()][0]) for index in persistent]
        self._sort_rows(column, order)
        self._sorted = (column, order)
        if kept:
            ids = list(map(_ID, self._rows))
            where = {dispute_id: ids.index(dispute_id) for dispute_id in {i for _, i in kept}}
            self.changePersistentIndexList(
                persistent,
                [self.index(where[dispute_id], index.column()) for index, dispute_id in kept],
            )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        field = _FIELDS[column]
        labels = {Column.CATEGORY: self._categories, Column.STATUS: self._statuses}.get(
            Column(column)
        )
        if labels is None:
            self._rows.sort(key=itemgetter(field), reverse=descending)
            return
        # Sort by the code (itemgetter: no Python call per row), then put the few runs of
        # equal codes in the order of their labels, found by bisection. Stable, like
        # list.sort, also when descending.
        code_of = itemgetter(field)
        rows = self._rows
        rows.sort(key=code_of)
        runs: dict[str, list[CaseRow]] = {}
        start = 0
        while start < len(rows):
            code = rows[start][field]
            end = bisect_right(rows, code, lo=start, key=code_of)
            runs[code] = rows[start:end]  # type: ignore[index]
            start = end
        ranked = sorted(runs, key=lambda code: (labels.get(code) or code).casefold())
        if descending:
            ranked.reverse()
        self._rows = list(chain.from_iterable(runs[code] for code in ranked))
