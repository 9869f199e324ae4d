"""The home screen (today): hearings and follow-ups due today and overdue, cases waiting too
long in one status, referrals awaiting feedback, this month's counts and, for those who decide
them, the requests waiting for approval. Every line opens its case (``open_case(dispute_id)``);
the agenda is read in the background (services/agenda.py, services/approval_queue.py).

The groups stand in two columns (hearings, follow-ups) when the page is wide enough for their
lines, and in one column otherwise (large text, a narrow window); each group is as tall as what
it holds."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.agenda import Agenda
from desktop.domain.model.referral_board import BoardCounts
from desktop.domain.services.agenda import get_agenda
from desktop.domain.services.approval_queue import PendingApproval, pending_approvals
from desktop.domain.services.permissions import can
from desktop.domain.services.referral_board import referral_counts
from desktop.tasks import run_in_background
from desktop.views.appearance import enlarge
from desktop.views.errors import error_text
from desktop.views.home.agenda_group import AgendaGroup
from desktop.views.home.agenda_model import AgendaListModel, ItemKind
from desktop.views.home.approval_model import ApprovalListModel
from desktop.views.home.count_tile import CountTile
from desktop.views.home.referral_counts import ReferralCounts
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace

# Two columns when each can hold a line of this many average characters.
COLUMN_CHARS = 56


@dataclass(frozen=True)
class HomeData:
    agenda: Agenda
    approvals: list[PendingApproval] | None  # None: the user decides no approvals
    referral_counts: BoardCounts | None = None  # None: the user may not see referrals


def load(workspace: OpenWorkspace) -> HomeData:
    """What the home screen shows (runs on the background worker)."""
    w = workspace
    agenda = get_agenda(w.unit_of_work(), w.actor, w.clock)
    deciding = can(w.actor, "pending_approvals")
    counts = (
        referral_counts(w.unit_of_work(), w.actor, w.clock)
        if can(w.actor, "referral_counts")
        else None
    )
    return HomeData(
        agenda, pending_approvals(w.unit_of_work(), w.actor) if deciding else None, counts
    )


class HomePage(QWidget):
    open_case = Signal(int)
    loaded = Signal()  # the agenda on screen is fresh
    show_referrals = Signal()  # open the referral board

    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.agenda: Agenda | None = None
        title = QLabel(self.tr("Today"), self)
        title.setObjectName("pageTitle")
        enlarge(title, 1.6)
        self.date_label = QLabel(self)
        self.date_label.setObjectName("pageText")
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.message = MessageLabel(self)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(12)
        heading.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignBaseline)
        heading.addStretch(1)
        heading.addWidget(self.refresh_button)

        self.registered = CountTile(self.tr("cases registered this month"), self)
        self.closed = CountTile(self.tr("cases closed this month"), self)
        self.agreements = CountTile(self.tr("agreements this month"), self)
        counts = QHBoxLayout()
        counts.setSpacing(12)
        for tile in (self.registered, self.closed, self.agreements):
            counts.addWidget(tile, 1)

        nothing = self.tr("Nothing here today.")

        def group(title: str, kind: ItemKind, empty: str = nothing) -> AgendaGroup:
            return AgendaGroup(title, AgendaListModel(kind), empty, self)

        self.hearings_today = group(self.tr("Hearings due today"), ItemKind.HEARING)
        self.hearings_overdue = group(self.tr("Hearings overdue"), ItemKind.HEARING)
        self.follow_ups_today = group(self.tr("Follow-ups due today"), ItemKind.FOLLOW_UP)
        self.follow_ups_overdue = group(self.tr("Follow-ups overdue"), ItemKind.FOLLOW_UP)
        self.waiting = group(
            self.tr("Waiting too long in one status"),
            ItemKind.WAITING,
            self.tr("No case has waited too long."),
        )
        self.referrals = group(
            self.tr("Referrals awaiting feedback"),
            ItemKind.REFERRAL,
            self.tr("No referral is overdue."),
        )
        self.referral_counts = ReferralCounts(self)
        self.referral_counts.setVisible(can(workspace.actor, "referral_counts"))
        self.referral_counts.show_referrals.connect(self.show_referrals)
        self.approvals = AgendaGroup(
            self.tr("Waiting for your approval"),
            ApprovalListModel(),
            self.tr("No request waits for your approval."),
            self,
        )
        self.approvals.hide()  # shown to those who decide, while a request waits
        for item in [self.approvals, *self.groups()]:
            item.open_case.connect(self.open_case)
        # hearings | follow-ups, then waiting | referrals; each pair side by side or stacked
        hearings, follow_ups = QVBoxLayout(), QVBoxLayout()
        for column, pair in (
            (hearings, (self.hearings_today, self.hearings_overdue)),
            (follow_ups, (self.follow_ups_today, self.follow_ups_overdue)),
        ):
            column.setSpacing(12)
            for item in pair:
                column.addWidget(item)
        self._pairs = (
            QBoxLayout(QBoxLayout.Direction.LeftToRight),
            QBoxLayout(QBoxLayout.Direction.LeftToRight),
        )
        due, others = self._pairs
        due.addLayout(hearings, 1)
        due.addLayout(follow_ups, 1)
        due.setAlignment(hearings, Qt.AlignmentFlag.AlignTop)
        due.setAlignment(follow_ups, Qt.AlignmentFlag.AlignTop)
        others.addWidget(self.waiting, 1, Qt.AlignmentFlag.AlignTop)
        others.addWidget(self.referrals, 1, Qt.AlignmentFlag.AlignTop)
        for pair_layout in self._pairs:
            pair_layout.setSpacing(12)

        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(32, 0, 32, 28)
        inner.setSpacing(16)
        inner.addLayout(counts)
        inner.addWidget(self.referral_counts)
        inner.addWidget(self.approvals)
        inner.addLayout(due)
        inner.addLayout(others)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        top = QVBoxLayout()
        top.setContentsMargins(32, 28, 32, 8)
        top.setSpacing(8)
        top.addLayout(heading)
        top.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        self.refresh_button.clicked.connect(self.refresh)
        self.refresh()

    def groups(self) -> list[AgendaGroup]:
        return [
            self.hearings_today,
            self.hearings_overdue,
            self.follow_ups_today,
            self.follow_ups_overdue,
            self.waiting,
            self.referrals,
        ]

    def columns(self) -> int:
        """How many columns the groups stand in now (2 or 1)."""
        due = self._pairs[0]
        return 2 if due.direction() is QBoxLayout.Direction.LeftToRight else 1

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        column = COLUMN_CHARS * self.fontMetrics().averageCharWidth() + 2 * 12
        wide = event.size().width() - 2 * 32 - 16 >= 2 * column + 12  # margins, scroll bar
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        for pair in self._pairs:
            if pair.direction() is not direction:
                pair.setDirection(direction)

    def refresh(self) -> None:
        workspace = self._workspace
        self.refresh_button.setEnabled(False)
        run_in_background(
            lambda: load(workspace),
            on_done=self._show,
            on_error=self._failed,
            parent=self,
        )

    def _show(self, data: object) -> None:
        assert isinstance(data, HomeData)
        agenda = data.agenda
        self.agenda = agenda
        self.refresh_button.setEnabled(True)
        self.message.clear_message()
        today = QDate(agenda.today.year, agenda.today.month, agenda.today.day)
        self.date_label.setText(self.locale().toString(today, QLocale.FormatType.LongFormat))
        self.hearings_today.set_items(agenda.hearings_today)
        self.hearings_overdue.set_items(agenda.hearings_overdue)
        self.follow_ups_today.set_items(agenda.follow_ups_today)
        self.follow_ups_overdue.set_items(agenda.follow_ups_overdue)
        self.waiting.set_items(agenda.waiting)
        self.referrals.set_items(agenda.referrals_awaiting_feedback)
        if data.referral_counts is not None:
            self.referral_counts.set_counts(data.referral_counts)
        self.registered.set_count(agenda.month.registered)
        self.closed.set_count(agenda.month.closed)
        self.agreements.set_count(agenda.month.agreements)
        if data.approvals is not None:
            self.approvals.set_items(data.approvals)
            self.approvals.setVisible(bool(data.approvals))
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.message.show_error(error_text(error))
