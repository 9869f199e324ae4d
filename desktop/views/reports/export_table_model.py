"""One export table as it will be written: a row per value of the first dimension and a total
row; a column per value of the second (for two-way tables) and a total column. A suppressed
cell shows a dash on a shaded background and says nothing of its value."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain.model.export_tables import COMBINED, SUPPRESSED, Cell, Table
from desktop.domain.taxonomy import Taxonomy
from desktop.views.reports.report_labels import SUPPRESSED_MARK, dimension_title, value_label

SUPPRESSED_ROLE = Qt.ItemDataRole.UserRole + 1  # True for a suppressed cell (tests, delegates)
_SHADE = QColor("#e4e4e4")
Index = QModelIndex | QPersistentModelIndex


class ExportTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: Table | None = None
        self._taxonomy: Taxonomy | None = None
        self._rows: list[str] = []
        self._columns: list[str] = []

    def set_table(self, table: Table | None, taxonomy: Taxonomy | None) -> None:
        self.beginResetModel()
        self._table, self._taxonomy = table, taxonomy
        self._rows = list(table.values[0]) if table is not None else []
        self._columns = list(table.values[1]) if table is not None and table.two_way else []
        self.endResetModel()

    def table(self) -> Table | None:
        return self._table

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._columns) + 1

    def _cell(self, row: int, column: int) -> Cell:
        table = self._table
        assert table is not None
        last_row, last_column = row == len(self._rows), column == len(self._columns)
        if not table.two_way:
            return table.total if last_row else table.row_totals[self._rows[row]]
        if last_row and last_column:
            return table.total
        if last_row:
            return table.column_totals[self._columns[column]]
        if last_column:
            return table.row_totals[self._rows[row]]
        return table.cells[(self._rows[row], self._columns[column])]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._table is None:
            return None
        cell = self._cell(index.row(), index.column())
        hidden = cell is SUPPRESSED
        if role == Qt.ItemDataRole.DisplayRole:
            return SUPPRESSED_MARK if hidden else str(cell)
        if role == SUPPRESSED_ROLE:
            return hidden
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and hidden:
            return QBrush(_SHADE)
        if role == Qt.ItemDataRole.ToolTipRole and hidden:
            return self.tr("Hidden: this number is not shown, so that nobody can be recognised.")
        if role == Qt.ItemDataRole.FontRole and self._is_total(index):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _is_total(self, index: Index) -> bool:
        return index.row() == len(self._rows) or index.column() == len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        table, taxonomy = self._table, self._taxonomy
        if table is None or taxonomy is None:
            return None
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and not table.two_way:
            return self.tr("Number") if role == Qt.ItemDataRole.DisplayRole else None
        codes = self._columns if horizontal else self._rows
        axis = 1 if horizontal else 0
        dimension = table.dimensions[axis]
        if section >= len(codes):
            return self.tr("Total") if role == Qt.ItemDataRole.DisplayRole else None
        code = codes[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return value_label(dimension, code, taxonomy)
        if role == Qt.ItemDataRole.ToolTipRole:
            members = table.combined[axis] if axis < len(table.combined) else ()
            if code == COMBINED and members:
                names = ", ".join(value_label(dimension, c, taxonomy) for c in members)
                return self.tr("Counted together: %1").replace("%1", names)
            return dimension_title(dimension)
        return None
