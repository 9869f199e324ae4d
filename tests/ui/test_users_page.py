"""The Users page: the table model, adding, removing, resetting, a new recovery key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.model.users import Role
from desktop.views.users.add_user_dialog import AddUserDialog
from desktop.views.users.change_passphrase_dialog import ChangePassphraseDialog
from desktop.views.users.new_recovery_key_dialog import NewRecoveryKeyDialog
from desktop.views.users.reset_passphrase_dialog import ResetPassphraseDialog
from desktop.views.users.users_model import Column, UsersTableModel
from desktop.views.users.users_page import UsersPage
from tests.ui.fakes import ADMIN_PASSPHRASE, FakeOpenWorkspace


def make_page(qtbot: QtBot, admin: FakeOpenWorkspace) -> UsersPage:
    page = UsersPage(admin)
    qtbot.addWidget(page)
    page.show()
    return page


def names(page: UsersPage) -> list[str]:
    model = page.model
    return [model.index(r, Column.NAME).data() for r in range(model.rowCount())]


def select(page: UsersPage, username: str) -> None:
    page.table.selectRow(page.model.row_of(username))


def test_model_passes_the_model_tester(qtmodeltester, admin: FakeOpenWorkspace) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.users.service_adapter import list_users

    model = UsersTableModel()
    model.set_users(list_users(admin))
    qtmodeltester.check(model)
    assert model.index(0, Column.ROLE).data() == "Administrator"


def test_lists_users_by_name(qtbot: QtBot, admin: FakeOpenWorkspace) -> None:
    page = make_page(qtbot, admin)
    assert names(page) == ["Amina Otieno", "Baraka Mwangi"]


def test_cannot_remove_or_reset_yourself(qtbot: QtBot, admin: FakeOpenWorkspace) -> None:
    page = make_page(qtbot, admin)
    select(page, "amina")
    assert not page.remove_button.isEnabled()
    assert not page.reset_button.isEnabled()
    select(page, "baraka")
    assert page.remove_button.isEnabled()


def test_add_user(qtbot: QtBot, admin: FakeOpenWorkspace) -> None:
    page = make_page(qtbot, admin)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(AddUserDialog)
    assert isinstance(dialog, AddUserDialog)
    qtbot.keyClicks(dialog.display_name_edit, "Chausiku Njeri")
    qtbot.keyClicks(dialog.username_edit, "chausiku")
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(Role.PARALEGAL))
    dialog.restricted_box.setChecked(True)
    assert not dialog.ok_button.isEnabled()
    dialog.passphrase.passphrase_edit.setText("yellow bus morning rain")
    dialog.passphrase.repeat_edit.setText("yellow bus morning rain")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.added):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert names(page) == ["Amina Otieno", "Baraka Mwangi", "Chausiku Njeri"]
    added = admin._store.by_username("chausiku")
    assert added is not None
    assert added.role == Role.PARALEGAL and added.restricted_access
    assert added.must_change_passphrase
    assert page.selected_user() is not None and page.selected_user().username == "chausiku"  # type: ignore[union-attr]
    assert "chausiku" in page.message.text()


def test_bad_username_is_explained(qtbot: QtBot, admin: FakeOpenWorkspace) -> None:
    dialog = AddUserDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username_edit.setText("Has Space")
    assert dialog.message.isVisible()
    assert not dialog.ok_button.isEnabled()


def test_taken_username_shows_the_workspace_message(qtbot: QtBot, admin: FakeOpenWorkspace) -> None:
    dialog = AddUserDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.display_name_edit.setText("Another Baraka")
    dialog.username_edit.setText("baraka")
    dialog.passphrase.passphrase_edit.setText("yellow bus morning rain")
    dialog.passphrase.repeat_edit.setText("yellow bus morning rain")
    dialog.submit()
    qtbot.waitUntil(lambda: "already taken" in dialog.message.text())
    assert dialog.isVisible()


def test_remove_user_after_confirmation(qtbot: QtBot, admin: FakeOpenWorkspace) -> None:
    page = make_page(qtbot, admin)
    select(page, "baraka")
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    box = page.findChild(QMessageBox, "confirmRemove")
    assert isinstance(box, QMessageBox)
    assert "Baraka Mwangi" in box.text()
    keep = next(b for b in box.buttons() if b.text() == "Keep")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert names(page) == ["Amina Otieno", "Baraka Mwangi"]

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    box = page.findChild(QMessageBox, "confirmRemove")
    assert isinstance(box, QMessageBox)
    remove = next(b for b in box.buttons() if b.text() == "Remove")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: names(page) == ["Amina Otieno"])
    assert admin._store.by_username("baraka") is None


def test_reset_passphrase(qtbot: QtBot, admin: FakeOpenWorkspace) -> None:
    page = make_page(qtbot, admin)
    select(page, "baraka")
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(ResetPassphraseDialog)
    assert isinstance(dialog, ResetPassphraseDialog)
    dialog.passphrase.passphrase_edit.setText("temporary door key 42")
    dialog.passphrase.repeat_edit.setText("temporary door key 42")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert admin._store.passphrases["baraka"] == "temporary door key 42"
    row = page.model.row_of("baraka")
    assert page.model.index(row, Column.STATUS).data() == "Must change it"


def test_new_recovery_key(qtbot: QtBot, admin: FakeOpenWorkspace) -> None:
    page = make_page(qtbot, admin)
    old = admin._store.recovery_key
    page.make_recovery_key()
    qtbot.waitUntil(lambda: page.findChild(NewRecoveryKeyDialog) is not None)
    dialog = page.findChild(NewRecoveryKeyDialog)
    assert isinstance(dialog, NewRecoveryKeyDialog)
    assert admin._store.recovery_key != old
    key_text = dialog.panel.key_view.text().replace("\n", " ")
    assert key_text == admin._store.recovery_key.replace("-", " ")
    assert not dialog.ok_button.isEnabled()
    dialog.reject()  # refused: the sheet is not confirmed
    assert dialog.isVisible()
    dialog.panel.confirm_box.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_change_my_passphrase(qtbot: QtBot, admin: FakeOpenWorkspace) -> None:
    dialog = ChangePassphraseDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.old_edit.setText("wrong one")
    dialog.passphrase.passphrase_edit.setText("orange kite tall hill")
    dialog.passphrase.repeat_edit.setText("orange kite tall hill")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert "not right" in dialog.message.text()
    dialog.old_edit.setText(ADMIN_PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert admin._store.passphrases["amina"] == "orange kite tall hill"
