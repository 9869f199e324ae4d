"""The Cases area of the main window: the list, and one case at a time in place of it."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop.views.cases.case_list_page import CaseListPage
from desktop.views.cases.case_screen import CaseScreen
from desktop.workspace import OpenWorkspace


class CasesArea(QStackedWidget):
    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.list_page = CaseListPage(workspace, self)
        self.addWidget(self.list_page)
        self.case_screen: CaseScreen | None = None
        self._stale = False
        self.list_page.open_case.connect(self.open_case)
        self.list_page.new_case_requested.connect(self.new_case)

    def open_case(self, dispute_id: int) -> None:
        if self.case_screen is not None:
            self.removeWidget(self.case_screen)
            self.case_screen.deleteLater()
        self.case_screen = CaseScreen(self._workspace, dispute_id, self)
        self.case_screen.back_requested.connect(self.show_list)
        self.case_screen.changed.connect(self._mark_stale)
        self.addWidget(self.case_screen)
        self.setCurrentWidget(self.case_screen)

    def refer_case(self, dispute_id: int) -> None:
        """The case, on its Referrals tab, with the referral dialog open (from the board: a
        declined or overdue referral, to another actor)."""
        self.open_case(dispute_id)
        assert self.case_screen is not None
        screen = self.case_screen
        screen.view.sections.setCurrentWidget(screen.referrals)
        screen.referrals.refer(hand_over=False)

    def show_list(self) -> None:
        self.setCurrentWidget(self.list_page)
        if self._stale:
            self._stale = False
            self.list_page.refresh()

    def new_case(self) -> None:
        from desktop.views.cases.register_dialog import RegisterDialog

        dialog = RegisterDialog(self._workspace, None, self)
        dialog.saved.connect(self._registered)
        dialog.open()

    def _registered(self, dispute_id: int) -> None:
        self._stale = True
        self.open_case(dispute_id)

    def _mark_stale(self, _dispute_id: int) -> None:
        self._stale = True
