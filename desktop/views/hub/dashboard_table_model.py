"""One hub table on the dashboard: a row per value of the first dimension and a total row; a
column per value of the second (two-way tables) and a total column. A hidden cell shows "—" on
a shaded background, an "at least" cell "≥ N"; neither is ever shown as 0."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain.services.hub_totals import ALL, HubCell, HubTable
from desktop.views.hub.dashboard_labels import cell_text, code_label, table_dimensions
from desktop.views.reports.report_labels import dimension_title

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # HubCell.status: "exact", "at_least", "suppressed"
_SHADE = QColor("#e4e4e4")
Index = QModelIndex | QPersistentModelIndex


class HubTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: HubTable | None = None

    def set_table(self, table: HubTable | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def table(self) -> HubTable | None:
        return self._table

    def _columns(self) -> tuple[str, ...]:
        return self._table.columns if self._table is not None else ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._columns()) + 1

    def cell(self, row: int, column: int) -> HubCell:
        table = self._table
        assert table is not None
        code1 = table.rows[row] if row < len(table.rows) else ALL
        if not table.two_way:
            return table.cell(code1, "")
        columns = self._columns()
        return table.cell(code1, columns[column] if column < len(columns) else ALL)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._table is None:
            return None
        cell = self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == STATUS_ROLE:
            return cell.status
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and cell.hidden:
            return QBrush(_SHADE)
        if role == Qt.ItemDataRole.ToolTipRole and cell.hidden:
            return self.tr("Hidden, so that nobody can be recognised.")
        if role == Qt.ItemDataRole.ToolTipRole and cell.status == "at_least":
            return self.tr("At least this many: some committees hid part of this count.")
        if role == Qt.ItemDataRole.FontRole and self._is_total(index):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _is_total(self, index: Index) -> bool:
        table = self._table
        assert table is not None
        return index.row() == len(table.rows) or index.column() == len(self._columns())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        table = self._table
        if table is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and not table.two_way:
            return self.tr("Number")
        dimensions = table_dimensions(table)
        axis = 1 if horizontal else 0
        codes = table.columns if horizontal else table.rows
        if role == Qt.ItemDataRole.ToolTipRole:
            return dimension_title(dimensions[axis]) if axis < len(dimensions) else None
        if section >= len(codes):
            return self.tr("Total")
        return code_label(dimensions[axis], codes[section]) if axis < len(dimensions) else ""
