"""The referral board page over a real SQLCipher workspace (cheap KDF, a clock the test moves)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.domain.model.dispute import Channel  # noqa: E402
from desktop.domain.model.referral_board import BoardGroup  # noqa: E402
from desktop.domain.model.referrals import ReferralStatus  # noqa: E402
from desktop.views.referrals.board_labels import left_to_right  # noqa: E402
from desktop.views.referrals.board_model import Column, ReferralBoardModel  # noqa: E402
from desktop.views.referrals.board_page import ReferralBoardPage  # noqa: E402
from tests.ui.board_setup import (  # noqa: E402
    LEGAL_AID_PHONE,
    POLICE_PHONE,
    Board,
)
from tests.ui.board_setup import board as board  # noqa: E402  (the fixture)


@dataclass
class Cases:
    overdue: int  # to the police, sent, due 3 days after the start: overdue 7 days
    awaiting_outcome: int  # to legal aid, acknowledged
    by_paralegal: int  # to the police, sent, made by the paralegal
    incoming: int  # referred to the committee by legal aid


def _fill(b: Board) -> Cases:
    overdue, _ = b.case()
    b.refer(overdue, b.police, due_in=3)
    outcome, _ = b.case()
    b.feedback(b.refer(outcome, b.legal_aid, due_in=30).id or 0, ReferralStatus.ACKNOWLEDGED)
    by_paralegal, _ = b.case()
    b.refer(by_paralegal, b.police, due_in=30, by=b.paralegal)
    incoming, _ = b.case(channel=Channel.REFERRAL_IN, referred_by_actor=b.legal_aid)
    b.clock.advance(days=10)
    return Cases(overdue, outcome, by_paralegal, incoming)


def _page(qtbot: QtBot, b: Board) -> ReferralBoardPage:
    page = ReferralBoardPage(b.opened)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        pass  # the first query, started by the constructor, delivers here
    qtbot.waitUntil(lambda: page.filters.made_by.count() > 1)  # the choices came too
    return page


def _reload(qtbot: QtBot, page: ReferralBoardPage, combo: QComboBox, data: Any) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData(data))


def _ids(page: ReferralBoardPage) -> list[int]:
    rows = (page.model.board_row(r) for r in range(page.model.rowCount()))
    return [row.dispute_id for row in rows if row is not None]


def _cells(page: ReferralBoardPage, column: Column) -> list[str]:
    model = page.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_the_board_groups_open_referrals_overdue_first_with_the_phone_to_call(
    qtbot: QtBot, board: Board
) -> None:
    cases = _fill(board)
    page = _page(qtbot, board)

    assert _ids(page) == [
        cases.overdue,
        cases.by_paralegal,
        cases.awaiting_outcome,
        cases.incoming,
    ]
    assert _cells(page, Column.GROUP) == [
        "Overdue",
        "Not acknowledged",
        "Awaiting outcome",
        "We owe feedback",
    ]
    phones = [left_to_right(p) for p in (POLICE_PHONE, POLICE_PHONE, LEGAL_AID_PHONE)]
    assert _cells(page, Column.PHONE) == [*phones, left_to_right(LEGAL_AID_PHONE)]
    assert _cells(page, Column.AGE)[0] == "10"
    assert _cells(page, Column.MADE_BY)[1] == "Otieno Paralegal"
    overdue_group = page.model.index(0, Column.GROUP)
    assert page.model.data(overdue_group, Qt.ItemDataRole.ForegroundRole) is not None
    assert (
        page.model.data(page.model.index(1, Column.GROUP), Qt.ItemDataRole.ForegroundRole) is None
    )
    counts = page.groups.group_buttons
    assert counts[BoardGroup.OVERDUE].text() == "Overdue: 1"
    assert counts[BoardGroup.OWED_BY_US].text() == "We owe feedback: 1"
    assert page.groups.all_button.text() == "All open: 4"


def test_choosing_a_group_shows_it_alone(qtbot: QtBot, board: Board) -> None:
    cases = _fill(board)
    page = _page(qtbot, board)

    page.groups.group_buttons[BoardGroup.AWAITING_OUTCOME].click()
    assert _ids(page) == [cases.awaiting_outcome]
    page.groups.all_button.click()
    assert len(_ids(page)) == 4


def test_filters_by_actor_by_who_made_it_and_by_direction(qtbot: QtBot, board: Board) -> None:
    cases = _fill(board)
    page = _page(qtbot, board)

    _reload(qtbot, page, page.filters.actor, board.police)
    assert _ids(page) == [cases.overdue, cases.by_paralegal]
    _reload(qtbot, page, page.filters.made_by, board.paralegal.user_id)
    assert _ids(page) == [cases.by_paralegal]
    _reload(qtbot, page, page.filters.actor, None)
    _reload(qtbot, page, page.filters.made_by, None)
    _reload(qtbot, page, page.filters.direction, "in")
    assert _ids(page) == [cases.incoming]
    assert page.groups.all_button.text() == "All open: 1"


def test_enter_and_double_click_open_the_case(qtbot: QtBot, board: Board) -> None:
    cases = _fill(board)
    page = _page(qtbot, board)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(2, Column.ACTOR))

    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [cases.awaiting_outcome]

    page.show()
    qtbot.waitExposed(page)
    rect = page.table.visualRect(page.model.index(0, Column.NUMBER))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [cases.overdue]


def test_an_overdue_row_says_whom_to_call_and_offers_another_actor(
    qtbot: QtBot, board: Board
) -> None:
    cases = _fill(board)
    page = _page(qtbot, board)
    page.table.setCurrentIndex(page.model.index(0, Column.NUMBER))

    assert page.hint.text() == (
        "No feedback yet. Call Kibera Police Station on "
        f"{left_to_right(POLICE_PHONE)}, or refer the case to another actor."
    )
    assert page.refer_button.isEnabled()
    with qtbot.waitSignal(page.refer_case) as referred:
        page.refer_button.click()
    assert referred.args == [cases.overdue]

    page.table.setCurrentIndex(page.model.index(1, Column.NUMBER))  # not overdue
    assert page.hint.text() == ""
    assert not page.refer_button.isEnabled()
    page.table.setCurrentIndex(page.model.index(3, Column.NUMBER))  # incoming
    assert not page.feedback_button.isEnabled()


def test_a_restricted_case_is_not_on_a_members_board(
    qtbot: QtBot, board: Board, tmp_path: Any
) -> None:
    restricted, _ = board.case(restricted=True)
    board.refer(restricted, board.police, due_in=3, by=board.opened.actor)
    open_case, _ = board.case()
    board.refer(open_case, board.police, due_in=3)
    admin_page = _page(qtbot, board)
    assert sorted(_ids(admin_page)) == sorted([restricted, open_case])

    from desktop.domain.services import referral_board

    rows = referral_board.referral_board(board.opened.unit_of_work(), board.paralegal)
    assert [r.dispute_id for r in rows] == [open_case]


def test_the_model_passes_the_model_tester(qtmodeltester: Any, board: Board) -> None:
    _fill(board)
    from desktop.domain.services import referral_board

    rows = referral_board.referral_board(board.opened.unit_of_work(), board.opened.actor)
    model = ReferralBoardModel()
    model.set_rows(rows, board.clock.today())
    qtmodeltester.check(model)
    model.sort(Column.DUE, Qt.SortOrder.DescendingOrder)
    groups = [model.group_at(r) for r in range(model.rowCount())]
    assert groups == [
        BoardGroup.OVERDUE,
        BoardGroup.AWAITING_ACKNOWLEDGEMENT,
        BoardGroup.AWAITING_OUTCOME,
        BoardGroup.OWED_BY_US,
    ]  # a column sorts inside each group; the groups keep their order
    model.set_group(BoardGroup.OVERDUE)
    assert model.rowCount() == 1 and model.counts()[BoardGroup.OWED_BY_US] == 1
    qtmodeltester.check(model)


def test_home_shows_the_counts_and_the_overdue_referrals_and_opens_the_board(
    qtbot: QtBot, board: Board
) -> None:
    from desktop.views.home.home_page import HomePage

    cases = _fill(board)
    home = HomePage(board.opened)
    qtbot.addWidget(home)
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        pass

    counts = home.referral_counts
    assert counts.awaiting_acknowledgement.text() == "2 awaiting acknowledgement"
    assert counts.awaiting_outcome.text() == "1 awaiting an outcome"
    assert counts.overdue.text() == "1 overdue"
    assert "color" in counts.overdue.styleSheet()
    assert home.agenda is not None
    late = home.agenda.referrals_awaiting_feedback
    assert [(i.dispute_id, i.days) for i in late] == [(cases.overdue, 7)]
    with qtbot.waitSignal(home.show_referrals):
        counts.open_button.click()


def test_the_model_over_the_lines_passes_the_model_tester_and_sorts_inside_groups(
    qtmodeltester: Any, board: Board
) -> None:
    _fill(board)
    from desktop.domain.services import referral_board

    o = board.opened
    lines = referral_board.referral_board_lines(o.unit_of_work(), o.actor, o.clock)
    model = ReferralBoardModel()
    model.set_lines(lines, board.clock.today())
    qtmodeltester.check(model)
    assert model.counts() == {
        BoardGroup.OVERDUE: 1,
        BoardGroup.AWAITING_ACKNOWLEDGEMENT: 1,
        BoardGroup.AWAITING_OUTCOME: 1,
        BoardGroup.OWED_BY_US: 1,
    }
    model.sort(Column.GROUP, Qt.SortOrder.DescendingOrder)
    assert model.group_at(0) is BoardGroup.OWED_BY_US
    model.sort(-1)
    assert [model.group_at(r) for r in range(4)] == [
        BoardGroup.OVERDUE,
        BoardGroup.AWAITING_ACKNOWLEDGEMENT,
        BoardGroup.AWAITING_OUTCOME,
        BoardGroup.OWED_BY_US,
    ]
    assert lines[0][0] == 0  # the lines as they came are never sorted in place
    model.set_group(BoardGroup.AWAITING_OUTCOME)
    [row] = [model.board_row(r) for r in range(model.rowCount())]
    assert row is not None and row.status is ReferralStatus.ACKNOWLEDGED
    assert model.data(model.index(0, Column.AGE)) == "10"
    qtmodeltester.check(model)
