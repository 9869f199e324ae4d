"""One export table on screen: its title, what its rows and columns are, the table, and what a
dash means."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.export_tables import Table
from desktop.domain.taxonomy import Taxonomy
from desktop.views.appearance import enlarge
from desktop.views.reports.export_table_model import ExportTableModel
from desktop.views.reports.report_labels import SUPPRESSED_MARK, dimension_title, table_title


class TablePreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("tableTitle")
        self.title.setWordWrap(True)
        enlarge(self.title, 1.2)
        self.axes = QLabel(self)
        self.axes.setWordWrap(True)
        self.withheld = QLabel(
            self.tr("Too few cases in this period: nothing of this table is written, only dashes."),
            self,
        )
        self.withheld.setObjectName("withheldNote")
        self.withheld.setWordWrap(True)
        self.withheld.setStyleSheet("QLabel { font-weight: bold; }")
        self.model = ExportTableModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("exportTable")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.legend = QLabel(
            self.tr(
                "%1 hidden, so that nobody can be recognised: it can be any number, zero "
                "included. Point at \u201cCombined\u201d to see what it counts together."
            ).replace("%1", SUPPRESSED_MARK),
            self,
        )
        self.legend.setObjectName("suppressedLegend")
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.axes)
        layout.addWidget(self.withheld)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)
        self.show_table(None, None)

    def show_table(self, table: Table | None, taxonomy: Taxonomy | None) -> None:
        if table is None or taxonomy is None:
            self.title.setText("")
            self.axes.setText("")
            self.withheld.hide()
            self.model.set_table(None, None)
            return
        self.title.setText(table_title(table.name))
        if table.two_way:
            self.axes.setText(
                self.tr("Rows: %1. Columns: %2.")
                .replace("%1", dimension_title(table.dimensions[0]))
                .replace("%2", dimension_title(table.dimensions[1]))
            )
        else:
            self.axes.setText(
                self.tr("Rows: %1.").replace("%1", dimension_title(table.dimensions[0]))
            )
        self.withheld.setVisible(table.withheld)
        self.model.set_table(table, taxonomy)
