"""The first-run wizard creates the workspace and will not finish before the sheet is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from desktop.domain.model.users import Role
from desktop.views.wizard.case_code import suggest_code
from desktop.views.wizard.setup_wizard import PageId, SetupWizard
from desktop.workspace import KeyringState, WorkspaceError
from tests.ui.fakes import FakeWorkspace

PASSPHRASE = "mango river lamp stone"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kibera Peace Committee", "KBR"),
        ("Mathare North Elders", "MN"),
        ("Kamati ya Amani Kondoa", "KND"),
        ("Comité de paix de Bèni", "BEN"),
        ("", ""),
        ("لجنة السلام", ""),
    ],
)
def test_case_code_suggestion(name: str, code: str) -> None:
    assert suggest_code(name) == code


def make_wizard(qtbot: QtBot, workspace: FakeWorkspace) -> SetupWizard:
    wizard = SetupWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def fill_until_created(qtbot: QtBot, wizard: SetupWizard, *, wait: bool = True) -> None:
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PageId.COMMITTEE
    page = wizard.committee_page
    qtbot.keyClicks(page.name_edit, "Kibera Peace Committee")
    assert page.code_edit.text() == "KBR"
    assert not page.isComplete()  # the area is still empty
    qtbot.keyClicks(page.area_edit, "Nairobi, Kibera")
    assert page.isComplete()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PageId.ADMINISTRATOR
    admin = wizard.administrator_page
    qtbot.keyClicks(admin.display_name_edit, "Amina Otieno")
    assert admin.username_edit.text() == "amina"
    qtbot.keyClicks(admin.passphrase.passphrase_edit, PASSPHRASE)
    assert not admin.isComplete()  # not repeated yet
    qtbot.keyClicks(admin.passphrase.repeat_edit, PASSPHRASE)
    assert admin.isComplete()
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Create workspace"
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    if wait:
        qtbot.waitUntil(lambda: wizard.currentId() == PageId.RECOVERY_KEY, timeout=5000)


def test_wizard_creates_the_workspace_and_needs_the_tick_box(
    qtbot: QtBot, new_workspace: FakeWorkspace, tmp_path: Path
) -> None:
    wizard = make_wizard(qtbot, new_workspace)
    fill_until_created(qtbot, wizard)

    committee = new_workspace.store.committee
    assert committee is not None
    assert (committee.name, committee.code, committee.area) == (
        "Kibera Peace Committee",
        "KBR",
        "Nairobi, Kibera",
    )
    admin = new_workspace.store.by_username("amina")
    assert admin is not None and admin.role == Role.ADMINISTRATOR
    assert new_workspace.store.passphrases["amina"] == PASSPHRASE
    assert wizard.administrator_page.passphrase.passphrase() == ""  # not kept in the form

    page = wizard.recovery_page
    shown = page.panel.key_view.text().replace("\n", " ")
    assert shown == new_workspace.store.recovery_key.replace("-", " ")
    assert not page.keyring_note.isVisible()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()

    wizard.reject()  # closing now is refused: the key would be lost
    assert wizard.isVisible()
    assert page.reminder.isVisible()

    sheet = tmp_path / "sheet.pdf"
    with qtbot.waitSignal(page.panel.sheet_saved, timeout=10_000):
        page.panel.save_sheet_to(str(sheet))
    assert sheet.read_bytes().startswith(b"%PDF")

    page.panel.confirm_box.setChecked(True)
    assert finish.isEnabled()
    with qtbot.waitSignal(wizard.accepted):
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert new_workspace.exists()


def test_no_keyring_is_said_plainly(qtbot: QtBot, tmp_path: Path) -> None:
    workspace = FakeWorkspace(tmp_path / "ws", keyring=KeyringState.NO_BACKEND)
    wizard = make_wizard(qtbot, workspace)
    fill_until_created(qtbot, wizard)
    note = wizard.recovery_page.keyring_note
    assert note.isVisible()
    assert "passphrases alone" in note.text()


def test_failed_creation_can_be_retried(qtbot: QtBot, new_workspace: FakeWorkspace) -> None:
    new_workspace.fail_create = WorkspaceError("The folder cannot be written.")
    wizard = make_wizard(qtbot, new_workspace)
    fill_until_created(qtbot, wizard, wait=False)
    page = wizard.creating_page
    qtbot.waitUntil(lambda: page.retry_button.isVisible())
    assert wizard.currentId() == PageId.CREATING
    assert "cannot be written" in page.message.text()
    new_workspace.fail_create = None
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.RECOVERY_KEY)


def test_weak_or_different_passphrases_keep_next_disabled(
    qtbot: QtBot, new_workspace: FakeWorkspace
) -> None:
    wizard = make_wizard(qtbot, new_workspace)
    wizard.next()
    wizard.committee_page.name_edit.setText("Kibera")
    wizard.committee_page.area_edit.setText("Kibera")
    wizard.next()
    admin = wizard.administrator_page
    admin.display_name_edit.setText("Amina")
    admin.passphrase.passphrase_edit.setText("short")
    admin.passphrase.repeat_edit.setText("short")
    assert not admin.isComplete()
    assert admin.passphrase.hint.text()
    assert admin.passphrase.meter.strength() <= 1
    admin.passphrase.passphrase_edit.setText(PASSPHRASE)
    admin.passphrase.repeat_edit.setText(PASSPHRASE + "x")
    assert not admin.isComplete()
    assert "same passphrase" in admin.passphrase.hint.text()
    admin.passphrase.repeat_edit.setText(PASSPHRASE)
    assert admin.isComplete()
    assert admin.passphrase.meter.strength() >= 2  # accepted


def test_cancel_before_creation_rejects(qtbot: QtBot, new_workspace: FakeWorkspace) -> None:
    wizard = make_wizard(qtbot, new_workspace)
    with qtbot.waitSignal(wizard.rejected):
        wizard.reject()
    assert not new_workspace.exists()


def test_controller_goes_from_the_wizard_to_sign_in(
    qtbot: QtBot, new_workspace: FakeWorkspace
) -> None:
    from desktop.views.controller import AppController
    from desktop.views.signin.sign_in_window import SignInWindow

    controller = AppController(new_workspace)
    controller.start(style=False)
    wizard = controller.window
    assert isinstance(wizard, SetupWizard)
    fill_until_created(qtbot, wizard)
    wizard.recovery_page.panel.confirm_box.setChecked(True)
    with qtbot.waitSignal(controller.window_changed):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    window = controller.window
    assert isinstance(window, SignInWindow)
    assert window.username_edit.text() == "amina"
    assert window.committee_label.text() == "Kibera Peace Committee"
