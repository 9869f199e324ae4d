"""The referral board as a table model over plain tuples (BoardLine), grouped, filtered and
sorted here.

No proxy model and no object per row: the lines (20,000 open referrals and more) arrive grouped
(overdue first) and oldest sent first within each group, so a group is a slice found by
bisection and its size a subtraction; a sort is one Python sort on an itemgetter. The groups
always stay in their order; a click on a column header sorts inside each group. ``data()``
formats only the cells on screen, from the tuple's fields (dates arrive as ISO strings, shown as
they are).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from datetime import date
from enum import IntEnum
from operator import itemgetter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.domain.model.referral_board import (
    BoardGroup,
    BoardLine,
    BoardRow,
    Line,
    board_line,
    board_row_of,
)
from desktop.domain.model.referrals import ReferralStatus
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
_NO_DATE = "9999-12-31"  # sorts after every ISO date: rows without one come last


class ReferralBoardModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[BoardLine] = []  # grouped, oldest sent first in each group
        self._rows: list[BoardLine] = []  # what is shown: a group of _all, maybe sorted
        self._today = date.today()
        self._group: BoardGroup | None = None
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self._users: dict[int, str] = {}
        self._statuses = {s.value: status_label(s) for s in ReferralStatus}
        self._groups = [group_label(g) for g in GROUP_ORDER]
        self._dates: dict[str, date] = {}  # ISO -> date, for the days column and tooltips
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

    def set_lines(self, lines: list[BoardLine], today: date) -> None:
        """Show ``lines`` as the board's use case returns them: grouped (in GROUP_ORDER) as of
        ``today``, oldest sent first in each group. The list is kept, not copied."""
        self.beginResetModel()
        self._today = today
        self._all = lines
        self._select()
        self.endResetModel()

    def set_rows(self, rows: list[BoardRow], today: date) -> None:
        """Show board rows (oldest sent first), grouped as of ``today``."""
        lines = [board_line(row, today) for row in rows]
        self.set_lines(sorted(lines, key=_RANK), today)

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
        return {group: len(range(*self._span(rank))) for rank, group in enumerate(GROUP_ORDER)}

    def total(self) -> int:
        return len(self._all)

    def board_row(self, row: int) -> BoardRow | None:
        return board_row_of(self._rows[row]) if 0 <= row < len(self._rows) else None

    def group_at(self, row: int) -> BoardGroup | None:
        return GROUP_ORDER[self._rows[row][0]] if 0 <= row < len(self._rows) else None

    def row_of(self, referral_id: int) -> int:
        for row, line in enumerate(self._rows):
            if line[1] == referral_id:
                return row
        return -1

    def _span(self, rank: int) -> tuple[int, int]:
        """Where the group of ``rank`` lies in the grouped lines."""
        lines = self._all
        return bisect_left(lines, rank, key=_RANK), bisect_left(lines, rank + 1, key=_RANK)

    def _select(self) -> None:
        if self._group is None:
            self._rows = self._all
        else:
            self._rows = self._all[slice(*self._span(GROUP_RANK[self._group]))]
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
        line = self._rows[row]
        column = index.column()
        if role == _DISPLAY:
            return self._text(line, column)
        if role == _FOREGROUND:
            if line[0] == _OVERDUE_RANK and column in (Column.GROUP, Column.DUE):
                return self._warning
            return None
        if role == _FONT:
            overdue = line[0] == _OVERDUE_RANK and column == Column.GROUP
            return self._bold if overdue or column == Column.PHONE else None
        if role == DISPUTE_ID_ROLE:
            return line[Line.DISPUTE_ID]
        if role == REFERRAL_ID_ROLE:
            return line[Line.REFERRAL_ID]
        if role == _TOOLTIP:
            return self._tooltip(line, column)
        return None

    def _text(self, line: BoardLine, column: int) -> str:
        if column == Column.GROUP:
            return self._groups[line[0]]
        if column == Column.NUMBER:
            return line[Line.NUMBER]
        if column == Column.CODE:
            return line[Line.CODE]
        if column == Column.ACTOR:
            return line[Line.ACTOR_NAME]
        if column == Column.PHONE:
            return left_to_right(line[Line.ACTOR_PHONE])
        if column == Column.STATUS:
            return self._statuses[line[Line.STATUS]]
        if column == Column.SENT:
            return line[Line.SENT_ON] or ""
        if column == Column.AGE:
            return str(self._age(line))
        if column == Column.DUE:
            return line[Line.DUE_ON] or ""
        if column == Column.MADE_BY:
            made_by = line[Line.CREATED_BY]
            return self._users.get(made_by, "") if made_by is not None else ""
        return ""

    def _date(self, iso: str) -> date:
        found = self._dates.get(iso)
        if found is None:
            found = self._dates[iso] = date.fromisoformat(iso)
        return found

    def _age(self, line: BoardLine) -> int:
        """Days since the referral was sent (BoardRow.age_days)."""
        sent_on = line[Line.SENT_ON]
        return 0 if sent_on is None else max(0, (self._today - self._date(sent_on)).days)

    def _tooltip(self, line: BoardLine, column: int) -> str | None:
        due_on = line[Line.DUE_ON]
        if line[0] == _OVERDUE_RANK and due_on is not None:
            days = (self._today - self._date(due_on)).days
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
        kept = [self._rows[index.row()][1] for index in persistent]
        self._sorted = wanted
        self._select()  # from the lines as they came (oldest first), then sorted
        if kept:
            where = {line[1]: row for row, line in enumerate(self._rows)}
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(where[referral_id], index.column())
                    for index, referral_id in zip(persistent, kept, strict=True)
                ],
            )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        if self._sorted is None:
            return  # the lines came grouped, oldest sent first
        column, order = self._sorted
        descending = order == Qt.SortOrder.DescendingOrder
        rows = list(self._rows)  # never sort the lines as they came: they are kept
        if column == Column.GROUP:
            rows.sort(key=_RANK, reverse=descending)  # stable: oldest first in each group
        else:
            rows.sort(key=self._key(column), reverse=descending)
            rows.sort(key=_RANK)  # stable: the groups stay in order, sorted inside
        self._rows = rows

    def _key(self, column: int) -> Callable[[BoardLine], Any]:
        statuses, users = self._statuses, self._users
        keys: dict[int, Callable[[BoardLine], Any]] = {
            Column.NUMBER: itemgetter(Line.NUMBER),
            Column.CODE: itemgetter(Line.CODE),
            Column.ACTOR: lambda line: line[Line.ACTOR_NAME].casefold(),
            Column.PHONE: itemgetter(Line.ACTOR_PHONE),
            Column.STATUS: lambda line: statuses[line[Line.STATUS]],
            Column.SENT: lambda line: line[Line.SENT_ON] or _NO_DATE,
            Column.AGE: self._age,
            Column.DUE: lambda line: line[Line.DUE_ON] or _NO_DATE,
            Column.MADE_BY: lambda line: users.get(line[Line.CREATED_BY] or 0, "").casefold(),
        }
        return keys.get(column, _RANK)


_RANK = itemgetter(0)
