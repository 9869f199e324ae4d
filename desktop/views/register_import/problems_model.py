"""The problems found in a register file, by line and column (never the value itself)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.register_csv import RowProblem

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    LINE = 0
    COLUMN = 1
    PROBLEM = 2


class ProblemsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._problems: list[RowProblem] = []

    def set_problems(self, problems: list[RowProblem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.LINE: self.tr("Line"),
            Column.COLUMN: self.tr("Column"),
            Column.PROBLEM: self.tr("Problem"),
        }.get(Column(section))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.PROBLEM:
            return problem.message
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == Column.LINE:
            return str(problem.line) if problem.line >= 1 else self.tr("whole file")
        if column == Column.COLUMN:
            return problem.column
        return problem.message
