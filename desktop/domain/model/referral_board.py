"""What the referral board, the home screen, a case's pathway and the reports read about
referrals: plain rows, no names of parties (a board row names the case by number and the actor
by its directory name and phone, which is what a paralegal calls)."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Final

from desktop.domain.model.referrals import (
    Direction,
    ReferralOutcome,
    ReferralStatus,
    Urgency,
)


class BoardGroup(StrEnum):
    OVERDUE = "overdue"
    AWAITING_ACKNOWLEDGEMENT = "awaiting_acknowledgement"
    AWAITING_OUTCOME = "awaiting_outcome"
    OWED_BY_US = "owed_by_us"  # incoming: the committee owes the referrer its feedback


@dataclass(frozen=True)
class BoardRow:
    referral_id: int
    dispute_id: int
    number: str  # the case number
    code: str
    direction: Direction
    status: ReferralStatus
    urgency: Urgency
    actor_id: int
    actor_name: str
    actor_kind: str
    actor_phone: str
    sent_on: date | None
    due_on: date | None
    created_by: int | None

    def age_days(self, today: date) -> int:
        return 0 if self.sent_on is None else max(0, (today - self.sent_on).days)

    def is_overdue(self, today: date) -> bool:
        return self.due_on is not None and today > self.due_on

    def group(self, today: date) -> BoardGroup:
        if self.direction is Direction.IN:
            return BoardGroup.OWED_BY_US
        if self.is_overdue(today):
            return BoardGroup.OVERDUE
        if self.status is ReferralStatus.SENT:
            return BoardGroup.AWAITING_ACKNOWLEDGEMENT
        return BoardGroup.AWAITING_OUTCOME


# The order the board shows its groups in (what needs a call first); a BoardLine holds its
# group as the index in this order.
BOARD_GROUP_ORDER: tuple[BoardGroup, ...] = (
    BoardGroup.OVERDUE,
    BoardGroup.AWAITING_ACKNOWLEDGEMENT,
    BoardGroup.AWAITING_OUTCOME,
    BoardGroup.OWED_BY_US,
)

# A board row as a plain tuple, for the board page, which shows tens of thousands of them
# without building an object for each: the fields of BoardRow in order, after the rank of the
# row's group in BOARD_GROUP_ORDER, with enums as their values and dates as ISO strings
# ("2026-03-02"); ``code`` is "" for none. Index a line with Line.
BoardLine = tuple[
    int, int, int, str, str, str, str, str, int, str, str, str, str | None, str | None, int | None
]


class Line:
    """Where each field sits in a BoardLine (Final ints: a type checker knows each field's type)."""

    RANK: Final = 0
    REFERRAL_ID: Final = 1
    DISPUTE_ID: Final = 2
    NUMBER: Final = 3
    CODE: Final = 4
    DIRECTION: Final = 5
    STATUS: Final = 6
    URGENCY: Final = 7
    ACTOR_ID: Final = 8
    ACTOR_NAME: Final = 9
    ACTOR_KIND: Final = 10
    ACTOR_PHONE: Final = 11
    SENT_ON: Final = 12
    DUE_ON: Final = 13
    CREATED_BY: Final = 14


def board_line(row: BoardRow, today: date) -> BoardLine:
    """``row`` as a line, grouped as of ``today``."""
    return (
        BOARD_GROUP_ORDER.index(row.group(today)),
        row.referral_id,
        row.dispute_id,
        row.number,
        row.code,
        row.direction.value,
        row.status.value,
        row.urgency.value,
        row.actor_id,
        row.actor_name,
        row.actor_kind,
        row.actor_phone,
        row.sent_on.isoformat() if row.sent_on else None,
        row.due_on.isoformat() if row.due_on else None,
        row.created_by,
    )


def board_row_of(line: BoardLine) -> BoardRow:
    """The BoardRow a line stands for."""
    sent_on, due_on = line[Line.SENT_ON], line[Line.DUE_ON]
    return BoardRow(
        referral_id=line[Line.REFERRAL_ID],
        dispute_id=line[Line.DISPUTE_ID],
        number=line[Line.NUMBER],
        code=line[Line.CODE],
        direction=Direction(line[Line.DIRECTION]),
        status=ReferralStatus(line[Line.STATUS]),
        urgency=Urgency(line[Line.URGENCY]),
        actor_id=line[Line.ACTOR_ID],
        actor_name=line[Line.ACTOR_NAME],
        actor_kind=line[Line.ACTOR_KIND],
        actor_phone=line[Line.ACTOR_PHONE],
        sent_on=date.fromisoformat(sent_on) if sent_on else None,
        due_on=date.fromisoformat(due_on) if due_on else None,
        created_by=line[Line.CREATED_BY],
    )


@dataclass(frozen=True)
class BoardFilter:
    """Open referrals (sent, acknowledged, accepted), narrowed by actor, by the user who made
    them, by direction, or to those due before a date (overdue ones: ``due_before=today``)."""

    actor_id: int | None = None
    created_by: int | None = None
    direction: Direction | None = None
    due_before: date | None = None


@dataclass(frozen=True)
class BoardCounts:
    awaiting_acknowledgement: int = 0
    awaiting_outcome: int = 0
    overdue: int = 0  # counted in the two above as well
    owed_by_us: int = 0


@dataclass(frozen=True)
class PathwayStep:
    """One step of a case's way between actors: where it came from, or where it was sent."""

    referral_id: int
    direction: Direction
    actor_name: str
    actor_kind: str  # code
    mechanism: str  # formal or informal
    sdg_mechanism: str
    code: str
    status: ReferralStatus
    sent_on: date | None
    due_on: date | None
    feedback_on: date | None
    closed_on: date | None  # completed, declined or withdrawn on
    outcome: ReferralOutcome | None
    overdue: bool


@dataclass(frozen=True)
class ReferralFact:
    """One referral, reduced to what the reports count."""

    direction: Direction
    actor_kind: str
    status: ReferralStatus
    sent_on: date | None
    feedback_on: date | None
    outcome: ReferralOutcome | None
    # The referral's case: the export counts the distinct cases behind a referral table and
    # cell (several referrals of one case are not several people). Never published.
    dispute_id: int


@dataclass(frozen=True)
class ReferralFigures:
    total: int = 0
    by_direction: dict[str, int] = field(default_factory=dict)
    by_actor_kind: dict[str, int] = field(default_factory=dict)
    by_mechanism: dict[str, int] = field(default_factory=dict)  # formal / informal
    by_sdg_mechanism: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    acceptance_rate: float | None = None  # accepted or completed, of those decided
    share_with_feedback: float | None = None  # of those sent
    median_days_to_feedback: float | None = None


def count_by(values: list[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def median_or_none(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None
