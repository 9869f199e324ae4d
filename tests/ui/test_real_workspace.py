"""The views over the real SQLCipher workspace (cheap KDF): set up, sign in, manage users, lock.

The fake covers the edge cases; this checks the views and storage agree, including calls made
from the background worker thread.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.views.controller import AppController  # noqa: E402
from desktop.views.main_window import MainWindow  # noqa: E402
from desktop.views.signin.sign_in_window import SignInWindow  # noqa: E402
from desktop.views.users.add_user_dialog import AddUserDialog  # noqa: E402
from desktop.views.wizard.setup_wizard import PageId, SetupWizard  # noqa: E402

PASSPHRASE = "mango river lamp stone"


@pytest.fixture
def real_workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    from storage.secrets import DeviceSecretStore
    from storage.workspace import SqlCipherWorkspace
    from tests.support import CHEAP_KDF, MemoryKeyring

    return SqlCipherWorkspace(
        tmp_path / "ws", secrets=DeviceSecretStore(MemoryKeyring()), kdf=CHEAP_KDF
    )


def test_set_up_sign_in_add_and_remove_a_user_then_lock(qtbot: QtBot, real_workspace) -> None:  # type: ignore[no-untyped-def]
    controller = AppController(real_workspace)
    controller.start(style=False)
    wizard = controller.window
    assert isinstance(wizard, SetupWizard)
    wizard.next()
    wizard.committee_page.name_edit.setText("Kibera Peace Committee")
    wizard.committee_page.area_edit.setText("Nairobi > Kibera")
    wizard.next()
    admin = wizard.administrator_page
    admin.display_name_edit.setText("Amina Otieno")
    admin.passphrase.passphrase_edit.setText(PASSPHRASE)
    admin.passphrase.repeat_edit.setText(PASSPHRASE)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.RECOVERY_KEY, timeout=20_000)
    assert wizard.created is not None and wizard.created.recovery_key
    wizard.recovery_page.panel.confirm_box.setChecked(True)
    with qtbot.waitSignal(controller.window_changed):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    sign_in = controller.window
    assert isinstance(sign_in, SignInWindow)
    assert sign_in.committee_label.text() == "Kibera Peace Committee"
    sign_in.passphrase_edit.setText("wrong passphrase here")
    sign_in.submit()
    qtbot.waitUntil(lambda: sign_in.message.isVisible() and not sign_in.is_busy(), timeout=20_000)
    sign_in.countdown.stop()
    sign_in.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(controller.window_changed, timeout=20_000):
        sign_in.submit()

    window = controller.window
    assert isinstance(window, MainWindow)
    assert "Amina Otieno" in window.user_label.text()
    page = window.users_page
    assert page is not None
    dialog = AddUserDialog(window.users_page._workspace, page)  # type: ignore[union-attr]
    dialog.added.connect(page._user_added)
    dialog.display_name_edit.setText("Baraka Mwangi")
    dialog.username_edit.setText("baraka")
    dialog.passphrase.passphrase_edit.setText("blue goat under tree")
    dialog.passphrase.repeat_edit.setText("blue goat under tree")
    with qtbot.waitSignal(dialog.added, timeout=20_000):
        dialog.submit()
    assert page.model.row_of("baraka") >= 0

    page.table.selectRow(page.model.row_of("baraka"))
    page.confirm_remove()
    box = page.findChild(QMessageBox, "confirmRemove")
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "Remove").click()
    qtbot.waitUntil(lambda: page.model.row_of("baraka") < 0, timeout=20_000)

    opened = controller.open_workspace
    with qtbot.waitSignal(controller.window_changed):
        qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert isinstance(controller.window, SignInWindow)
    with pytest.raises(Exception):  # noqa: B017 - any error: the workspace is closed
        opened.committee()  # type: ignore[union-attr]
