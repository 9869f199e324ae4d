"""The settings page over a real workspace: auto-lock saved by an administrator, backups."""

from __future__ import annotations

from datetime import datetime
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


def test_an_administrator_sets_the_contact_printed_on_referral_letters(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from desktop.views.referrals.letter_print import letter_words, write_referral_pdf
    from desktop.views.settings.settings_page import SettingsPage
    from tests.ui.board_setup import START, Board
    from tests.unit.fakes import FixedClock

    created, _ = create_workspace(tmp_path / "ws")
    clock = FixedClock(datetime(START.year, START.month, START.day, 9, 30))
    created.clock = clock
    board = Board(created.sign_in(ADMIN, ADMIN_PASSPHRASE), clock)
    page = SettingsPage(board.opened, 5)
    qtbot.addWidget(page)
    assert not page.contact.isHidden() and page.contact.text() == ""
    page.contact.setText("  0712 000 111, Chief's camp  ")
    page.save_contact()
    qtbot.waitUntil(lambda: page.contact_button.isEnabled(), timeout=10_000)
    assert page.contact.text() == "0712 000 111, Chief's camp"
    assert board.opened.committee().contact == "0712 000 111, Chief's camp"
    dispute_id, _number = board.case()
    referral = board.refer(dispute_id, board.police, due_in=7)
    assert referral.id is not None
    target = write_referral_pdf(board.opened, referral.id, tmp_path / "r.pdf", letter_words())
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert text.count("0712 000 111, Chief's camp") >= 2  # the letterhead and the slip
    board.opened.close()
