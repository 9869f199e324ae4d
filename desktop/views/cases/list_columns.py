"""The case table's column widths, fitted to the table's width whenever it changes.

Short columns (case number, date received, status, access) are as wide as their longest value
or heading; the party names take the most of what is left, then category, area and assigned
members, by weight. When the window is too narrow for the names to keep
:data:`NAME_CHARS` characters (a small screen, large text), the least needed columns are hidden
(assigned members first, then the area: both stay filters), so the table never scrolls sideways
to show a name. Widths follow the font, so 150 % text keeps the same proportions.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.views.cases.case_list_model import Column

NAME_CHARS = 14  # a party's name is not squeezed below this many average characters
# flexible columns: (weight for the spare width, fewest average characters)
FLEXIBLE: dict[Column, tuple[int, int]] = {
    Column.COMPLAINANTS: (3, NAME_CHARS),
    Column.RESPONDENTS: (3, NAME_CHARS),
    Column.CATEGORY: (2, 9),
    Column.AREA: (2, 8),
    Column.ASSIGNED: (2, 10),
}
HIDE_FIRST = (Column.ASSIGNED, Column.AREA)  # when the names would be squeezed
# short columns that give up their longest values (shown in full in the tooltip) before names
# are squeezed: the status "Awaiting feedback" is much longer than the others
SQUEEZE_TO = {Column.STATUS: 12}


class ListColumns(QObject):
    """Keeps ``table``'s column widths fitted; ``samples`` are the longest values of the short
    columns (translated labels: statuses, "Restricted"...), by column."""

    def __init__(self, table: QTableView, samples: dict[Column, Iterable[str]]) -> None:
        super().__init__(table)
        self._table = table
        self._samples = {column: list(texts) for column, texts in samples.items()}
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in self._samples:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        table.viewport().installEventFilter(self)
        table.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Resize and watched is self._table.viewport()) or (
            event.type() == QEvent.Type.FontChange and watched is self._table
        ):
            self.fit()
        return False

    def hidden(self) -> list[Column]:
        return [c for c in Column if self._table.isColumnHidden(c)]

    def fit(self) -> None:
        table = self._table
        cell, heading = table.fontMetrics(), table.horizontalHeader().fontMetrics()
        pad = cell.averageCharWidth() + 8
        sort_mark = heading.height()  # room for the sort arrow beside a heading
        model = table.model()

        def heading_width(column: Column) -> int:
            return (
                heading.horizontalAdvance(str(model.headerData(column, Qt.Orientation.Horizontal)))
                + sort_mark
            )

        fixed = {
            column: max(
                max((cell.horizontalAdvance(text) for text in texts), default=0) + pad,
                heading_width(column) + pad,
            )
            for column, texts in self._samples.items()
        }
        minimum = {
            column: max(chars * cell.averageCharWidth() + pad, heading_width(column) + pad)
            for column, (_weight, chars) in FLEXIBLE.items()
        }
        spare = table.viewport().width() - sum(fixed.values())
        shown = list(FLEXIBLE)
        for column in HIDE_FIRST:
            if sum(minimum[c] for c in shown) <= spare:
                break
            shown.remove(column)
        for column in Column:
            table.setColumnHidden(column, column not in fixed and column not in shown)
        room = sum(minimum[c] for c in shown)
        for column, chars in SQUEEZE_TO.items():
            if spare < room and column in fixed:
                narrower = min(fixed[column], chars * cell.averageCharWidth() + pad)
                spare += fixed[column] - narrower
                fixed[column] = narrower
        if spare < room:  # still too narrow: every flexible column gives up its share
            minimum = {
                c: max(spare * minimum[c] // room, 4 * cell.averageCharWidth()) for c in shown
            }
        extra = max(0, spare - sum(minimum[c] for c in shown))
        weights = sum(FLEXIBLE[c][0] for c in shown)
        shares = {c: extra * FLEXIBLE[c][0] // weights for c in shown}
        shares[shown[-1]] += extra - sum(shares.values())  # no gap at the right edge
        for column, width in fixed.items():
            table.setColumnWidth(column, width)
        for column in shown:
            table.setColumnWidth(column, minimum[column] + shares[column])
