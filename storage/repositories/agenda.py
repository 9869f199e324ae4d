"""The home screen's queries: a few aggregates over the case tables, never a name or a sealed
column (the agenda lists case numbers only), and never a restricted case outside the scope."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select

from desktop.domain.model.agenda import (
    Appointment,
    DueFollowUp,
    MonthCounts,
    StatusAge,
    moved_into,
)
from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.dispute import Status
from storage import tables as t
from storage.repositories._common import Repo
from storage.repositories.case_list import scope_clause

d = t.disputes
h = t.hearings
SUBJECT_PREFIX = "dispute:"


class SqlAgendaQueries(Repo):
    def appointments(
        self, statuses: frozenset[Status], until: date, scope: CaseScope
    ) -> list[Appointment]:
        nobody = h.c.parties_present == "[]"
        planned_next = func.max(h.c.next_date)
        planned_empty = func.max(case((nobody, h.c.held_on)))
        held = func.max(case((~nobody, h.c.held_on)))
        query = (
            select(d.c.id, d.c.number, planned_next, planned_empty, held)
            .join(h, h.c.dispute_id == d.c.id)
            .where(d.c.status.in_([s.value for s in statuses]), scope_clause(scope))
            .group_by(d.c.id)
        )
        result = []
        for dispute_id, number, next_date, scheduled, last_held in self._conn.execute(query):
            planned = max((p for p in (_day(next_date), _day(scheduled)) if p), default=None)
            if planned is not None and planned <= until:
                result.append(Appointment(dispute_id, number, planned, _day(last_held)))
        return result

    def follow_ups_due(
        self, statuses: frozenset[Status], until: date, scope: CaseScope
    ) -> list[DueFollowUp]:
        f = t.follow_ups
        query = (
            select(f.c.id, f.c.dispute_id, d.c.number, f.c.due_on)
            .join(d, d.c.id == f.c.dispute_id)
            .where(
                f.c.result.is_(None),
                f.c.due_on <= until,
                d.c.status.in_([s.value for s in statuses]),
                scope_clause(scope),
            )
        )
        return [DueFollowUp(*row) for row in self._conn.execute(query)]

    def status_ages(self, received_by: Mapping[Status, date], scope: CaseScope) -> list[StatusAge]:
        if not received_by:
            return []
        query = select(d.c.id, d.c.number, d.c.status, d.c.received_on).where(
            or_(
                *(
                    and_(d.c.status == s.value, d.c.received_on <= day)
                    for s, day in received_by.items()
                )
            ),
            scope_clause(scope),
        )
        cases = {row.id: row for row in self._conn.execute(query)}
        changed = self._status_changes(cases)
        return [
            StatusAge(i, row.number, Status(row.status), row.received_on, changed.get(i))
            for i, row in cases.items()
        ]

    def _status_changes(self, cases: Mapping[int, Any]) -> dict[int, date]:
        """dispute id -> the day of the latest audited change into its current status."""
        if not cases:
            return {}
        a = t.audit
        query = select(a.c.subject, a.c.at, a.c.detail).where(
            a.c.subject.like(f"{SUBJECT_PREFIX}%"), a.c.detail.like("%to=%")
        )
        latest: dict[int, date] = {}
        for subject, at, detail in self._conn.execute(query):
            text = subject[len(SUBJECT_PREFIX) :]
            if not text.isdigit() or int(text) not in cases:
                continue
            dispute_id = int(text)
            if moved_into(detail) != cases[dispute_id].status:
                continue
            day = at.date()
            if dispute_id not in latest or day > latest[dispute_id]:
                latest[dispute_id] = day
        return latest

    def month_counts(self, first: date, last: date, scope: CaseScope) -> MonthCounts:
        o, g = t.outcomes, t.agreements
        registered = self._conn.scalar(
            select(func.count()).where(d.c.received_on.between(first, last), scope_clause(scope))
        )
        closed = self._conn.scalar(
            select(func.count())
            .select_from(o.join(d, d.c.id == o.c.dispute_id))
            .where(
                o.c.closed_on.between(first, last),
                d.c.status == Status.CLOSED.value,
                scope_clause(scope),
            )
        )
        agreements = self._conn.scalar(
            select(func.count())
            .select_from(g.join(d, d.c.id == g.c.dispute_id))
            .where(g.c.agreed_on.between(first, last), scope_clause(scope))
        )
        return MonthCounts(int(registered or 0), int(closed or 0), int(agreements or 0))


def _day(value: object) -> date | None:
    """A date from an aggregate (SQLite hands MAX() back as ISO text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
