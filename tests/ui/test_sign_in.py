"""Signing in: right and wrong passphrase, throttling, damage, the forced change, recovery."""

from __future__ import annotations

import subprocess
import sys
import threading

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.views.signin.recovery_dialog import RecoveryDialog
from desktop.views.signin.sign_in_window import SignInWindow
from desktop.views.users.change_passphrase_dialog import ChangePassphraseDialog
from desktop.workspace import KeyringState
from tests.ui.fakes import ADMIN_PASSPHRASE, FakeOpenWorkspace, FakeWorkspace


def make_window(qtbot: QtBot, workspace: FakeWorkspace) -> SignInWindow:
    window = SignInWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    return window


def type_in(qtbot: QtBot, window: SignInWindow, username: str, passphrase: str) -> None:
    window.username_edit.setText("")
    qtbot.keyClicks(window.username_edit, username)
    window.passphrase_edit.setText("")
    qtbot.keyClicks(window.passphrase_edit, passphrase)


def test_committee_name_is_shown_and_passphrase_hidden(
    qtbot: QtBot, workspace: FakeWorkspace
) -> None:
    window = make_window(qtbot, workspace)
    assert window.committee_label.text() == "Kibera Peace Committee"
    assert window.passphrase_edit.echoMode() == window.passphrase_edit.EchoMode.Password


def test_right_passphrase_signs_in(qtbot: QtBot, workspace: FakeWorkspace) -> None:
    window = make_window(qtbot, workspace)
    type_in(qtbot, window, "amina", ADMIN_PASSPHRASE)
    with qtbot.waitSignal(window.signed_in) as signal:
        qtbot.keyClick(window.passphrase_edit, Qt.Key.Key_Return)
    opened = signal.args[0]
    assert isinstance(opened, FakeOpenWorkspace)
    assert opened.actor.username == "amina"
    assert window.passphrase_edit.text() == ""


def test_button_is_disabled_while_working(qtbot: QtBot, workspace: FakeWorkspace) -> None:
    workspace.gate = threading.Event()
    window = make_window(qtbot, workspace)
    type_in(qtbot, window, "amina", ADMIN_PASSPHRASE)
    qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    assert not window.sign_in_button.isEnabled()
    assert window.busy.isVisible()
    with qtbot.waitSignal(window.signed_in):
        workspace.gate.set()
    assert not window.busy.isVisible()


def test_wrong_passphrase_says_so_and_allows_another_try(
    qtbot: QtBot, workspace: FakeWorkspace
) -> None:
    window = make_window(qtbot, workspace)
    type_in(qtbot, window, "amina", "not the passphrase")
    qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.message.isVisible())
    assert "not right" in window.message.text()
    assert window.sign_in_button.isEnabled()
    assert window.passphrase_edit.selectedText() == "not the passphrase"


def test_empty_fields_are_not_sent(qtbot: QtBot, workspace: FakeWorkspace) -> None:
    window = make_window(qtbot, workspace)
    qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    assert window.message.isVisible()
    assert not window.is_busy()


def test_throttled_counts_down_then_allows_a_try(qtbot: QtBot, workspace: FakeWorkspace) -> None:
    workspace.throttle_seconds = 1.2
    window = make_window(qtbot, workspace)
    type_in(qtbot, window, "amina", ADMIN_PASSPHRASE)
    qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.countdown.isActive())
    assert "try again in 2 seconds" in window.message.text()
    assert not window.sign_in_button.isEnabled()
    qtbot.keyClick(window.passphrase_edit, Qt.Key.Key_Return)  # ignored while waiting
    assert not window.is_busy()
    qtbot.waitUntil(lambda: window.sign_in_button.isEnabled(), timeout=4000)
    assert "try again now" in window.message.text()
    with qtbot.waitSignal(window.signed_in):
        qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)


def test_damaged_workspace_message(qtbot: QtBot, workspace: FakeWorkspace) -> None:
    workspace.damaged = True
    window = make_window(qtbot, workspace)
    type_in(qtbot, window, "amina", ADMIN_PASSPHRASE)
    qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.message.isVisible())
    assert "damaged" in window.message.text()
    assert "backup" in window.message.text()


def test_lost_keyring_points_to_the_recovery_key(qtbot: QtBot, workspace: FakeWorkspace) -> None:
    workspace.keyring = KeyringState.LOST
    window = make_window(qtbot, workspace)
    qtbot.waitUntil(lambda: window.message.isVisible())
    assert "recovery key" in window.message.text()


def test_forced_passphrase_change(qtbot: QtBot, workspace: FakeWorkspace) -> None:
    baraka = workspace.store.by_username("baraka")
    assert baraka is not None
    baraka.must_change_passphrase = True
    window = make_window(qtbot, workspace)
    type_in(qtbot, window, "baraka", "blue goat under tree")
    qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(ChangePassphraseDialog) is not None)
    dialog = window.findChild(ChangePassphraseDialog)
    assert isinstance(dialog, ChangePassphraseDialog)
    assert not dialog.old_edit.isVisible()  # just typed: not asked again
    dialog.passphrase.passphrase_edit.setText("green field seven doors")
    dialog.passphrase.repeat_edit.setText("green field seven doors")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(window.signed_in):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert workspace.store.passphrases["baraka"] == "green field seven doors"
    assert not baraka.must_change_passphrase


def test_refusing_the_forced_change_signs_out(qtbot: QtBot, workspace: FakeWorkspace) -> None:
    baraka = workspace.store.by_username("baraka")
    assert baraka is not None
    baraka.must_change_passphrase = True
    window = make_window(qtbot, workspace)
    type_in(qtbot, window, "baraka", "blue goat under tree")
    qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(ChangePassphraseDialog) is not None)
    dialog = window.findChild(ChangePassphraseDialog)
    assert isinstance(dialog, ChangePassphraseDialog)
    dialog.reject()
    assert workspace.opened[-1].closed
    assert "new passphrase" in window.message.text()


def test_recovery_key_opens_the_workspace(qtbot: QtBot, workspace: FakeWorkspace) -> None:
    window = make_window(qtbot, workspace)
    window.username_edit.setText("amina")
    window.open_recovery()
    dialog = window.findChild(RecoveryDialog)
    assert isinstance(dialog, RecoveryDialog)
    assert dialog.username_edit.text() == "amina"
    assert not dialog.ok_button.isEnabled()
    dialog.key_edit.setText(workspace.store.recovery_key.lower().replace("-", " "))
    dialog.passphrase.passphrase_edit.setText("new moon over water")
    dialog.passphrase.repeat_edit.setText("new moon over water")
    with qtbot.waitSignal(window.signed_in) as signal:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert signal.args[0].actor.username == "amina"
    assert workspace.store.passphrases["amina"] == "new moon over water"


def test_wrong_recovery_key(qtbot: QtBot, workspace: FakeWorkspace) -> None:
    window = make_window(qtbot, workspace)
    dialog = RecoveryDialog(workspace, username="amina", parent=window)
    dialog.show()
    dialog.key_edit.setText("AAAA-BBBB")
    dialog.passphrase.passphrase_edit.setText("new moon over water")
    dialog.passphrase.repeat_edit.setText("new moon over water")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert "recovery key" in dialog.message.text()
    assert workspace.store.passphrases["amina"] == ADMIN_PASSPHRASE


def test_first_paint_imports_no_database_or_pdf_library() -> None:
    code = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.views.signin.sign_in_window import SignInWindow
from tests.ui.fakes import created_workspace
import tempfile, pathlib
window = SignInWindow(created_workspace(pathlib.Path(tempfile.mkdtemp())))
window.show()
app.processEvents()
heavy = [m for m in ("sqlalchemy", "sqlcipher3", "reportlab", "storage", "keyring", "pypdf")
         if m in sys.modules]
assert not heavy, heavy
os._exit(0)
"""
    subprocess.run([sys.executable, "-c", code], check=True)
