"""The problems found in a register file, by line and column (never the value itself)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from desktop.register_csv import RowProblem
from desktop.views.widgets.list_table_model import ListTableModel


class Column(IntEnum):
    LINE = 0
    COLUMN = 1
    PROBLEM = 2


class ProblemsTableModel(ListTableModel):
    def set_problems(self, problems: list[RowProblem]) -> None:
        self.replace_items(problems)

    def headers(self) -> list[str]:
        return [self.tr("Line"), self.tr("Column"), self.tr("Problem")]

    def cell(self, problem: RowProblem, row: int, column_number: int, role: int) -> Any:
        column = Column(column_number)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.PROBLEM:
            return problem.message
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == Column.LINE:
            return str(problem.line) if problem.line >= 1 else self.tr("whole file")
        if column == Column.COLUMN:
            return problem.column
        return problem.message
