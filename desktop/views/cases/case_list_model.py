"""The case list as a table model over compact rows (one tuple per case), sorted in the model.

No proxy model: 100,000 rows sort here with one Python sort on a cheap key (labels are ranked
once per sort, not per row), and ``data()`` does a tuple lookup for the cells on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import IntEnum
from itertools import chain
from operator import itemgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

from desktop.domain.model.case_list import CaseRow
from desktop.domain.model.dispute import Status
from desktop.views.cases.form_labels import status_label

ID_ROLE = Qt.ItemDataRole.UserRole.value + 1

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole.value  # plain ints: data() runs for every cell painted
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
# QStyledItemDelegate.initStyleOption asks for font, alignment, foreground, check state,
# decoration, display and background, in that order (see multiData)
_DELEGATE_ROLES = 7
_DELEGATE_DISPLAY = 5


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
_COLUMNS = len(Column)
# plain ints for data(), which runs for every role of every cell painted
_CATEGORY, _STATUS, _AREA, _RESTRICTED = (
    int(c) for c in (Column.CATEGORY, Column.STATUS, Column.AREA, Column.RESTRICTED)
)


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
        self._headers = (
            self.tr("Case"),
            self.tr("Received"),
            self.tr("Category"),
            self.tr("Status"),
            self.tr("Area"),
            self.tr("Complainant"),
            self.tr("Respondent"),
            self.tr("Assigned to"),
            self.tr("Access"),
        )

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
        return 0 if parent.isValid() else _COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        return self._headers[section] if 0 <= section < _COLUMNS else None

    # No flags(): QAbstractTableModel's own (enabled, selectable, no children) is what the list
    # needs, and answering it in C++ spares a call into Python for every cell painted.

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # The view asks for about seven roles per cell painted: answer the others at once.
        if role == _DISPLAY:
            row = index.row()
            if 0 <= row < len(self._rows):  # an invalid index has row -1
                return self._text(self._rows[row], index.column())
            return None
        if role != ID_ROLE and role != _TOOLTIP:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        case = self._rows[row]
        if role == ID_ROLE:
            return case[0]
        column = index.column()
        if column == Column.RESTRICTED:
            if case[9]:
                return self.tr("Only its assigned members and administrators see this case.")
            return None
        if column == Column.AREA:
            return case[5]
        return self._text(case, column)

    def multiData(  # noqa: N802
        self,
        index: Index,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,  # noqa: N803
    ) -> None:
        """What the view's delegate asks for each cell painted (seven roles in one call, where
        the default asks ``data()`` once per role, each a call from C++ into Python)."""
        if isinstance(roleDataSpan, QModelRoleData):
            roleDataSpan.setData(self.data(index, roleDataSpan.role()))
            return
        span: Any = roleDataSpan  # a sequence of QModelRoleData (the stubs do not say so)
        if len(span) == _DELEGATE_ROLES:
            # QStyledItemDelegate.initStyleOption: its roles, in this order, with no data yet
            # (fresh QModelRoleData); only the display role has any.
            display = span[_DELEGATE_DISPLAY]
            if display.role() == _DISPLAY:
                display.setData(self.data(index, _DISPLAY))
                return
        for role_data in span:  # any other caller: every role, as the default does
            role_data.setData(self.data(index, role_data.role()))

    def _text(self, case: CaseRow, column: int) -> str:
        if column == _CATEGORY:
            return self._categories.get(case[3], case[3])
        if column == _STATUS:
            return self._statuses.get(case[4], case[4])
        if column == _RESTRICTED:
            return self._restricted_text if case[9] else ""
        if column == _AREA:
            area: str = case[5]
            prefix = self._area_prefix
            return area[len(prefix) :] if prefix and area.startswith(prefix) else area
        return str(case[column + 1])  # the other columns' fields follow the id in order

    # -- sorting -------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (a negative column keeps the order the rows came in)."""
        if not 0 <= column < _COLUMNS:
            self._sorted = None  # the sort indicator was cleared: new rows come newest first
            return
        if self._sorted == (column, order):
            return  # the rows stay sorted (set_rows sorts); QTableView may ask twice
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [self._rows[index.row()] for index in persistent]
        key, descending = self._sort_rows(column, order)
        self._sorted = (column, order)
        if kept:
            # Find each kept row in the run of rows with its sort key (by bisection), then by
            # identity inside that run: no pass over all 100,000 rows.
            rows = self._rows
            where: dict[int, int] = {}
            for case in kept:
                if id(case) not in where:
                    start, end = _run_of(rows, key(case), key, descending)
                    where[id(case)] = rows.index(case, start, end)
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(where[id(case)], index.column())
                    for index, case in zip(persistent, kept, strict=True)
                ],
            )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> tuple[Callable[[CaseRow], Any], bool]:
        """Sort the rows; return the key they are now ordered by, and whether it descends."""
        descending = order == Qt.SortOrder.DescendingOrder
        field = _FIELDS[column]
        code_of = itemgetter(field)
        rows = self._rows
        rows.sort(key=code_of, reverse=descending)  # itemgetter: no Python call per row
        labels = (
            self._categories
            if column == Column.CATEGORY
            else self._statuses
            if column == Column.STATUS
            else None
        )
        if labels is None:
            return code_of, descending
        # Sorted by code; now put the few runs of equal codes in the order of their labels,
        # found by bisection. Stable, like list.sort, also when descending. When the labels
        # sort as their codes do (English statuses), the rows are already in place.
        runs: dict[Any, tuple[int, int]] = {}  # code: its slice of rows
        start = 0
        while start < len(rows):
            code = rows[start][field]
            start, end = _run_of(rows, code, code_of, descending, start)
            runs[code] = (start, end)
            start = end
        ranked = sorted(sorted(runs), key=lambda code: (labels.get(code) or code).casefold())
        if descending:
            ranked.reverse()
        if ranked != list(runs):
            self._rows = list(chain.from_iterable(rows[slice(*runs[code])] for code in ranked))
        rank: dict[Any, int] = {code: n for n, code in enumerate(ranked)}

        def rank_of(case: CaseRow) -> int:
            return rank[case[field]]

        return rank_of, False


def _run_of(
    rows: list[CaseRow], value: Any, key: Callable[[CaseRow], Any], descending: bool, lo: int = 0
) -> tuple[int, int]:
    """The slice of ``rows`` (ordered by ``key``, from ``lo`` on) whose key is ``value``."""
    hi = len(rows)
    while lo < hi:  # the first row not before value
        mid = (lo + hi) // 2
        if (key(rows[mid]) > value) if descending else (key(rows[mid]) < value):
            lo = mid + 1
        else:
            hi = mid
    start, hi = lo, len(rows)
    while lo < hi:  # the first row after value
        mid = (lo + hi) // 2
        if (key(rows[mid]) >= value) if descending else (key(rows[mid]) <= value):
            lo = mid + 1
        else:
            hi = mid
    return start, lo
