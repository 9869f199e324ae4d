"""Recording feedback by code (RecordFeedbackDialog) over a real SQLCipher workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.domain.model.referral_code import ALPHABET  # noqa: E402
from desktop.domain.model.referrals import Referral, ReferralOutcome, ReferralStatus  # noqa: E402
from desktop.views.referrals.board_model import Column  # noqa: E402
from desktop.views.referrals.board_page import ReferralBoardPage  # noqa: E402
from desktop.views.referrals.feedback_dialog import RecordFeedbackDialog  # noqa: E402
from tests.ui.board_setup import Board  # noqa: E402
from tests.ui.board_setup import board as board  # noqa: E402  (the fixture)


def _referral(b: Board, due_in: int = 14) -> tuple[Referral, str]:
    dispute_id, number = b.case()
    referral = b.refer(dispute_id, b.police, due_in=due_in)
    assert referral.id is not None and referral.code
    return referral, number


def _typo(code: str) -> str:
    """The code with its second character changed: what a slip misread looks like."""
    wrong = next(c for c in ALPHABET if c != code[1])
    return code[0] + wrong + code[2:]


def _dialog(qtbot: QtBot, b: Board, code: str | None = None) -> RecordFeedbackDialog:
    dialog = RecordFeedbackDialog(b.opened, code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _type_code(qtbot: QtBot, dialog: RecordFeedbackDialog, text: str) -> None:
    qtbot.keyClicks(dialog.code.edit, text)
    qtbot.waitUntil(lambda: dialog.code.card is not None or dialog.code.has_error())


def test_focus_starts_in_the_code_field(qtbot: QtBot, board: Board) -> None:
    dialog = _dialog(qtbot, board)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.code.edit)
    assert not dialog.save_button.isEnabled()


def test_a_code_with_a_typo_is_caught_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, board: Board
) -> None:
    referral, _ = _referral(board)
    dialog = _dialog(qtbot, board)

    _type_code(qtbot, dialog, _typo(referral.code).lower().replace("-", " "))

    assert dialog.code.has_error()
    assert dialog.code.error.text().startswith("This code has a typo")
    assert dialog.code.card is None
    assert not dialog.next_button.isEnabled() and not dialog.save_button.isEnabled()
    dialog.save(keep_open=False)
    assert board.stored(referral.id or 0).status is ReferralStatus.SENT


def test_the_right_code_in_lower_case_finds_the_referral_and_saves_the_answer(
    qtbot: QtBot, board: Board
) -> None:
    referral, number = _referral(board)
    page = ReferralBoardPage(board.opened)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        pass
    assert page.model.data(page.model.index(0, Column.STATUS)) == "Sent"
    dialog = page.record_feedback(None)
    qtbot.waitExposed(dialog)

    _type_code(qtbot, dialog, referral.code.lower().replace("-", ""))

    assert not dialog.code.has_error()
    assert number in dialog.code.result.text()
    assert "Kibera Police Station" in dialog.code.result.text()
    assert dialog.legal_answers() == [
        ReferralStatus.ACKNOWLEDGED,
        ReferralStatus.ACCEPTED,
        ReferralStatus.DECLINED,
        ReferralStatus.COMPLETED,
    ]
    dialog.choose(ReferralStatus.ACCEPTED)
    qtbot.keyClicks(dialog.given_by, "Inspector Wafula")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        dialog.save_button.click()

    stored = board.stored(referral.id or 0)
    assert stored.status is ReferralStatus.ACCEPTED
    assert stored.feedback_from == "Inspector Wafula"
    assert stored.decided_on == board.clock.today()
    assert page.model.data(page.model.index(0, Column.STATUS)) == "Accepted"
    assert page.model.data(page.model.index(0, Column.GROUP)) == "Awaiting outcome"


def test_only_the_legal_next_answers_are_offered(qtbot: QtBot, board: Board) -> None:
    referral, _ = _referral(board)
    board.feedback(referral.id or 0, ReferralStatus.ACCEPTED)
    dialog = _dialog(qtbot, board, referral.code)
    qtbot.waitUntil(lambda: dialog.code.card is not None)

    assert dialog.legal_answers() == [ReferralStatus.COMPLETED]
    visible = [b.text() for b in dialog.answers.buttons() if b.isVisibleTo(dialog)]
    assert visible == ["Completed"]


def test_declined_without_a_reason_is_refused_beside_the_reason(qtbot: QtBot, board: Board) -> None:
    referral, _ = _referral(board)
    dialog = _dialog(qtbot, board, referral.code)
    qtbot.waitUntil(lambda: dialog.code.card is not None)
    assert not dialog.fields["reason"].isVisible()

    dialog.choose(ReferralStatus.DECLINED)
    assert dialog.fields["reason"].isVisible()
    dialog.save_button.click()

    reason = dialog.fields["reason"]
    qtbot.waitUntil(reason.has_error)
    assert dialog.isVisible()
    assert board.stored(referral.id or 0).status is ReferralStatus.SENT

    qtbot.keyClicks(dialog.reason, "Not their area.")
    assert not reason.has_error()
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save_button.click()
    stored = board.stored(referral.id or 0)
    assert stored.status is ReferralStatus.DECLINED
    assert stored.status_reason == "Not their area."


def test_completed_needs_an_outcome(qtbot: QtBot, board: Board) -> None:
    referral, _ = _referral(board)
    dialog = _dialog(qtbot, board, referral.code)
    qtbot.waitUntil(lambda: dialog.code.card is not None)
    dialog.choose(ReferralStatus.COMPLETED)
    dialog.save_button.click()
    qtbot.waitUntil(dialog.fields["outcome"].has_error)
    assert board.stored(referral.id or 0).status is ReferralStatus.SENT

    dialog.outcome.setCurrentIndex(dialog.outcome.findData(ReferralOutcome.ACTION_TAKEN.value))
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save_button.click()
    assert board.stored(referral.id or 0).outcome is ReferralOutcome.ACTION_TAKEN


def test_a_scanned_code_and_enter_moves_to_the_answer_and_saves_nothing(
    qtbot: QtBot, board: Board
) -> None:
    first, _ = _referral(board)
    second, _ = _referral(board)
    dialog = _dialog(qtbot, board)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.code.edit)

    qtbot.keyClicks(dialog.code.edit, first.code + "\r")  # what a USB scanner types

    acknowledged = dialog.answers.button(0)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is acknowledged)
    assert dialog.isVisible()
    assert board.stored(first.id or 0).status is ReferralStatus.SENT

    qtbot.keyClick(acknowledged, Qt.Key.Key_Space)  # choose the focused answer
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.keyClick(acknowledged, Qt.Key.Key_Return)  # Enter: "Save and next"

    assert board.stored(first.id or 0).status is ReferralStatus.ACKNOWLEDGED
    assert dialog.isVisible()  # ready for the next slip
    assert dialog.code.edit.text() == ""
    assert QApplication.focusWidget() is dialog.code.edit
    assert dialog.chosen() is None

    qtbot.keyClicks(dialog.code.edit, second.code.replace("-", "") + "\r")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.answers.button(0))
    assert dialog.code.card is not None and dialog.code.card.referral.id == second.id
    assert dialog.saved_count == 1
