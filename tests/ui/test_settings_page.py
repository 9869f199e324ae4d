"""The settings page over a real workspace: auto-lock saved by an administrator, backups."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.model.users import Role, User
from desktop.views.main_window import MainWindow
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace

pytest.importorskip("sqlcipher3")


@pytest.fixture
def workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    created, _ = create_workspace(tmp_path / "ws")
    return created


def test_an_administrator_sets_auto_lock_and_it_is_kept(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    window = MainWindow(opened)
    qtbot.addWidget(window)
    page = window.settings_page
    assert page is not None and "settings" in window.page_keys()
    page.auto_lock.setValue(12)
    with qtbot.waitSignal(page.auto_lock_changed, timeout=10_000) as changed:
        page.save()
    assert changed.args == [12]
    assert window.idle.timer.interval() == 12 * 60_000
    assert opened.committee().auto_lock_minutes == 12
    assert page.auto_lock.maximum() == 15 and page.auto_lock.minimum() == 1
    window.close()
    opened.close()


def test_back_up_now_writes_a_verified_backup(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    window = MainWindow(opened)
    qtbot.addWidget(window)
    page = window.settings_page
    assert page is not None
    page.back_up()
    qtbot.waitUntil(lambda: page.backup_button.isEnabled(), timeout=10_000)
    backups = list((workspace.folder / "backups").glob("suluhu-*.db"))
    assert len(backups) == 1
    assert str(backups[0]) in page.message.text()
    window.close()
    opened.close()


def test_a_member_may_back_up_but_not_change_auto_lock(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    admin.add_user(User("baraka", "Baraka Member", Role.MEMBER), "Member-passphrase-42")
    admin.close()
    opened = workspace.sign_in("baraka", "Member-passphrase-42")
    window = MainWindow(opened)
    qtbot.addWidget(window)
    page = window.settings_page
    assert page is not None
    assert page.auto_lock.isHidden() and page.save_button.isHidden()
    assert not page.backup_button.isHidden()
    window.close()
    opened.close()


def test_a_programme_officer_has_no_settings_page(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    officer = User("officer", "Programme Officer", Role.PROGRAMME_OFFICER)
    admin.add_user(officer, "Officer-passphrase-42")
    admin.close()
    opened = workspace.sign_in("officer", "Officer-passphrase-42")
    window = MainWindow(opened)
    qtbot.addWidget(window)
    assert window.settings_page is None and "settings" not in window.page_keys()
    window.close()
    opened.close()
