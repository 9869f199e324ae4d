"""The referral board, counts and report facts over the in-memory state, following the SQL
repository's rules: open referrals only, restricted cases outside the scope never returned."""

from __future__ import annotations

import copy
from datetime import date
from typing import TYPE_CHECKING

from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.referral_board import (
    BoardCounts,
    BoardFilter,
    BoardGroup,
    BoardLine,
    BoardRow,
    ReferralFact,
    board_line,
)
from desktop.domain.model.referrals import OPEN_STATUSES, Direction, Referral
from tests.unit.fake_case_list import _admits

if TYPE_CHECKING:
    from tests.unit.fakes import State


def by_code(state: State, code: str) -> Referral | None:
    found = next((r for r in state.referrals.values() if r.code and r.code == code), None)
    return copy.deepcopy(found)


def _matches(board_filter: BoardFilter, referral: Referral) -> bool:
    f = board_filter
    return (
        (f.actor_id is None or referral.actor_id == f.actor_id)
        and (f.created_by is None or referral.created_by == f.created_by)
        and (f.direction is None or referral.direction is f.direction)
        and (
            f.due_before is None or (referral.due_on is not None and referral.due_on < f.due_before)
        )
    )


def board(state: State, board_filter: BoardFilter, scope: CaseScope) -> list[BoardRow]:
    rows = []
    for referral in state.referrals.values():
        dispute = state.disputes[referral.dispute_id]
        if referral.status not in OPEN_STATUSES or not _admits(scope, dispute):
            continue
        if not _matches(board_filter, referral):
            continue
        actor = state.actors[referral.actor_id]
        assert referral.id is not None
        rows.append(
            BoardRow(
                referral_id=referral.id,
                dispute_id=referral.dispute_id,
                number=dispute.number,
                code=referral.code,
                direction=referral.direction,
                status=referral.status,
                urgency=referral.urgency,
                actor_id=referral.actor_id,
                actor_name=actor.name,
                actor_kind=actor.kind,
                actor_phone=actor.phone,
                sent_on=referral.sent_on,
                due_on=referral.due_on,
                created_by=referral.created_by,
            )
        )
    return sorted(rows, key=lambda r: (r.sent_on or date.max, r.referral_id))


def board_lines(
    state: State, board_filter: BoardFilter, scope: CaseScope, today: date
) -> list[BoardLine]:
    lines = [board_line(row, today) for row in board(state, board_filter, scope)]
    return sorted(lines, key=lambda line: line[0])  # stable: oldest sent first in each group


def board_counts(state: State, today: date, scope: CaseScope) -> BoardCounts:
    groups = [row.group(today) for row in board(state, BoardFilter(), scope)]
    rows = board(state, BoardFilter(direction=Direction.OUT), scope)
    return BoardCounts(
        awaiting_acknowledgement=sum(1 for r in rows if r.status.value == "sent"),
        awaiting_outcome=sum(1 for r in rows if r.status.value != "sent"),
        overdue=groups.count(BoardGroup.OVERDUE),
        owed_by_us=groups.count(BoardGroup.OWED_BY_US),
    )


def facts(state: State, first: date, last: date) -> list[ReferralFact]:
    result = []
    for referral in state.referrals.values():
        actor = state.actors[referral.actor_id]
        if referral.sent_on is None or not first <= referral.sent_on <= last:
            continue
        result.append(
            ReferralFact(
                direction=referral.direction,
                actor_kind=actor.kind,
                status=referral.status,
                sent_on=referral.sent_on,
                feedback_on=referral.feedback_on,
                outcome=referral.outcome,
                dispute_id=referral.dispute_id,
            )
        )
    return result
