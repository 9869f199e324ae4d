"""The Cases page: every case the user may see, searched as they type, filtered and sorted.

Queries run on the background worker; typing is debounced, and a result that arrives after a
newer query was started is dropped (each query has a generation number), so the list never
flickers back to an older search.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.case_list import CaseFilter, CaseRow, SavedFilter
from desktop.domain.model.dispute import Status
from desktop.tasks import Task, TaskContext, run_in_background
from desktop.views.appearance import enlarge
from desktop.views.cases import list_service
from desktop.views.cases.case_list_model import ID_ROLE, CaseListModel, Column
from desktop.views.cases.form_labels import status_label
from desktop.views.cases.list_columns import ListColumns
from desktop.views.cases.list_empty_state import ListEmptyState
from desktop.views.cases.list_filter_bar import ListFilterBar
from desktop.views.cases.list_saved_filters import ListSavedFilters
from desktop.views.errors import error_text
from desktop.views.widgets.message_label import MessageLabel
from desktop.views.widgets.row_table import RowTable
from desktop.workspace import OpenWorkspace

SEARCH_DELAY_MS = 150


class CaseListPage(QWidget):
    open_case = Signal(int)
    new_case_requested = Signal()
    loaded = Signal()  # a query's rows are on screen (for tests and benchmarks)

    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._generation = 0
        self._pending: Task | None = None
        title = QLabel(self.tr("Cases"), self)
        title.setObjectName("pageTitle")
        enlarge(title, 1.6)
        self.new_button = QPushButton(self.tr("New case\u2026"), self)
        self.new_button.setObjectName("newCase")
        self.search = QLineEdit(self)
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("Search by case number or party name"))
        self.search.setClearButtonEnabled(True)
        self.saved = ListSavedFilters(self)
        self.filters = ListFilterBar(
            workspace.taxonomy, list_service.may_see_restricted(workspace.actor), self
        )
        self.count = QLabel(self.tr("Loading cases\u2026"), self)
        self.count.setObjectName("caseCount")
        self.count.setWordWrap(True)
        self.message = MessageLabel(self)
        labels = {c.code: c.label for c in workspace.taxonomy.categories}
        self.model = CaseListModel(labels, self)
        self.table = self._make_table()
        self.empty = ListEmptyState(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        search_row = QHBoxLayout()
        search_row.setSpacing(12)
        search_row.addWidget(self.search, 3)
        search_row.addWidget(self.saved, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.filters)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._search_now)
        self.search.installEventFilter(self)
        self.filters.changed.connect(self._filters_changed)
        self.saved.chosen.connect(self._use_saved)
        self.saved.save_requested.connect(self.save_filter)
        self.saved.delete_requested.connect(self.delete_filter)
        self.new_button.clicked.connect(self.new_case_requested)
        self.empty.new_case_requested.connect(self.new_case_requested)
        self.empty.clear_requested.connect(self.clear)
        self.refresh()
        self._run(lambda: list_service.load_choices(workspace), self._choices_loaded)

    def _make_table(self) -> QTableView:
        table = RowTable(self)
        table.setObjectName("caseTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorClearable(True)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.columns = ListColumns(
            table,
            {
                Column.NUMBER: ["KBR-2026-0000"],
                Column.RECEIVED: ["2026-00-00"],
                Column.STATUS: [status_label(s) for s in Status],
                Column.RESTRICTED: [self.tr("Restricted")],
            },
        )
        table.setSortingEnabled(True)
        table.doubleClicked.connect(self._open)
        table.activated_row.connect(self._open)
        return table

    # -- querying ------------------------------------------------------------------------------

    def case_filter(self) -> CaseFilter:
        base = self.filters.case_filter()
        return CaseFilter(
            text=self.search.text().strip(),
            statuses=base.statuses,
            categories=base.categories,
            area=base.area,
            assigned_to=base.assigned_to,
            received_from=base.received_from,
            received_to=base.received_to,
            restricted=base.restricted,
        )

    def refresh(self) -> None:
        """Run the query for the current search and filters; an older one still running is
        cancelled and its result, should it arrive, dropped."""
        self._timer.stop()
        self._generation += 1
        generation, case_filter = self._generation, self.case_filter()
        if self._pending is not None:
            self._pending.cancel()
        workspace = self._workspace

        def query(context: TaskContext) -> list[CaseRow] | None:
            if context.cancelled:
                return None
            return list_service.list_cases(workspace, case_filter)

        self._pending = run_in_background(
            query,
            on_done=lambda rows: self._show(generation, case_filter, rows),
            on_error=lambda error: self._failed(generation, error),
            parent=self,
            with_context=True,
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search box moves to the list, so the keyboard alone can pick a case."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount() > 0
        ):
            self.table.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _search_now(self) -> None:
        if self._timer.isActive():
            self.refresh()

    def _filters_changed(self) -> None:
        self.saved.clear_choice()
        self.refresh()

    def _show(self, generation: int, case_filter: CaseFilter, rows: list[CaseRow] | None) -> None:
        if generation != self._generation or rows is None:
            return
        self._pending = None
        self.message.clear_message()
        more = bool(case_filter.text) and len(rows) > list_service.SEARCH_LIMIT
        self.model.set_rows(rows[: list_service.SEARCH_LIMIT] if more else rows)
        narrowed = bool(case_filter.text) or not self.filters.is_default()
        self.count.setText(self._count_text(len(rows), more, narrowed))
        self.empty.show_for(narrowed)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        if rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.loaded.emit()

    def _count_text(self, count: int, more: bool, narrowed: bool) -> str:
        if more:
            return self.tr(
                "Showing the newest %1 matching cases. Type more of the name or number to "
                "narrow the search."
            ).replace("%1", f"{list_service.SEARCH_LIMIT:n}")
        if not count:
            return ""
        if count == 1:
            return self.tr("1 matching case") if narrowed else self.tr("1 case")
        text = self.tr("%1 matching cases") if narrowed else self.tr("%1 cases")
        return text.replace("%1", f"{count:n}")

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._pending = None
            self.message.show_error(error_text(error))

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.filters.set_filter(CaseFilter())  # emits changed: one refresh

    def _open(self, index: QModelIndex) -> None:
        dispute_id = self.model.data(index, ID_ROLE)
        if dispute_id is not None:
            self.open_case.emit(int(dispute_id))

    # -- choices and saved filters -------------------------------------------------------------

    def _run(self, fn: Callable[[], object], done: Callable[[object], None]) -> None:
        run_in_background(
            fn,
            on_done=done,
            on_error=lambda error: self.message.show_error(error_text(error)),
            parent=self,
        )

    def _choices_loaded(self, choices: object) -> None:
        assert isinstance(choices, list_service.Choices)
        self.model.set_area_prefix(choices.committee_area)
        self.filters.set_areas(choices.areas)
        self.filters.set_members(choices.members)
        self.saved.set_filters(choices.saved)

    def _use_saved(self, saved: SavedFilter) -> None:
        self.filters.set_filter(saved.filter)
        self.saved.select(saved.name)

    def save_filter(self, name: str) -> None:
        workspace, case_filter = self._workspace, self.filters.case_filter()
        self._run(
            lambda: list_service.save_filter(workspace, name, case_filter),
            lambda saved: self._filters_saved(saved, name),
        )

    def _filters_saved(self, saved: object, name: str) -> None:
        assert isinstance(saved, list)
        self.saved.set_filters(saved, current=" ".join(name.split()))
        self.message.show_info(self.tr("The filters are saved."))

    def delete_filter(self, name: str) -> None:
        workspace = self._workspace
        self._run(
            lambda: list_service.delete_filter(workspace, name),
            lambda saved: self.saved.set_filters(saved),  # type: ignore[arg-type]
        )
