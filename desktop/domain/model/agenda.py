"""What the home screen shows: the facts the agenda queries return, and the agenda itself.

Every item names its case by id and number only, never by a party's name: the home screen is
on a shared laptop and can be read over a shoulder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.domain.model.dispute import Status


@dataclass(frozen=True)
class Appointment:
    """A case's latest planned hearing date (a recorded hearing's next date, or a hearing
    scheduled with no one present yet) and the latest hearing held with parties present."""

    dispute_id: int
    number: str
    planned: date
    last_held: date | None


@dataclass(frozen=True)
class DueFollowUp:
    follow_up_id: int
    dispute_id: int
    number: str
    due_on: date


@dataclass(frozen=True)
class StatusAge:
    """An open case, its status and when it entered that status as far as the workspace knows:
    the date of the latest audited change into the status, if any (cases loaded in bulk have
    none; then the date the case was received counts)."""

    dispute_id: int
    number: str
    status: Status
    received_on: date
    changed_on: date | None

    @property
    def since(self) -> date:
        if self.changed_on is None:
            return self.received_on
        return max(self.received_on, self.changed_on)


@dataclass(frozen=True)
class MonthCounts:
    registered: int = 0  # cases received in the month
    closed: int = 0  # cases closed in the month (withdrawn ones not counted)
    agreements: int = 0  # agreements reached in the month


@dataclass(frozen=True)
class AgendaItem:
    """One line on the home screen: a case (id and number only) and the date it concerns."""

    dispute_id: int
    number: str
    on: date  # due date of the hearing or follow-up; for a waiting case, since when
    days: int  # days overdue (0 when due today); for a waiting case, days in the status
    status: Status | None = None  # for a waiting case, the status it is waiting in
    follow_up_id: int | None = None


@dataclass(frozen=True)
class Agenda:
    today: date
    hearings_today: list[AgendaItem] = field(default_factory=list)
    hearings_overdue: list[AgendaItem] = field(default_factory=list)
    follow_ups_today: list[AgendaItem] = field(default_factory=list)
    follow_ups_overdue: list[AgendaItem] = field(default_factory=list)
    waiting: list[AgendaItem] = field(default_factory=list)
    referrals_awaiting_feedback: list[AgendaItem] = field(default_factory=list)  # later issue
    month: MonthCounts = field(default_factory=MonthCounts)


def moved_into(detail: str) -> str | None:
    """The status an audit event moved its case into (the use cases that change a status write
    ``from=<status> to=<status>`` in the detail), or None when it changed no status."""
    values = dict(part.partition("=")[::2] for part in detail.split(" ") if "=" in part)
    target = values.get("to")
    if not target or target == values.get("from"):
        return None
    return target
