"""A read-only table as tall as its rows, for the dashboard's scrolling page (the page
scrolls, never the table); its columns share the width, so it never scrolls sideways. Long
column titles wrap onto a second line."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QWidget,
)


class FittedTable(QTableView):
    def __init__(
        self,
        model: QAbstractItemModel,
        wrap_titles: bool = False,
        fit_contents: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``wrap_titles``: long column titles wrap; ``fit_contents``: each column as wide as
        what it holds, the width left over shared (else every column an equal share)."""
        super().__init__(parent)
        self._wrap = wrap_titles
        self._fit_contents = fit_contents
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if fit_contents:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(40)
        if wrap_titles:
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        model.modelReset.connect(self._reset)

    def _fit_columns(self) -> None:
        """Each column as wide as its cells and its title's longest word; the width left
        over shared out; when even that is too wide, every column an equal share."""
        model, room = self.model(), self.viewport().width()
        columns = model.columnCount()
        if not columns or room <= 0:
            return
        metrics = QFontMetrics(self.horizontalHeader().font())
        needed = []
        for column in range(columns):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            word = max((metrics.horizontalAdvance(w) for w in title.split()), default=0)
            needed.append(max(self.sizeHintForColumn(column), word + 16))
        spare = room - sum(needed)
        if spare < 0:
            needed, spare = [room // columns] * columns, room % columns
        for column, width in enumerate(needed):
            self.setColumnWidth(column, width + spare // columns)

    def _header_height(self) -> int:
        header = self.horizontalHeader()
        if header.isHidden() or self.model() is None:
            return 0
        if not self._wrap:
            return header.sizeHint().height()
        metrics = QFontMetrics(header.font())
        lines = 1
        for column in range(self.model().columnCount()):
            title = str(self.model().headerData(column, Qt.Orientation.Horizontal) or "")
            box = metrics.boundingRect(
                QRect(0, 0, max(10, self.columnWidth(column) - 12), 10_000),
                int(Qt.TextFlag.TextWordWrap),
                title,
            )
            lines = max(lines, round(box.height() / metrics.lineSpacing()))
        return header.sizeHint().height() + (lines - 1) * metrics.lineSpacing()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._fit_contents:
            self._fit_columns()
        self.updateGeometries()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        rows = sum(self.rowHeight(r) for r in range(self.model().rowCount()))
        if rows == 0:
            rows = self.verticalHeader().defaultSectionSize()
        bar = self.horizontalScrollBar()
        extra = bar.sizeHint().height() if bar.isVisible() else 0
        return QSize(super().sizeHint().width(), rows + self._header_height() + extra + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, self.sizeHint().height())

    def updateGeometries(self) -> None:  # noqa: N802 (Qt's name)
        super().updateGeometries()
        if self._wrap:
            height = self._header_height()
            if self.horizontalHeader().height() != height:
                self.horizontalHeader().setFixedHeight(height)
        self.updateGeometry()

    def _reset(self) -> None:
        if self._fit_contents:
            self._fit_columns()
        self.updateGeometries()
