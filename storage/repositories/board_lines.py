"""The referral board as plain tuples (desktop.domain.model.referral_board.BoardLine) for the
board page: the board's own query with each row's group worked out in SQL, fetched on the DBAPI
cursor as the tuples it makes (no SQLAlchemy Row, no domain object per row), then grouped by
one stable sort on the rank (the query returns them oldest sent first, in its index's order).
"""

from __future__ import annotations

import gc
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Select, String, case, func, type_coerce

from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.referral_board import (
    BOARD_GROUP_ORDER,
    BoardFilter,
    BoardGroup,
    BoardLine,
)
from desktop.domain.model.referrals import Direction, ReferralStatus
from storage import tables as t
from storage.repositories.referrals import board_statement

r, d, a = t.referrals, t.disputes, t.actors
_RANK = {group: rank for rank, group in enumerate(BOARD_GROUP_ORDER)}
_BY_RANK = itemgetter(0)


def board_lines_statement(board_filter: BoardFilter, scope: CaseScope, today: date) -> Select[Any]:
    """The board's query (same rows, same order) with the columns of a BoardLine; the group
    as BoardRow.group works it out: incoming, else overdue, else by status."""
    rank = case(
        (r.c.direction == Direction.IN.value, _RANK[BoardGroup.OWED_BY_US]),
        (r.c.due_on < today, _RANK[BoardGroup.OVERDUE]),
        (r.c.status == ReferralStatus.SENT.value, _RANK[BoardGroup.AWAITING_ACKNOWLEDGEMENT]),
        else_=_RANK[BoardGroup.AWAITING_OUTCOME],
    )
    return board_statement(board_filter, scope).with_only_columns(
        rank,
        r.c.id,
        r.c.dispute_id,
        d.c.number,
        func.coalesce(r.c.code, ""),
        r.c.direction,
        r.c.status,
        r.c.urgency,
        r.c.actor_id,
        a.c.name,
        a.c.kind,
        a.c.phone,
        type_coerce(r.c.sent_on, String),
        type_coerce(r.c.due_on, String),
        r.c.created_by,
        maintain_column_froms=True,
    )


def read_board_lines(
    conn: Connection, board_filter: BoardFilter, scope: CaseScope, today: date
) -> list[BoardLine]:
    """The lines, grouped in BOARD_GROUP_ORDER and oldest sent first in each group. The
    garbage collector is paused while the cursor builds the tuples: they make no cycles, and
    its passes over the growing heap cost as much as the fetch."""
    result = conn.execute(board_lines_statement(board_filter, scope, today))
    collecting = gc.isenabled()
    gc.disable()
    try:
        lines: list[BoardLine] = result.cursor.fetchall()  # type: ignore[assignment]
        lines.sort(key=_BY_RANK)  # stable: the order of sending is kept inside each group
    finally:
        if collecting:
            gc.enable()
        result.close()
    return lines
