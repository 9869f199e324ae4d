"""The referral board and the actor directory in the main window: Home's counts open the board,
the board is read when shown, and "Refer to another actor" opens the case's referral dialog."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.domain.model.users import Role, User
from desktop.views.main_window import MainWindow
from tests.ui.board_setup import Board
from tests.ui.board_setup import board as board  # noqa: F401  (the fixture)

OFFICER_PASSPHRASE = "a river runs past the hill"


def _window(qtbot: QtBot, b: Board) -> MainWindow:
    window = MainWindow(b.opened)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def test_the_board_is_read_when_shown_and_refers_a_case_again(qtbot: QtBot, board: Board) -> None:
    dispute_id, number = board.case()
    board.refer(dispute_id, board.police, due_in=3)
    board.clock.advance(days=10)
    window = _window(qtbot, board)
    page = window.referrals_page
    assert page is not None and page.model.rowCount() == 0  # nothing read at sign-in
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        window.show_page("referrals")
    assert page.model.rowCount() == 1
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.refer_button.isEnabled()
    page.refer_button.click()

    assert window.pages.currentWidget() is window.cases_area
    assert window.cases_area is not None
    screen = window.cases_area.case_screen
    assert screen is not None
    assert screen.view.sections.currentWidget() is screen.referrals
    dialog = screen.referrals.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_home_opens_the_board(qtbot: QtBot, board: Board) -> None:
    window = _window(qtbot, board)
    assert window.home_page is not None
    window.home_page.show_referrals.emit()
    assert window.pages.currentWidget() is window.referrals_page
    assert window.actors_page is not None
    assert window.page_keys()[:4] == ["home", "cases", "referrals", "actors"]


def test_a_programme_officer_gets_the_directory_and_reports_but_no_cases(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace

    workspace = create_workspace(tmp_path / "ws")[0]
    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        admin.add_user(User("grace", "Grace Officer", Role.PROGRAMME_OFFICER), OFFICER_PASSPHRASE)
    finally:
        admin.close()
    officer = workspace.sign_in("grace", OFFICER_PASSPHRASE)
    try:
        window = MainWindow(officer)
        qtbot.addWidget(window)
        assert window.page_keys() == ["home", "actors", "reports"]
        assert window.referrals_page is None and window.cases_area is None
        assert window.reports_page is not None
        window.close()
    finally:
        officer.close()
