"""The two tables of the import dialog: the actors as they will be imported (and which are
already in the directory), or the problems found, by line and column."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.domain.services.actors import ImportProblem, ImportRow
from desktop.domain.taxonomy import Taxonomy
from desktop.views.actors.actors_model import left_to_right
from desktop.views.widgets.list_table_model import ListTableModel

_SKIPPED = QColor("#6b6b6b")


class PreviewColumn(IntEnum):
    LINE = 0
    STATUS = 1
    NAME = 2
    KIND = 3
    PHONE = 4
    AREA = 5


class ImportPreviewModel(ListTableModel):
    def __init__(self, taxonomy: Taxonomy, parent: Any = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy

    def set_rows(self, rows: list[ImportRow], duplicates: list[bool]) -> None:
        self.replace_items(zip(rows, duplicates, strict=True))

    def headers(self) -> list[str]:
        return [
            self.tr("Line"),
            self.tr("Import"),
            self.tr("Name"),
            self.tr("Kind"),
            self.tr("Phone"),
            self.tr("Area"),
        ]

    def cell(self, item: tuple[ImportRow, bool], row: int, column_number: int, role: int) -> Any:
        import_row, duplicate = item
        if role == Qt.ItemDataRole.ForegroundRole and duplicate:
            return _SKIPPED
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        entry = import_row.justice_actor
        column = PreviewColumn(column_number)
        if column == PreviewColumn.LINE:
            return str(import_row.line)
        if column == PreviewColumn.NAME:
            return entry.name
        if column == PreviewColumn.KIND:
            return self._taxonomy.actor_kind(entry.kind).label
        if column == PreviewColumn.PHONE:
            return left_to_right(entry.phone)
        if column == PreviewColumn.AREA:
            return entry.area
        return self.tr("Already in the directory") if duplicate else self.tr("New")


class ProblemColumn(IntEnum):
    LINE = 0
    COLUMN = 1
    PROBLEM = 2


class ImportProblemsModel(ListTableModel):
    def set_problems(self, problems: list[ImportProblem]) -> None:
        self.replace_items(problems)

    def headers(self) -> list[str]:
        return [self.tr("Line"), self.tr("Column"), self.tr("Problem")]

    def cell(self, problem: ImportProblem, row: int, column_number: int, role: int) -> Any:
        column = ProblemColumn(column_number)
        if role == Qt.ItemDataRole.ToolTipRole and column == ProblemColumn.PROBLEM:
            return problem.message
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == ProblemColumn.LINE:
            return str(problem.line) if problem.line >= 1 else self.tr("whole file")
        if column == ProblemColumn.COLUMN:
            return problem.column
        return problem.message
