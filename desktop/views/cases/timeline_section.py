"""A case's timeline: every event in order and who did it; a section of the case view."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from desktop.domain.services import timeline
from desktop.domain.services.timeline import TimelineEntry
from desktop.tasks import run_in_background
from desktop.views.cases.timeline_model import TimelineModel
from desktop.views.errors import error_text
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


class TimelineSection(QWidget):
    changed = Signal()  # never emitted: the timeline only reads (kept for the sections' shape)
    loaded = Signal()

    def __init__(
        self, workspace: OpenWorkspace, dispute_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dispute_id = dispute_id
        self.model = TimelineModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.message = MessageLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self._generation = 0
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        w, dispute_id = self._workspace, self._dispute_id
        self._generation += 1
        generation = self._generation
        run_in_background(
            lambda: timeline.case_timeline(w.unit_of_work(), w.actor, w.clock, dispute_id),
            on_done=lambda value: self._loaded(value, generation),
            on_error=lambda error: self.message.show_error(error_text(error)),
            parent=self,
        )

    def _loaded(self, entries: list[TimelineEntry], generation: int) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        self.message.clear_message()
        self.model.set_entries(entries)
        self.table.resizeRowsToContents()
        self.loaded.emit()
