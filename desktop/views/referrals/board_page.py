"""The referral board: every open referral the user may see, grouped (overdue first, then
awaiting acknowledgement, awaiting outcome, and the incoming ones we owe feedback on), oldest
first, with the phone number to call. Feedback is recorded from here, for the selected row or by
typing (or scanning) the code printed on a returned slip.

The rows are read on the background worker; a result that arrives after a newer query was
started is dropped (each query has a generation number).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.referral_board import BoardGroup, BoardRow
from desktop.domain.model.referrals import Direction, Referral, ReferralStatus
from desktop.tasks import Task, run_in_background
from desktop.views.appearance import enlarge
from desktop.views.errors import error_text
from desktop.views.referrals import board_service
from desktop.views.referrals.board_filter_bar import BoardFilterBar
from desktop.views.referrals.board_groups import BoardGroups
from desktop.views.referrals.board_labels import group_label, left_to_right
from desktop.views.referrals.board_model import (
    DISPUTE_ID_ROLE,
    REFERRAL_ID_ROLE,
    Column,
    ReferralBoardModel,
)
from desktop.views.referrals.feedback_dialog import RecordFeedbackDialog
from desktop.views.widgets.message_label import MessageLabel
from desktop.views.widgets.row_table import RowTable
from desktop.workspace import OpenWorkspace


class ReferralBoardPage(QWidget):
    open_case = Signal(int)  # dispute id
    refer_case = Signal(int)  # dispute id: refer the case to another actor
    loaded = Signal()  # the board on screen is fresh (for tests and benchmarks)

    def __init__(
        self, workspace: OpenWorkspace, parent: QWidget | None = None, autoload: bool = True
    ) -> None:
        """``autoload=False`` reads nothing until :meth:`refresh` (the main window refreshes
        the board when it is shown, so signing in does not wait for it)."""
        super().__init__(parent)
        self._workspace = workspace
        self._choices_asked = False
        self._generation = 0
        self._pending: Task | None = None
        self._hint_dispute: int | None = None
        self._declined: tuple[int, str] | None = None  # the case of a referral just declined
        self._placing = False  # the page, not the user, is moving the current row
        self.feedback_dialog: RecordFeedbackDialog | None = None
        title = QLabel(self.tr("Referrals"), self)
        title.setObjectName("pageTitle")
        enlarge(title, 1.6)
        self.by_code_button = QPushButton(self.tr("Record feedback by code\u2026"), self)
        self.by_code_button.setObjectName("recordByCode")
        self.by_code_button.setShortcut(QKeySequence("Ctrl+K"))
        self.by_code_button.setToolTip(
            self.tr("Type or scan the code on a returned slip or letter (Ctrl+K).")
        )
        enlarge(self.by_code_button, 1.15)
        self.groups = BoardGroups(self)
        self.filters = BoardFilterBar(self)
        self.count = QLabel(self.tr("Loading referrals\u2026"), self)
        self.count.setObjectName("boardCount")
        self.count.setWordWrap(True)
        self.message = MessageLabel(self)
        self.model = ReferralBoardModel(self)
        self.table = self._make_table()
        self.hint = QLabel(self)
        self.hint.setObjectName("boardHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton(self.tr("Open case"), self)
        self.feedback_button = QPushButton(self.tr("Record feedback\u2026"), self)
        self.feedback_button.setObjectName("recordFeedback")
        self.refer_button = QPushButton(self.tr("Refer to another actor\u2026"), self)
        self.refer_button.setObjectName("referElsewhere")

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.by_code_button)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addStretch(1)
        for button in (self.open_button, self.feedback_button, self.refer_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.groups)
        layout.addWidget(self.filters)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)  # the whole width: at 150 % text it stays two lines
        layout.addLayout(actions)

        self._add_row_actions()
        self.by_code_button.clicked.connect(lambda: self.record_feedback(None))
        self.feedback_button.clicked.connect(self._record_selected)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.refer_button.clicked.connect(self._refer)
        self.groups.chosen.connect(self._group_chosen)
        self.filters.changed.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._update_actions)
        self.model.layoutChanged.connect(self._update_actions)
        self._update_actions()
        if autoload:
            self.refresh()

    def _make_table(self) -> QTableView:
        table = RowTable(self)
        table.setObjectName("boardTable")
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
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorClearable(True)
        metrics = table.fontMetrics()
        bold = QFontMetrics(self.model.bold_font(table.font()))
        samples = {
            Column.GROUP: (metrics, max(map(group_label, BoardGroup), key=len)),
            Column.NUMBER: (metrics, "KBR-2026-0000"),
            Column.CODE: (metrics, "DMXW-0000"),
            Column.ACTOR: (metrics, "Mashimoni Police Station"),
            Column.PHONE: (bold, "+254700000000"),
            Column.STATUS: (metrics, self.tr("Acknowledged")),
            Column.SENT: (metrics, "2026-00-00"),
            Column.AGE: (metrics, "0000"),
            Column.DUE: (metrics, "2026-00-00"),
        }
        for column, (font_metrics, sample) in samples.items():
            table.setColumnWidth(column, font_metrics.horizontalAdvance(sample) + 12)
        header.setStretchLastSection(True)  # "made by" takes what is left
        header.setMinimumSectionSize(metrics.horizontalAdvance("0000") + 16)
        table.setSortingEnabled(True)
        table.doubleClicked.connect(self._open)
        table.activated_row.connect(self._open)
        return table

    def _add_row_actions(self) -> None:
        """The buttons' actions on the table's context menu too."""
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, slot in (
            (self.tr("Open case"), lambda: self._open(self.table.currentIndex())),
            (self.tr("Record feedback\u2026"), self._record_selected),
            (self.tr("Refer to another actor\u2026"), self._refer),
        ):
            action = QAction(text, self.table)
            action.triggered.connect(slot)
            self.table.addAction(action)

    # -- querying ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the board for the current filters; an older result still coming is dropped.
        The filter choices (actors, users) are read with the first refresh."""
        if not self._choices_asked:
            self._choices_asked = True
            workspace = self._workspace
            run_in_background(
                lambda: board_service.load_choices(workspace),
                on_done=self._choices_loaded,
                on_error=lambda error: self.message.show_error(error_text(error)),
                parent=self,
            )
        self._generation += 1
        generation, board_filter = self._generation, self.filters.board_filter()
        if self._pending is not None:
            self._pending.cancel()
        workspace = self._workspace
        self._pending = run_in_background(
            lambda: board_service.board_lines(workspace, board_filter),
            on_done=lambda rows: self._show(generation, rows),
            on_error=lambda error: self._failed(generation, error),
            parent=self,
        )

    def _show(self, generation: int, lines: object) -> None:
        if generation != self._generation or not isinstance(lines, list):
            return
        self._pending = None
        self.message.clear_message()
        current = self.table.currentIndex().data(REFERRAL_ID_ROLE)
        self.model.set_lines(lines, self._workspace.clock.today())
        self.groups.set_counts(self.model.counts())
        self._show_count()
        row = self.model.row_of(current) if current is not None else -1
        if self.model.rowCount():
            self._place(max(row, 0))
        self.loaded.emit()

    def _show_count(self) -> None:
        total, shown = self.model.total(), self.model.rowCount()
        narrowed = not self.filters.is_default()
        if total == 0:
            text = (
                self.tr("No open referral matches these filters.")
                if narrowed
                else self.tr("No referral is waiting for feedback.")
            )
        elif shown == 0:
            text = self.tr("None in this group.")
        else:
            text = self.tr("%n open referral(s) shown, oldest first.", "", shown)
        self.count.setText(text)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._pending = None
            self.message.show_error(error_text(error))

    def _choices_loaded(self, choices: object) -> None:
        assert isinstance(choices, board_service.BoardChoices)
        self.filters.set_actors(choices.actors)
        self.filters.set_users(choices.users)
        self.model.set_user_names(dict(choices.users))

    def _group_chosen(self, group: object) -> None:
        assert group is None or isinstance(group, BoardGroup)
        self.model.set_group(group)
        self._show_count()
        if self.model.rowCount():
            self._place(0)

    # -- the selected row ----------------------------------------------------------------------

    def _place(self, row: int) -> None:
        self._placing = True
        try:
            self.table.setCurrentIndex(self.model.index(row, Column.NUMBER))
        finally:
            self._placing = False

    def current_row(self) -> BoardRow | None:
        return self.model.board_row(self.table.currentIndex().row())

    def _row_changed(self) -> None:
        if not self._placing:  # the user moved: a hint about a declined referral is old news
            self._declined = None
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.current_row()
        today = self._workspace.clock.today()
        self.open_button.setEnabled(row is not None)
        self.feedback_button.setEnabled(row is not None and row.direction is Direction.OUT)
        overdue = row is not None and row.direction is Direction.OUT and row.is_overdue(today)
        if self._declined is not None:
            self._set_hint(*self._declined)
        elif row is not None and overdue:
            self._set_hint(row.dispute_id, self._call_hint(row))
        elif row is not None and row.direction is Direction.IN:
            self._set_hint(
                None,
                self.tr(
                    "%1 referred this case to us: report back to them when the case closes."
                ).replace("%1", row.actor_name),
            )
        else:
            self._set_hint(None, "")

    def _call_hint(self, row: BoardRow) -> str:
        if row.actor_phone:
            return (
                self.tr("No feedback yet. Call %1 on %2, or refer the case to another actor.")
                .replace("%1", row.actor_name)
                .replace("%2", left_to_right(row.actor_phone))
            )
        return self.tr(
            "No feedback yet. Visit or write to %1, or refer the case to another actor."
        ).replace("%1", row.actor_name)

    def _set_hint(self, dispute_id: int | None, text: str) -> None:
        self._hint_dispute = dispute_id
        self.hint.setText(text)
        warn = dispute_id is not None
        self.hint.setStyleSheet("QLabel { color: #a3161a; font-weight: bold; }" if warn else "")
        self.refer_button.setEnabled(warn)

    def _open(self, index: QModelIndex) -> None:
        dispute_id = self.model.data(index, DISPUTE_ID_ROLE)
        if dispute_id is not None:
            self.open_case.emit(int(dispute_id))

    def _refer(self) -> None:
        if self._hint_dispute is not None:
            dispute_id = self._hint_dispute
            if self._declined is not None and self._declined[0] == dispute_id:
                self._declined = None
            self.refer_case.emit(dispute_id)

    def _record_selected(self) -> None:
        row = self.current_row()
        if row is not None and row.direction is Direction.OUT:
            self.record_feedback(row.code)

    # -- recording feedback --------------------------------------------------------------------

    def record_feedback(self, code: str | None) -> RecordFeedbackDialog:
        """Open the feedback dialog, for ``code`` (a selected row's) or for codes typed in."""
        dialog = RecordFeedbackDialog(self._workspace, code, self)
        dialog.saved.connect(self._feedback_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.feedback_dialog = dialog
        dialog.open()
        return dialog

    def _feedback_saved(self, number: str, actor_name: str, referral: object) -> None:
        assert isinstance(referral, Referral)
        self._declined = None
        if referral.status is ReferralStatus.DECLINED:
            text = (
                self.tr("%1 declined the referral of %2: refer the case to another actor.")
                .replace("%1", actor_name)
                .replace("%2", number)
            )
            self._declined = (referral.dispute_id, text)
        self.refresh()
        self._update_actions()
