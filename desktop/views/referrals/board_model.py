"""The referral board as a table model over compact rows, grouped, filtered and sorted here.

No proxy model: the rows (20,000 open referrals and more) are grouped once when they arrive
(each row's group is worked out with today's date), a group filter is one list comprehension,
and a sort is one Python sort on a cheap key. The groups always stay in their order (overdue
first); a click on a column header sorts inside each group. ``data()`` formats only the cells
on screen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date
from enum import IntEnum
from operator import itemgetter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.domain.model.referral_board import BoardGroup, BoardRow
from desktop.domain.model.referrals import Direction, ReferralStatus
from desktop.views.referrals.board_labels import (
    GROUP_ORDER,
    GROUP_RANK,
    WARNING_COLOUR,
    group_label,
    left_to_right,
)
from desktop.views.referrals.refer_labels import status_label

DISPUTE_ID_ROLE = Qt.ItemDataRole.UserRole.value + 1
REFERRAL_ID_ROLE = Qt.ItemDataRole.UserRole.value + 2

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_OVERDUE_RANK = GROUP_RANK[BoardGroup.OVERDUE]


class Column(IntEnum):
    GROUP = 0
    NUMBER = 1
    CODE = 2
    ACTOR = 3
    PHONE = 4
    STATUS = 5
    SENT = 6
    AGE = 7
    DUE = 8
    MADE_BY = 9


_COLUMNS = len(Column)
Entry = tuple[int, BoardRow]  # (rank of the row's group, the row)


class ReferralBoardModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Entry] = []
        self._rows: list[Entry] = []
        self._today = date.today()
        self._group: BoardGroup | None = None
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self._users: dict[int, str] = {}
        self._statuses = {s: status_label(s) for s in ReferralStatus}
        self._groups = [group_label(g) for g in GROUP_ORDER]
        self._warning = QColor(WARNING_COLOUR)
        self._bold: QFont | None = None  # the view's font, bold: set by bold_font()
        self._headers = (
            self.tr("Group"),
            self.tr("Case"),
            self.tr("Code"),
            self.tr("Actor"),
            self.tr("Phone"),
            self.tr("Status"),
            self.tr("Sent"),
            self.tr("Days"),
            self.tr("Due"),
            self.tr("Made by"),
        )

    def bold_font(self, font: QFont) -> QFont:
        """The bold font the overdue label and the phone number are drawn in (the view's own
        font made bold, so it follows the text scale)."""
        self._bold = QFont(font)
        self._bold.setBold(True)
        return self._bold

    # -- contents ------------------------------------------------------------------------------

    def set_rows(self, rows: list[BoardRow], today: date) -> None:
        """Show ``rows`` (oldest sent first, as the board query returns them), grouped as of
        ``today``."""
        self.beginResetModel()
        self._today = today
        self._all = _grouped(rows, today)
        self._select()
        self.endResetModel()

    def set_group(self, group: BoardGroup | None) -> None:
        """Show one group only (None: every group)."""
        if group == self._group:
            return
        self.beginResetModel()
        self._group = group
        self._select()
        self.endResetModel()

    def group(self) -> BoardGroup | None:
        return self._group

    def set_user_names(self, names: Mapping[int, str]) -> None:
        """user id -> name, for the "made by" column."""
        self._users = dict(names)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.MADE_BY), self.index(len(self._rows) - 1, Column.MADE_BY)
            )

    def counts(self) -> dict[BoardGroup, int]:
        """How many rows each group holds (whatever group is shown)."""
        ranks = Counter(map(itemgetter(0), self._all))
        return {group: ranks[rank] for rank, group in enumerate(GROUP_ORDER)}

    def total(self) -> int:
        return len(self._all)

    def board_row(self, row: int) -> BoardRow | None:
        return self._rows[row][1] if 0 <= row < len(self._rows) else None

    def group_at(self, row: int) -> BoardGroup | None:
        return GROUP_ORDER[self._rows[row][0]] if 0 <= row < len(self._rows) else None

    def row_of(self, referral_id: int) -> int:
        for row, (_, board_row) in enumerate(self._rows):
            if board_row.referral_id == referral_id:
                return row
        return -1

    def _select(self) -> None:
        if self._group is None:
            self._rows = list(self._all)
        else:
            rank = GROUP_RANK[self._group]
            self._rows = [entry for entry in self._all if entry[0] == rank]
        self._sort_rows()

    # -- the model interface -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        return self._headers[section] if 0 <= section < _COLUMNS else None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not 0 <= row < len(self._rows):  # an invalid index has row -1
            return None
        rank, board_row = self._rows[row]
        column = index.column()
        if role == _DISPLAY:
            return self._text(rank, board_row, column)
        if role == _FOREGROUND:
            if rank == _OVERDUE_RANK and column in (Column.GROUP, Column.DUE):
                return self._warning
            return None
        if role == _FONT:
            overdue = rank == _OVERDUE_RANK and column == Column.GROUP
            return self._bold if overdue or column == Column.PHONE else None
        if role == DISPUTE_ID_ROLE:
            return board_row.dispute_id
        if role == REFERRAL_ID_ROLE:
            return board_row.referral_id
        if role == _TOOLTIP:
            return self._tooltip(rank, board_row, column)
        return None

    def _text(self, rank: int, row: BoardRow, column: int) -> str:
        if column == Column.GROUP:
            return self._groups[rank]
        if column == Column.NUMBER:
            return row.number
        if column == Column.CODE:
            return row.code
        if column == Column.ACTOR:
            return row.actor_name
        if column == Column.PHONE:
            return left_to_right(row.actor_phone)
        if column == Column.STATUS:
            return self._statuses[row.status]
        if column == Column.SENT:
            return row.sent_on.isoformat() if row.sent_on else ""
        if column == Column.AGE:
            return str(row.age_days(self._today))
        if column == Column.DUE:
            return row.due_on.isoformat() if row.due_on else ""
        if column == Column.MADE_BY:
            return self._users.get(row.created_by, "") if row.created_by is not None else ""
        return ""

    def _tooltip(self, rank: int, row: BoardRow, column: int) -> str | None:
        if rank == _OVERDUE_RANK and row.due_on is not None:
            days = (self._today - row.due_on).days
            return self.tr("Feedback was due %n day(s) ago.", "", days)
        if column == Column.NUMBER:
            return self.tr("Double-click or press Enter to open the case.")
        return None

    # -- sorting -------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort inside each group by ``column`` (a negative column: oldest sent first)."""
        wanted = (column, order) if 0 <= column < _COLUMNS else None
        if wanted == self._sorted:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [self._rows[index.row()][1].referral_id for index in persistent]
        self._sorted = wanted
        self._select()  # from the rows as they came (oldest first), then sorted
        if kept:
            where = {entry[1].referral_id: row for row, entry in enumerate(self._rows)}
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(where[referral_id], index.column())
                    for index, referral_id in zip(persistent, kept, strict=True)
                ],
            )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        rows = self._rows
        if self._sorted is None or self._sorted[0] == Column.GROUP:
            # The rows came oldest sent first, and a sort is stable: by group alone keeps that
            # order inside each group (itemgetter: no Python call per row).
            descending = (
                self._sorted is not None and self._sorted[1] == Qt.SortOrder.DescendingOrder
            )
            rows.sort(key=_RANK, reverse=descending)
            return
        column, order = self._sorted
        rows.sort(key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        rows.sort(key=_RANK)  # stable: the groups stay in order, sorted inside

    def _key(self, column: int) -> Callable[[Entry], Any]:
        today = self._today
        keys: dict[int, Callable[[Entry], Any]] = {
            Column.NUMBER: lambda e: e[1].number,
            Column.CODE: lambda e: e[1].code,
            Column.ACTOR: lambda e: e[1].actor_name.casefold(),
            Column.PHONE: lambda e: e[1].actor_phone,
            Column.STATUS: lambda e: self._statuses[e[1].status],
            Column.SENT: lambda e: e[1].sent_on or date.max,
            Column.AGE: lambda e: e[1].age_days(today),
            Column.DUE: lambda e: e[1].due_on or date.max,
            Column.MADE_BY: lambda e: self._users.get(e[1].created_by or 0, "").casefold(),
        }
        return keys.get(column, _RANK)


_RANK = itemgetter(0)
_IN = Direction.IN
_SENT = ReferralStatus.SENT
_RANKS = (
    GROUP_RANK[BoardGroup.OVERDUE],
    GROUP_RANK[BoardGroup.AWAITING_ACKNOWLEDGEMENT],
    GROUP_RANK[BoardGroup.AWAITING_OUTCOME],
    GROUP_RANK[BoardGroup.OWED_BY_US],
)


def _grouped(rows: list[BoardRow], today: date) -> list[Entry]:
    """Each row with the rank of its group: BoardRow.group, inlined (it runs for every row)."""
    overdue, unacknowledged, outcome, owed = _RANKS
    return [
        (
            owed
            if row.direction is _IN
            else overdue
            if row.due_on is not None and today > row.due_on
            else unacknowledged
            if row.status is _SENT
            else outcome,
            row,
        )
        for row in rows
    ]
