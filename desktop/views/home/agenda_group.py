"""One group on the home screen: a heading with its count, the cases in it, or a plain sentence
when there are none. Activating a line (double-click, Enter) asks to open that case."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.agenda import AgendaItem
from desktop.views.home.agenda_model import DISPUTE_ID_ROLE, AgendaListModel, ItemKind

VISIBLE_ROWS = 6  # lines shown before the list scrolls


class AgendaGroup(QGroupBox):
    open_case = Signal(int)

    def __init__(self, title: str, kind: ItemKind, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._title = title
        self.model = AgendaListModel(kind, self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        self.view.setAccessibleName(title)
        self.empty = QLabel(empty_text, self)
        self.empty.setObjectName("pageText")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        self.view.activated.connect(self._activated)
        self.set_items([])

    def set_items(self, items: list[AgendaItem]) -> None:
        self.model.set_items(items)
        count = len(items)
        self.setTitle(f"{self._title} ({count})" if count else self._title)
        self.view.setVisible(bool(count))
        self.empty.setVisible(not count)
        rows = min(max(count, 1), VISIBLE_ROWS)
        line = self.view.sizeHintForRow(0) if count else self.view.fontMetrics().height()
        frame = 2 * self.view.frameWidth() + 8
        self.view.setFixedHeight(rows * max(line, self.view.fontMetrics().height()) + frame)

    def _activated(self, index: QModelIndex) -> None:
        dispute_id = index.data(DISPUTE_ID_ROLE)
        if isinstance(dispute_id, int):
            self.open_case.emit(dispute_id)
