"""The first-run wizard: committee, administrator, creating the workspace, the recovery key."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtWidgets import QWidget, QWizard

from desktop.domain.model.committee import Committee
from desktop.domain.model.users import User
from desktop.views.wizard.administrator_page import AdministratorPage
from desktop.views.wizard.committee_page import CommitteePage
from desktop.views.wizard.creating_page import CreatingPage
from desktop.views.wizard.recovery_key_page import RecoveryKeyPage
from desktop.views.wizard.welcome_page import WelcomePage
from desktop.workspace import Created, KeyringState, Workspace


class PageId(IntEnum):
    WELCOME = 0
    COMMITTEE = 1
    ADMINISTRATOR = 2
    CREATING = 3
    RECOVERY_KEY = 4


class SetupWizard(QWizard):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up Suluhu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.created: Created | None = None

        self.welcome_page = WelcomePage(self)
        self.committee_page = CommitteePage(self)
        self.administrator_page = AdministratorPage(self)
        self.creating_page = CreatingPage(workspace, self._request, self)
        self.recovery_page = RecoveryKeyPage(self)
        for page_id, page in (
            (PageId.WELCOME, self.welcome_page),
            (PageId.COMMITTEE, self.committee_page),
            (PageId.ADMINISTRATOR, self.administrator_page),
            (PageId.CREATING, self.creating_page),
            (PageId.RECOVERY_KEY, self.recovery_page),
        ):
            self.setPage(page_id, page)
        self.creating_page.created.connect(self._created)
        self.resize(820, 640)

    def administrator_username(self) -> str:
        return self.administrator_page.username()

    def _request(self) -> tuple[Committee, User, str]:
        page = self.administrator_page
        return self.committee_page.committee(), page.administrator(), page.passphrase.passphrase()

    def _created(self, created: Created, keyring: KeyringState) -> None:
        self.created = created
        self.administrator_page.forget_passphrase()
        self.recovery_page.show_created(self.committee_page.committee().name, created, keyring)

    def reject(self) -> None:
        """Closing is refused while the workspace is being made, and after it is made until the
        recovery sheet is confirmed (the key is never shown again)."""
        if self.creating_page.working:
            return
        if self.created is not None:
            if self.recovery_page.isComplete():
                self.accept()
            else:
                self.recovery_page.remind()
            return
        super().reject()
