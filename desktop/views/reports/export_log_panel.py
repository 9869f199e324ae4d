"""The export log tab of the Reports page (administrators: list_exports decides): every export
saved from this workspace, newest first, read on the background worker; the Reports page reloads
it after each save."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.export_log import ExportLogEntry
from desktop.domain.services.export_log import list_exports
from desktop.tasks import run_in_background
from desktop.views.errors import error_text
from desktop.views.reports.export_log_model import Column, ExportLogModel
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


class ExportLogPanel(QWidget):
    loaded = Signal()  # the log on screen is the one just read

    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._generation = 0
        self.intro = QLabel(
            self.tr(
                "Every export saved from this laptop, newest first. A correction of a period "
                "replaces the earlier file: the programme office keeps the highest number."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.empty = QLabel(self.tr("No export has been saved yet."), self)
        self.empty.setObjectName("noExports")
        self.message = MessageLabel(self)
        self.model = ExportLogModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("exportLog")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.SHA256, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.intro)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.empty.hide()

    def reload(self) -> None:
        """Read the log again in the background (an older read that arrives late is dropped)."""
        self._generation += 1
        generation = self._generation
        workspace = self._workspace
        run_in_background(
            lambda: list_exports(workspace.unit_of_work(), workspace.actor),
            on_done=lambda entries: self._show(generation, entries),
            on_error=lambda error: self._failed(generation, error),
            parent=self,
        )

    def _show(self, generation: int, entries: object) -> None:
        if generation != self._generation or not isinstance(entries, list):
            return
        found = [e for e in entries if isinstance(e, ExportLogEntry)]
        self.message.clear_message()
        self.model.set_entries(found)
        self.empty.setVisible(not found)
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.message.show_error(error_text(error))
