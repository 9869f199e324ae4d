"""The board as plain lines (what the board page reads): the same referrals as the board's
rows, grouped as of today (overdue first), and a restricted case's referral only for those who
may see the case."""

from __future__ import annotations

from desktop.domain.model.referral_board import (
    BOARD_GROUP_ORDER,
    BoardFilter,
    BoardGroup,
    Line,
    board_line,
    board_row_of,
)
from desktop.domain.services import referral_board, referrals
from desktop.domain.services.referrals import ReferCase
from tests.unit.world import World


def _refer(world: World, dispute_id: int) -> int:
    cmd = ReferCase(dispute_id, world.add_justice_actor(), "Needs legal advice.")
    referral = referrals.refer_case(world.uow, world.admin, world.clock, world.taxonomy, cmd)
    assert referral.id is not None
    return referral.id


def _case(world: World, **changes: object) -> int:
    dispute = world.register(**changes)
    assert dispute.id is not None
    return dispute.id


def test_lines_are_the_board_rows_grouped_as_of_today(world: World) -> None:
    first = _refer(world, _case(world))  # police: due in 14 days
    world.clock.advance(days=10)
    second = _refer(world, _case(world))
    world.clock.advance(days=5)  # the first is overdue now, the second is not
    lines = referral_board.referral_board_lines(world.uow, world.admin, world.clock)
    assert [line[Line.REFERRAL_ID] for line in lines] == [first, second]
    groups = [BOARD_GROUP_ORDER[line[Line.RANK]] for line in lines]
    assert groups == [BoardGroup.OVERDUE, BoardGroup.AWAITING_ACKNOWLEDGEMENT]
    rows = referral_board.referral_board(world.uow, world.admin)
    today = world.clock.today()
    assert [board_row_of(line) for line in lines] == rows
    assert lines == [board_line(row, today) for row in rows]
    assert [row.group(today) for row in rows] == groups
    assert lines[0][Line.SENT_ON] == rows[0].sent_on.isoformat()  # type: ignore[union-attr]


def test_a_restricted_cases_lines_are_only_for_those_who_may_see_it(world: World) -> None:
    secret = _refer(world, _case(world, category="gbv", assigned=(world.user_id("focal"),)))
    plain = _refer(world, _case(world))
    member = referral_board.referral_board_lines(world.uow, world.member, world.clock)
    assert [line[Line.REFERRAL_ID] for line in member] == [plain]
    focal = world.actor("focal")
    assert {
        line[Line.REFERRAL_ID]
        for line in referral_board.referral_board_lines(world.uow, focal, world.clock)
    } == {secret, plain}
    only_plain = BoardFilter(actor_id=member[0][Line.ACTOR_ID])
    lines = referral_board.referral_board_lines(world.uow, focal, world.clock, only_plain)
    assert [line[Line.REFERRAL_ID] for line in lines] == [plain]
