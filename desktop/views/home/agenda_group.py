"""One group on the home screen: a heading with its count, the cases in it, or a plain sentence
when there are none. Activating a line (double-click, Enter) asks to open that case.

The group is as tall as its lines (up to :data:`VISIBLE_ROWS`, then the list scrolls): an empty
group is a heading and one sentence, whatever its neighbours hold. Lines wrap to the group's
width rather than scroll sideways, so large text and narrow windows lose nothing."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QListView,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.views.home.agenda_model import DISPUTE_ID_ROLE

VISIBLE_ROWS = 6  # lines shown before the list scrolls


class LineModel(Protocol):
    """What a group shows: a list model with :data:`DISPUTE_ID_ROLE` and ``set_items``."""

    def set_items(self, items: list) -> None: ...  # type: ignore[type-arg]


class AgendaGroup(QGroupBox):
    open_case = Signal(int)

    def __init__(
        self, title: str, model: LineModel, empty_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._title = title
        self.model = model
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.view = QListView(self)
        self.view.setModel(model)  # type: ignore[arg-type]
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setAccessibleName(title)
        self.view.viewport().installEventFilter(self)
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

    def set_items(self, items: list) -> None:  # type: ignore[type-arg]
        self.model.set_items(items)
        count = len(items)
        self.setTitle(f"{self._title} ({count})" if count else self._title)
        self.view.setVisible(bool(count))
        self.empty.setVisible(not count)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()  # a new width wraps the lines anew
        return super().eventFilter(watched, event)

    def _fit(self) -> None:
        """As tall as the first VISIBLE_ROWS lines, as they wrap at the current width."""
        rows = min(self.view.model().rowCount(), VISIBLE_ROWS)
        if not rows:
            return
        self.view.doItemsLayout()
        height = sum(
            self.view.visualRect(self.view.model().index(r, 0)).height() for r in range(rows)
        )
        line = self.view.fontMetrics().lineSpacing()
        self.view.setFixedHeight(max(height, line) + 2 * self.view.frameWidth() + 2)

    def _activated(self, index: QModelIndex) -> None:
        dispute_id = index.data(DISPUTE_ID_ROLE)
        if isinstance(dispute_id, int):
            self.open_case.emit(dispute_id)
