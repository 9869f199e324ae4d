"""The first-run wizard: committee, administrator, creating the workspace, the recovery key; or,
for "I manage a programme", the hub's passphrase, creating the hub, the hub's recovery key."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtWidgets import QWidget, QWizard, QWizardPage

from desktop.views.wizard.administrator_page import AdministratorPage
from desktop.views.wizard.committee_page import CommitteePage
from desktop.views.wizard.creating_page import CreatingPage
from desktop.views.wizard.hub_passphrase_page import HubPassphrasePage
from desktop.views.wizard.hub_recovery_panel import HubRecoverySheetPanel
from desktop.views.wizard.recovery_key_page import RecoveryKeyPage
from desktop.views.wizard.welcome_page import WelcomePage
from desktop.workspace import Created, HubHome, HubWorkspace, KeyringState, Workspace


class PageId(IntEnum):
    WELCOME = 0
    COMMITTEE = 1
    ADMINISTRATOR = 2
    CREATING = 3
    RECOVERY_KEY = 4
    HUB_PASSPHRASE = 5
    HUB_CREATING = 6
    HUB_RECOVERY_KEY = 7


class SetupWizard(QWizard):
    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, *, hub: HubHome | None = None
    ) -> None:
        """``hub``: where a programme hub would be made; without it the wizard offers only the
        committee's casebook."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up Suluhu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self._workspace = workspace
        self._hub_home = hub
        self._hub_made: list[tuple[str, str]] = []  # (recovery key, passphrase) once made
        self.created: Created | None = None
        self.hub: HubWorkspace | None = None  # the programme hub, open, once made

        self.welcome_page = WelcomePage(self, programme=hub is not None)
        self.committee_page = CommitteePage(self)
        self.administrator_page = AdministratorPage(self)
        self.creating_page = CreatingPage(self._workspace_job, self)
        self.recovery_page = RecoveryKeyPage(self)
        pages: list[tuple[PageId, QWizardPage]] = [
            (PageId.WELCOME, self.welcome_page),
            (PageId.COMMITTEE, self.committee_page),
            (PageId.ADMINISTRATOR, self.administrator_page),
            (PageId.CREATING, self.creating_page),
            (PageId.RECOVERY_KEY, self.recovery_page),
        ]
        if hub is not None:
            self.hub_passphrase_page = HubPassphrasePage(hub.folder, self)
            self.hub_creating_page = CreatingPage(self._hub_job, self, hub=True)
            self.hub_recovery_page = RecoveryKeyPage(self, HubRecoverySheetPanel())
            pages += [
                (PageId.HUB_PASSPHRASE, self.hub_passphrase_page),
                (PageId.HUB_CREATING, self.hub_creating_page),
                (PageId.HUB_RECOVERY_KEY, self.hub_recovery_page),
            ]
            self.hub_creating_page.created.connect(self._hub_created)
        for page_id, page in pages:
            self.setPage(page_id, page)
        self.creating_page.created.connect(self._created)
        self.resize(820, 640)

    def nextId(self) -> int:  # noqa: N802 (Qt's name)
        current = self.currentId()
        if current == PageId.WELCOME:
            programme = self.welcome_page.programme_chosen()
            return PageId.HUB_PASSPHRASE if programme else PageId.COMMITTEE
        if current in (PageId.RECOVERY_KEY, PageId.HUB_RECOVERY_KEY):
            return -1
        return super().nextId()

    def administrator_username(self) -> str:
        return self.administrator_page.username()

    def _workspace_job(self) -> Callable[[], object]:
        committee = self.committee_page.committee()
        page = self.administrator_page
        admin, passphrase = page.administrator(), page.passphrase.passphrase()
        workspace = self._workspace

        def create() -> tuple[Created, KeyringState]:
            created = workspace.create(committee, admin, passphrase)
            return created, workspace.keyring_state()

        return create

    def _hub_job(self) -> Callable[[], object]:
        home = self._hub_home
        assert home is not None
        made = self._hub_made
        passphrase = made[0][1] if made else self.hub_passphrase_page.passphrase.passphrase()

        def create() -> tuple[str, HubWorkspace]:
            if not made:  # a retry after the hub was made but not opened makes no second one
                made.append((home.create(passphrase), passphrase))
            return made[0][0], home.open(passphrase)

        return create

    def _created(self, result: object) -> None:
        assert isinstance(result, tuple)
        created, keyring = result
        self.created = created
        self.administrator_page.forget_passphrase()
        self.recovery_page.show_created(self.committee_page.committee().name, created, keyring)

    def _hub_created(self, result: object) -> None:
        assert isinstance(result, tuple)
        recovery_key, self.hub = result
        self._hub_made[:] = [(recovery_key, "")]
        self.hub_passphrase_page.forget_passphrase()
        panel = self.hub_recovery_page.panel
        assert isinstance(panel, HubRecoverySheetPanel)
        self.hub_recovery_page.show_hub_key(panel.hub_name(), recovery_key)

    def _key_page(self) -> RecoveryKeyPage | None:
        """The recovery key page whose key has been shown, if any."""
        if self.created is not None:
            return self.recovery_page
        if self.hub is not None:
            return self.hub_recovery_page
        return None

    def reject(self) -> None:
        """Closing is refused while the workspace (or hub) is being made, and after it is made
        until the recovery sheet is confirmed (the key is never shown again)."""
        if self.creating_page.working or (
            self._hub_home is not None and self.hub_creating_page.working
        ):
            return
        page = self._key_page()
        if page is not None:
            if page.isComplete():
                self.accept()
            else:
                page.remind()
            return
        super().reject()
