"""The in-memory AgendaQueries of FakeUnitOfWork (kept apart to keep fakes.py small)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from desktop.domain.model.agenda import (
    Appointment,
    DueFollowUp,
    MonthCounts,
    StatusAge,
    moved_into,
)
from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.dispute import Dispute, Status

if TYPE_CHECKING:
    from tests.unit.fakes import FakeUnitOfWork, State


def admits(scope: CaseScope, dispute: Dispute) -> bool:
    if not dispute.restricted or scope.all_restricted:
        return True
    return scope.assigned_user is not None and scope.assigned_user in dispute.assigned


class FakeAgendaQueries:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def _s(self) -> State:
        return self._uow.working()

    def _cases(self, statuses: frozenset[Status], scope: CaseScope) -> dict[int, Dispute]:
        return {
            i: d for i, d in self._s.disputes.items() if d.status in statuses and admits(scope, d)
        }

    def appointments(
        self, statuses: frozenset[Status], until: date, scope: CaseScope
    ) -> list[Appointment]:
        cases = self._cases(statuses, scope)
        result = []
        for dispute_id, dispute in cases.items():
            hearings = [h for h in self._s.hearings.values() if h.dispute_id == dispute_id]
            planned = [h.next_date for h in hearings if h.next_date is not None]
            planned += [h.held_on for h in hearings if not h.parties_present]
            held = [h.held_on for h in hearings if h.parties_present]
            if planned and max(planned) <= until:
                result.append(
                    Appointment(dispute_id, dispute.number, max(planned), max(held, default=None))
                )
        return result

    def follow_ups_due(
        self, statuses: frozenset[Status], until: date, scope: CaseScope
    ) -> list[DueFollowUp]:
        cases = self._cases(statuses, scope)
        return [
            DueFollowUp(f.id, f.dispute_id, cases[f.dispute_id].number, f.due_on)
            for f in self._s.follow_ups.values()
            if f.id is not None and f.dispute_id in cases and f.result is None and f.due_on <= until
        ]

    def status_ages(self, received_by: Mapping[Status, date], scope: CaseScope) -> list[StatusAge]:
        cases = self._cases(frozenset(received_by), scope)
        result = []
        for dispute_id, d in cases.items():
            if d.received_on > received_by[d.status]:
                continue
            changes = [
                e.at.date()
                for e in self._s.audit
                if e.subject == f"dispute:{dispute_id}" and moved_into(e.detail) == d.status
            ]
            result.append(
                StatusAge(dispute_id, d.number, d.status, d.received_on, max(changes, default=None))
            )
        return result

    def month_counts(self, first: date, last: date, scope: CaseScope) -> MonthCounts:
        cases = self._cases(frozenset(Status), scope)
        return MonthCounts(
            registered=sum(first <= d.received_on <= last for d in cases.values()),
            closed=sum(
                first <= o.closed_on <= last
                for i, o in self._s.outcomes.items()
                if i in cases and cases[i].status is Status.CLOSED
            ),
            agreements=sum(
                first <= a.agreed_on <= last
                for a in self._s.agreements.values()
                if a.dispute_id in cases
            ),
        )
