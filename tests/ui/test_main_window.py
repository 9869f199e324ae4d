"""The main window: pages by role, the status bar, locking by hand, by Ctrl+L and when idle."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.views.controller import AppController
from desktop.views.main_window import MainWindow
from desktop.views.signin.sign_in_window import SignInWindow
from storage.open_workspace import SqlOpenWorkspace
from storage.workspace import SqlCipherWorkspace
from tests.ui.fakes import ADMIN_PASSPHRASE, FakeWorkspace
from tests.ui.real import MEMBER_PASSPHRASE, real_workspace

# The main window builds the real pages (home agenda, case list...): a real workspace.


@pytest.fixture
def workspace(tmp_path: Path) -> SqlCipherWorkspace:
    return real_workspace(tmp_path / "workspace")


@pytest.fixture
def admin(workspace: SqlCipherWorkspace) -> Iterator[SqlOpenWorkspace]:
    opened = workspace.sign_in("amina", ADMIN_PASSPHRASE)
    yield opened
    opened.close()


def closed(opened: SqlOpenWorkspace) -> bool:
    return opened._engine is None and opened._keys is None


def make_window(qtbot: QtBot, opened: SqlOpenWorkspace, **kwargs: int) -> MainWindow:
    window = MainWindow(opened, **kwargs)
    qtbot.addWidget(window)
    window.show()
    return window


def test_administrator_sees_users_page(qtbot: QtBot, admin: SqlOpenWorkspace) -> None:
    window = make_window(qtbot, admin)
    assert window.page_keys() == [
        "home",
        "cases",
        "referrals",
        "actors",
        "reports",
        "users",
        "audit",
        "settings",
    ]
    assert window.users_page is not None
    window.show_page("users")
    assert window.pages.currentWidget() is window.users_page


def test_member_has_no_users_page(qtbot: QtBot, workspace: SqlCipherWorkspace) -> None:
    member = workspace.sign_in("baraka", MEMBER_PASSPHRASE)
    window = make_window(qtbot, member)
    assert "users" not in window.page_keys()
    assert window.users_page is None


def test_status_bar_names_the_user_and_role(qtbot: QtBot, admin: SqlOpenWorkspace) -> None:
    window = make_window(qtbot, admin)
    assert window.user_label.text() == "Signed in as Amina Otieno (Administrator)"
    assert "Kibera Peace Committee" in window.windowTitle()


def test_auto_lock_interval_comes_from_the_committee(qtbot: QtBot, admin: SqlOpenWorkspace) -> None:
    with admin.unit_of_work() as uow:
        committee = uow.committee.get()
        committee.auto_lock_minutes = 7
        uow.committee.save(committee)
        uow.commit()
    window = make_window(qtbot, admin)
    assert window.idle.timer.interval() == 7 * 60_000


def test_lock_button_emits_locked(qtbot: QtBot, admin: SqlOpenWorkspace) -> None:
    window = make_window(qtbot, admin)
    with qtbot.waitSignal(window.locked):
        qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))


def test_idle_locks(qtbot: QtBot, admin: SqlOpenWorkspace) -> None:
    window = make_window(qtbot, admin, idle_lock_ms=150)
    with qtbot.waitSignal(window.locked, timeout=3000):
        pass


def test_input_restarts_the_idle_timer(qtbot: QtBot, admin: SqlOpenWorkspace) -> None:
    window = make_window(qtbot, admin, idle_lock_ms=5000)
    timer = window.idle.timer
    qtbot.waitUntil(lambda: timer.remainingTime() < 4800)
    before = timer.remainingTime()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert timer.remainingTime() > before + 150


def sign_in_through(qtbot: QtBot, controller: AppController) -> MainWindow:
    sign_in = controller.window
    assert isinstance(sign_in, SignInWindow)
    sign_in.username_edit.setText("amina")
    sign_in.passphrase_edit.setText(ADMIN_PASSPHRASE)
    with qtbot.waitSignal(controller.window_changed):
        sign_in.submit()
    window = controller.window
    assert isinstance(window, MainWindow)
    return window


def test_ctrl_l_locks_closes_the_workspace_and_returns_to_sign_in(
    qtbot: QtBot, workspace: SqlCipherWorkspace
) -> None:
    controller = AppController(workspace)
    controller.start(style=False)
    window = sign_in_through(qtbot, controller)
    opened = controller.open_workspace
    assert isinstance(opened, SqlOpenWorkspace)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(controller.window_changed):
        qtbot.keyClick(window.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert closed(opened)
    assert controller.open_workspace is None
    assert isinstance(controller.window, SignInWindow)
    assert controller.window.isVisible()
    assert controller.window.passphrase_edit.text() == ""
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))  # every view is gone


def test_idle_lock_through_the_controller(qtbot: QtBot, workspace: SqlCipherWorkspace) -> None:
    controller = AppController(workspace, idle_lock_ms=200)
    controller.start(style=False)
    sign_in_through(qtbot, controller)
    opened = controller.open_workspace
    assert isinstance(opened, SqlOpenWorkspace)
    qtbot.waitUntil(lambda: isinstance(controller.window, SignInWindow), timeout=3000)
    assert closed(opened)


def test_closing_the_window_closes_the_workspace(
    qtbot: QtBot, workspace: SqlCipherWorkspace
) -> None:
    controller = AppController(workspace)
    controller.start(style=False)
    window = sign_in_through(qtbot, controller)
    opened = controller.open_workspace
    assert isinstance(opened, SqlOpenWorkspace)
    window.close()
    assert closed(opened)


def test_controller_starts_with_the_wizard_when_there_is_no_workspace(
    qtbot: QtBot, new_workspace: FakeWorkspace
) -> None:
    from desktop.views.wizard.setup_wizard import SetupWizard

    controller = AppController(new_workspace)
    controller.start(style=False)
    assert isinstance(controller.window, SetupWizard)
