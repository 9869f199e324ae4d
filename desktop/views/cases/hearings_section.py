"""The hearings of a case, and a button to record one; a section of the case view."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.services.hearings import HEARING_STATUSES
from desktop.domain.services.permissions import can
from desktop.tasks import run_in_background
from desktop.views.cases.hearing_dialog import HearingDialog
from desktop.views.cases.proceedings_hearings_model import HearingsModel
from desktop.views.cases.proceedings_service import CaseProceedings, load
from desktop.views.errors import error_text
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


class HearingsSection(QWidget):
    changed = Signal()  # a hearing was recorded
    loaded = Signal()  # the section shows fresh data

    def __init__(
        self, workspace: OpenWorkspace, dispute_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dispute_id = dispute_id
        self.case: CaseProceedings | None = None
        self.model = HearingsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.record_button = QPushButton(self.tr("Record a hearing\u2026"), self)
        self.record_button.setEnabled(False)
        self.record_button.clicked.connect(self.record_hearing)
        self.message = MessageLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.dialog: HearingDialog | None = None
        self._generation = 0
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        w, dispute_id = self._workspace, self._dispute_id
        self._generation += 1
        generation = self._generation
        run_in_background(
            lambda: load(w, dispute_id),
            on_done=lambda value: self._loaded(value, generation),
            on_error=self._failed,
            parent=self,
        )

    def _loaded(self, case: CaseProceedings, generation: int) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        self.case = case
        self.message.clear_message()
        self.model.set_case(case)
        allowed = can(self._workspace.actor, "record_hearing")
        self.record_button.setVisible(allowed)
        self.record_button.setEnabled(allowed and case.dispute.status in HEARING_STATUSES)
        self.record_button.setToolTip(
            ""
            if self.record_button.isEnabled()
            else self.tr("Hearings are recorded while the case is in mediation or reopened.")
        )
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.message.show_error(error_text(error))

    @Slot()
    def record_hearing(self) -> None:
        if self.case is None:
            return
        self.dialog = HearingDialog(self._workspace, self.case, self)
        self.dialog.accepted.connect(self._recorded)
        self.dialog.open()

    def _recorded(self) -> None:
        self.changed.emit()
        self.refresh()
