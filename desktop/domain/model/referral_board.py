"""What the referral board, the home screen, a case's pathway and the reports read about
referrals: plain rows, no names of parties (a board row names the case by number and the actor
by its directory name and phone, which is what a paralegal calls)."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

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
