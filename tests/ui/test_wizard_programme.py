"""The first-run wizard's "I manage a programme" path over a real hub folder (cheap KDF): the
choice on the welcome page, the hub's passphrase with the committee path's rules, the hub made
in the background, its recovery key (which opens the hub's recovery slot), then the hub window;
and the next start asking for the hub's passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from desktop.views import passphrase_rules
from desktop.views.controller import AppController
from desktop.views.hub.hub_window import HubWindow
from desktop.views.hub.unlock_dialog import HubUnlockDialog
from desktop.views.signin.sign_in_window import SignInWindow
from desktop.views.wizard.setup_wizard import PageId, SetupWizard
from desktop.workspace import HubWorkspace, WorkspaceError
from storage.hub.workspace import HubHomeFolder
from storage.keys import KeyFile
from storage.recovery import parse_recovery_key
from tests.support import CHEAP_KDF
from tests.ui.fakes import FakeWorkspace, created_workspace

PASSPHRASE = "copper kettle heron lamp"


@pytest.fixture
def home(tmp_path: Path) -> HubHomeFolder:
    return HubHomeFolder(tmp_path / "hub", kdf=CHEAP_KDF)


def make_wizard(qtbot: QtBot, workspace: FakeWorkspace, home: object) -> SetupWizard:
    wizard = SetupWizard(workspace, hub=home)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def choose_programme(qtbot: QtBot, wizard: SetupWizard) -> None:
    welcome = wizard.welcome_page
    assert welcome.casebook_choice.isChecked()  # today's path stays the default
    choice = welcome.programme_choice
    at = QPoint(10, choice.height() // 2)  # on the radio button itself
    qtbot.mouseClick(choice, Qt.MouseButton.LeftButton, pos=at)
    assert welcome.programme_chosen()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PageId.HUB_PASSPHRASE


def create_hub(qtbot: QtBot, wizard: SetupWizard, *, wait: bool = True) -> None:
    choose_programme(qtbot, wizard)
    page = wizard.hub_passphrase_page
    qtbot.keyClicks(page.passphrase.passphrase_edit, PASSPHRASE)
    assert not page.isComplete()  # not repeated yet
    qtbot.keyClicks(page.passphrase.repeat_edit, PASSPHRASE)
    assert page.isComplete()
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Create hub"
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    if wait:
        qtbot.waitUntil(lambda: wizard.currentId() == PageId.HUB_RECOVERY_KEY, timeout=10_000)


def test_the_choice_is_offered_only_where_a_hub_can_be_kept(
    qtbot: QtBot, new_workspace: FakeWorkspace, home: HubHomeFolder
) -> None:
    plain = make_wizard(qtbot, new_workspace, None)
    assert not plain.welcome_page.programme_choice.isVisible()
    assert not plain.welcome_page.programme_chosen()
    both = make_wizard(qtbot, new_workspace, home)
    assert both.welcome_page.programme_choice.isVisible()
    both.next()
    assert both.currentId() == PageId.COMMITTEE  # the casebook path, unchanged


def test_the_programme_path_makes_the_hub_and_shows_a_key_that_opens_it(
    qtbot: QtBot, new_workspace: FakeWorkspace, home: HubHomeFolder, tmp_path: Path
) -> None:
    wizard = make_wizard(qtbot, new_workspace, home)
    create_hub(qtbot, wizard)

    assert home.exists()
    assert (home.folder / "hub.db").is_file()
    assert not new_workspace.exists()  # no committee workspace was made
    assert wizard.hub is not None
    assert wizard.hub.committees() == []
    assert wizard.hub_passphrase_page.passphrase.passphrase() == ""  # forgotten

    page = wizard.hub_recovery_page
    assert page.title() == "The hub's recovery key"
    shown = page.panel.key_view.text()
    keys = KeyFile.load(home.folder / "keys.json")
    by_recovery = keys.unlock_recovery(parse_recovery_key(shown))
    assert by_recovery.database_key == keys.unlock("hub", PASSPHRASE, None).database_key
    assert not page.keyring_note.isVisible()

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    wizard.reject()  # refused: the key is never shown again
    assert wizard.isVisible()
    assert "tick the box" in page.reminder.text()
    sheet = tmp_path / "sheet.pdf"
    with qtbot.waitSignal(page.panel.sheet_saved, timeout=10_000):
        page.panel.save_sheet_to(str(sheet))
    assert sheet.read_bytes().startswith(b"%PDF")
    page.panel.confirm_box.setChecked(True)
    with qtbot.waitSignal(wizard.accepted):
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    wizard.hub.close()


def test_the_hub_passphrase_follows_the_committee_rules(
    qtbot: QtBot, new_workspace: FakeWorkspace, home: HubHomeFolder
) -> None:
    wizard = make_wizard(qtbot, new_workspace, home)
    choose_programme(qtbot, wizard)
    fields = wizard.hub_passphrase_page.passphrase
    for weak in ("short", "hub"):
        fields.passphrase_edit.setText(weak)
        fields.repeat_edit.setText(weak)
        assert not wizard.hub_passphrase_page.isComplete()
        assert passphrase_rules.problems(weak, "hub")[0] in fields.hint.text()
    fields.passphrase_edit.setText(PASSPHRASE)
    fields.repeat_edit.setText(PASSPHRASE + "x")
    assert "same passphrase" in fields.hint.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.back()
    assert wizard.currentId() == PageId.WELCOME


class FailingOnce:
    """A hub home whose first creation fails (a folder that cannot be written)."""

    def __init__(self, real: HubHomeFolder) -> None:
        self.real = real
        self.folder = real.folder
        self.failed = False

    def exists(self) -> bool:
        return self.real.exists()

    def create(self, passphrase: str) -> str:
        if not self.failed:
            self.failed = True
            raise WorkspaceError("The folder cannot be written.")
        return self.real.create(passphrase)

    def open(self, passphrase: str) -> HubWorkspace:
        return self.real.open(passphrase)


def test_a_failed_hub_creation_can_be_retried(
    qtbot: QtBot, new_workspace: FakeWorkspace, home: HubHomeFolder
) -> None:
    wizard = make_wizard(qtbot, new_workspace, FailingOnce(home))
    create_hub(qtbot, wizard, wait=False)
    page = wizard.hub_creating_page
    qtbot.waitUntil(lambda: page.retry_button.isVisible(), timeout=10_000)
    assert page.status.text() == "The hub was not created."
    assert "cannot be written" in page.message.text()
    assert not home.exists()
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.HUB_RECOVERY_KEY, timeout=10_000)
    assert wizard.hub is not None
    wizard.hub.close()


def test_the_controller_opens_the_hub_window_after_the_wizard(
    qtbot: QtBot, new_workspace: FakeWorkspace, home: HubHomeFolder
) -> None:
    controller = AppController(new_workspace, hub=home)
    controller.start(style=False)
    wizard = controller.window
    assert isinstance(wizard, SetupWizard)
    create_hub(qtbot, wizard)
    wizard.hub_recovery_page.panel.confirm_box.setChecked(True)
    with qtbot.waitSignal(controller.window_changed):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    window = controller.window
    assert isinstance(window, HubWindow)
    assert window.hub is controller.open_hub
    assert window.hub.folder == home.folder
    window.close()
    controller.close_hub()
    assert controller.open_hub is None


def test_the_next_start_asks_for_the_hub_passphrase(
    qtbot: QtBot, new_workspace: FakeWorkspace, home: HubHomeFolder
) -> None:
    home.create(PASSPHRASE)
    controller = AppController(new_workspace, hub=home)
    controller.start(style=False)
    dialog = controller.window
    assert isinstance(dialog, HubUnlockDialog)
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10_000)
    assert dialog.message.text() == "The hub's passphrase is wrong."
    assert controller.window is dialog  # try again
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(controller.window_changed, timeout=10_000):
        dialog.submit()
    window = controller.window
    assert isinstance(window, HubWindow)
    window.close()
    controller.close_hub()


def test_locking_the_hub_window_closes_the_hub_and_asks_for_the_passphrase_again(
    qtbot: QtBot, new_workspace: FakeWorkspace, home: HubHomeFolder
) -> None:
    home.create(PASSPHRASE)
    controller = AppController(new_workspace, hub=home)
    controller.show_hub(home.open(PASSPHRASE))
    window = controller.window
    assert isinstance(window, HubWindow) and controller.open_hub is not None
    with qtbot.waitSignal(controller.window_changed, timeout=10_000):
        window.lock_action.trigger()  # Ctrl+L
    assert controller.open_hub is None  # closed
    dialog = controller.window
    assert isinstance(dialog, HubUnlockDialog)
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(controller.window_changed, timeout=10_000):
        dialog.submit()
    assert isinstance(controller.window, HubWindow) and controller.open_hub is not None
    controller.window.close()
    controller.close_hub()


def test_with_a_committee_workspace_the_casebook_opens_as_before(
    qtbot: QtBot, tmp_path: Path, home: HubHomeFolder
) -> None:
    home.create(PASSPHRASE)
    controller = AppController(created_workspace(tmp_path / "workspace"), hub=home)
    controller.start(style=False)
    assert isinstance(controller.window, SignInWindow)


def test_the_bootstrap_looks_for_the_hub_beside_the_workspace(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.bootstrap import show_first_window

    HubHomeFolder(tmp_path / "hub", kdf=CHEAP_KDF).create(PASSPHRASE)
    controller = show_first_window(tmp_path / "workspace")
    try:
        dialog = controller.window
        assert isinstance(dialog, HubUnlockDialog)
        dialog.passphrase.setText(PASSPHRASE)
        with qtbot.waitSignal(controller.window_changed, timeout=10_000):
            dialog.submit()
        assert isinstance(controller.window, HubWindow)
        controller.window.close()
    finally:
        controller.close_hub()
