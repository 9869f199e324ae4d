"""One case on screen: the case view with its sections (hearings, agreement, timeline) and a
way back to the list. Changes in one part refresh the others."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.domain.model.dispute import Status
from desktop.views.cases.agreement_section import AgreementSection
from desktop.views.cases.case_view import CaseView
from desktop.views.cases.hearings_section import HearingsSection
from desktop.views.cases.timeline_section import TimelineSection
from desktop.views.referrals.case_referrals_section import CaseReferralsSection
from desktop.workspace import OpenWorkspace


class CaseScreen(QWidget):
    back_requested = Signal()
    changed = Signal(int)  # dispute id: the list and home refresh when they are shown again

    def __init__(
        self, workspace: OpenWorkspace, dispute_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.dispute_id = dispute_id
        self.back_button = QPushButton(self.tr("\u2190 Back to the list"), self)
        self.back_button.setObjectName("backToList")
        self.view = CaseView(workspace, dispute_id, self)
        self.hearings = HearingsSection(workspace, dispute_id, self)
        self.agreement = AgreementSection(workspace, dispute_id, self)
        self.timeline = TimelineSection(workspace, dispute_id, self)
        self.referrals = CaseReferralsSection(workspace, dispute_id, self)
        for section in (self.hearings, self.agreement, self.timeline, self.referrals):
            section.setContentsMargins(0, 10, 0, 0)  # room below the tab bar
        self.view.add_section(self.tr("Hearings"), self.hearings)
        self.view.add_section(self.tr("Agreement and closure"), self.agreement)
        self.view.add_section(self.tr("Referrals"), self.referrals)
        self.view.add_section(self.tr("Timeline"), self.timeline)

        top = QHBoxLayout()
        top.setContentsMargins(32, 12, 32, 0)  # lined up with the case view's margins
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self.back_button.clicked.connect(self.back_requested)
        self.view.changed.connect(self._view_changed)
        self.view.action_requested.connect(self._action_requested)
        for section in (self.hearings, self.agreement, self.referrals):
            section.changed.connect(self._section_changed)
        # "Refer out" (the header, do-no-harm, "refer instead" after a breach) opens the
        # referral dialog with the case handed over.
        self.view.refer_dialog = self.refer
        self.agreement.refer_requested.connect(lambda _id: self.view.act(Status.REFERRED_OUT))

    def refer(self, reason: str = "") -> object:
        self.view.sections.setCurrentWidget(self.referrals)
        dialog = self.referrals.refer(hand_over=True, reason=reason)
        dialog.saved.connect(lambda _id: self.view.do_no_harm.hide())
        return dialog

    def _view_changed(self, dispute_id: int) -> None:
        for section in (self.hearings, self.agreement, self.timeline, self.referrals):
            section.refresh()
        self.changed.emit(dispute_id)

    def _section_changed(self) -> None:
        self.view.reload()
        self.timeline.refresh()
        if self.sender() is not self.agreement:
            self.agreement.refresh()
        if self.sender() is not self.hearings:
            self.hearings.refresh()
        if self.sender() is not self.referrals:
            self.referrals.refresh()
        self.changed.emit(self.dispute_id)

    def _action_requested(self, status: str) -> None:
        """ "Record agreement" or "Close case" pressed in the header: the agreement section
        holds those forms."""
        self.view.sections.setCurrentWidget(self.agreement)
        if status == "agreement":
            self.agreement.record()
        elif status == "closed":
            self.agreement.close_case()
