"""The home screen (today): hearings and follow-ups due today and overdue, cases waiting too
long in one status, referrals awaiting feedback and this month's counts. Every line opens its
case (``open_case(dispute_id)``); the agenda is read in the background (services/agenda.py)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.agenda import Agenda
from desktop.domain.services.agenda import get_agenda
from desktop.tasks import run_in_background
from desktop.views.appearance import enlarge
from desktop.views.errors import error_text
from desktop.views.home.agenda_group import AgendaGroup
from desktop.views.home.agenda_model import ItemKind
from desktop.views.home.count_tile import CountTile
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


class HomePage(QWidget):
    open_case = Signal(int)
    loaded = Signal()  # the agenda on screen is fresh

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
        self.hearings_today = AgendaGroup(
            self.tr("Hearings due today"), ItemKind.HEARING, nothing, self
        )
        self.hearings_overdue = AgendaGroup(
            self.tr("Hearings overdue"), ItemKind.HEARING, nothing, self
        )
        self.follow_ups_today = AgendaGroup(
            self.tr("Follow-ups due today"), ItemKind.FOLLOW_UP, nothing, self
        )
        self.follow_ups_overdue = AgendaGroup(
            self.tr("Follow-ups overdue"), ItemKind.FOLLOW_UP, nothing, self
        )
        self.waiting = AgendaGroup(
            self.tr("Waiting too long in one status"),
            ItemKind.WAITING,
            self.tr("No case has waited too long."),
            self,
        )
        self.referrals = AgendaGroup(
            self.tr("Referrals awaiting feedback"),
            ItemKind.REFERRAL,
            self.tr("Referrals will be listed here once the referrals register is in use."),
            self,
        )
        grid = QGridLayout()
        grid.setSpacing(12)
        for position, group in enumerate(self.groups()):
            grid.addWidget(group, position // 2, position % 2)
            group.open_case.connect(self.open_case)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(32, 0, 32, 28)
        inner.setSpacing(16)
        inner.addLayout(counts)
        inner.addLayout(grid)
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

    def refresh(self) -> None:
        workspace = self._workspace
        self.refresh_button.setEnabled(False)
        run_in_background(
            lambda: get_agenda(workspace.unit_of_work(), workspace.actor, workspace.clock),
            on_done=self._show,
            on_error=self._failed,
            parent=self,
        )

    def _show(self, agenda: object) -> None:
        assert isinstance(agenda, Agenda)
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
        self.registered.set_count(agenda.month.registered)
        self.closed.set_count(agenda.month.closed)
        self.agreements.set_count(agenda.month.agreements)
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.message.show_error(error_text(error))
