"""The tabs of the Reports page: the tables (a list of names beside the chosen table, exactly
as the export writes it) and the indicators computed from them. The page adds the export log
tab for administrators."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QHelpEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolTip,
    QWidget,
)

from desktop.domain.model.export_tables import ExportTables
from desktop.domain.services.export_dimensions import TABLES
from desktop.domain.services.indicators import Indicator
from desktop.domain.taxonomy import Taxonomy
from desktop.views.reports.indicators_model import IndicatorsModel
from desktop.views.reports.report_labels import table_title
from desktop.views.reports.table_preview import TablePreview


class _ElidedNames(QStyledItemDelegate):
    """Each name on one line as wide as the list, elided when longer (the full name is in the
    tooltip, and above the table once chosen)."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(min(size.width(), self._view.viewport().width()), size.height())

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            QToolTip.showText(event.globalPos(), str(index.data()), view)
            return True
        return super().helpEvent(event, view, option, index)


class PreviewTabs(QTabWidget):
    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._export: ExportTables | None = None
        self._sized = False
        self.tables_list = QListView(self)
        self.tables_list.setObjectName("tablesList")
        self.tables_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tables_list.setWordWrap(False)  # the chosen table's full title is above it
        self.tables_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tables_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tables_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.tables_list.setItemDelegate(_ElidedNames(self.tables_list))
        self.tables_names = QStringListModel(self)
        self.tables_list.setModel(self.tables_names)
        self.table_preview = TablePreview(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tables_list)
        self.splitter.addWidget(self.table_preview)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.indicators_model = IndicatorsModel(self)
        self.indicators_view = QTableView(self)
        self.indicators_view.setObjectName("indicatorsTable")
        self.indicators_view.setModel(self.indicators_model)
        self.indicators_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.indicators_view.setWordWrap(False)
        rows = self.indicators_view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.indicators_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.addTab(self.splitter, self.tr("Tables"))
        self.addTab(self.indicators_view, self.tr("Indicators"))
        self.tables_list.selectionModel().currentRowChanged.connect(self._table_chosen)
        self._size_list()

    def _size_list(self) -> None:
        """The list as wide as its longest name, one line each, up to a third of the tabs'
        width (at 150 % text the longest names are elided then); set again when shown."""
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(table_title(n)) for n in TABLES) + 40
        width = min(widest, max(self.width() // 3, metrics.horizontalAdvance("M") * 12))
        self.tables_list.setMinimumWidth(metrics.horizontalAdvance("M") * 8)
        self.splitter.setSizes([width, max(self.width() - width, 400)])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self._size_list()

    def show_export(self, export: ExportTables | None, found: list[Indicator]) -> None:
        self._export = export
        if export is None:
            self.tables_names.setStringList([])
            self.table_preview.show_table(None, None)
            self.indicators_model.set_indicators([], self._taxonomy)
            return
        withheld = self.tr("%1 (too few cases)")
        names = [
            withheld.replace("%1", table_title(t.name)) if t.withheld else table_title(t.name)
            for t in export.tables
        ]
        self.tables_names.setStringList(names)
        self.indicators_model.set_indicators(found, self._taxonomy)
        self.tables_list.selectionModel().setCurrentIndex(
            self.tables_names.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _table_chosen(self) -> None:
        row = self.tables_list.currentIndex().row()
        if self._export is None or not 0 <= row < len(self._export.tables):
            self.table_preview.show_table(None, None)
            return
        self.table_preview.show_table(self._export.tables[row], self._taxonomy)

    def show_table(self, name: str) -> None:
        """Show the table called ``name`` (for tests and screenshots)."""
        if self._export is not None:
            names = [t.name for t in self._export.tables]
            self.tables_list.setCurrentIndex(self.tables_names.index(names.index(name)))
