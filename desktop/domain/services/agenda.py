"""The home screen's agenda: what is due today, what is overdue, which cases wait too long.

Rules (all dates are the clock's today):

- **Hearings.** A case in mediation (or reopened) has a *planned* hearing date: the latest of
  its hearings' next dates and of the dates of hearings scheduled with no one present yet. The
  plan is kept once a hearing with parties present is held on or after that date; otherwise
  the hearing is due today (planned today) or overdue (planned earlier). A hearing recorded with
  nobody present (the parties did not come) does not keep the plan.
- **Follow-ups.** A follow-up not yet recorded is due today or overdue when its due date is
  today or earlier, while its case is open.
- **Waiting too long.** A case that stays in one status longer than
  :data:`WAITING_THRESHOLDS` allows (counted from the latest audited change into the status, or
  from the date received when there is none) is listed with the days it has waited.
- **This month.** Cases received, cases closed (withdrawn ones not counted) and agreements
  reached from the first of the month to today.
- **Referrals awaiting feedback.** An open referral out of the committee (sent, acknowledged,
  accepted) whose due date has passed (due before today) is listed with its due date and the
  days it is overdue, the longest overdue first; one line per referral.

Each item carries the case id and number only. A restricted case appears only to administrators
and to its assigned members who hold restricted access (as :func:`can_see` decides); the counts
leave out the restricted cases the actor may not see, too.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.model.agenda import Agenda, AgendaItem
from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.dispute import OPEN_STATUSES, Status
from desktop.domain.model.referral_board import BoardFilter, BoardRow
from desktop.domain.model.referrals import Direction
from desktop.domain.model.users import Actor, Role
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services.hearings import HEARING_STATUSES
from desktop.domain.services.permissions import use_case

# How long a case may stay in one status before the home screen lists it as waiting too long.
REGISTERED_DAYS = 14  # registered but no mediation, referral or closure yet
IN_MEDIATION_DAYS = 60  # in mediation without an agreement or another decision
REOPENED_DAYS = 30  # reopened (after a breach, say) with no decision on what comes next
AWAITING_FEEDBACK_DAYS = 30  # referred out and still no feedback from the formal actor
WAITING_THRESHOLDS: dict[Status, int] = {
    Status.REGISTERED: REGISTERED_DAYS,
    Status.IN_MEDIATION: IN_MEDIATION_DAYS,
    Status.REOPENED: REOPENED_DAYS,
    Status.AWAITING_FEEDBACK: AWAITING_FEEDBACK_DAYS,
}


def case_scope(who: Actor) -> CaseScope:
    """The restricted cases ``who`` may see, as a query scope (mirrors ``can_see``). A helper,
    not a use case (so its parameter is not called ``actor``)."""
    if who.role is Role.ADMINISTRATOR:
        return CaseScope(all_restricted=True)
    if who.restricted_access:
        return CaseScope(assigned_user=who.user_id)
    return CaseScope()


def _split(items: list[AgendaItem]) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """(due today, overdue with the longest overdue first)."""
    today = sorted((i for i in items if i.days == 0), key=lambda i: i.number)
    overdue = sorted((i for i in items if i.days > 0), key=lambda i: (-i.days, i.number))
    return today, overdue


def _month_start(today: date) -> date:
    return today.replace(day=1)


@use_case("get_agenda")
def get_agenda(uow: UnitOfWork, actor: Actor, clock: Clock) -> Agenda:
    """Today's agenda for ``actor``."""
    today = clock.today()
    scope = case_scope(actor)
    received_by = {
        status: date.fromordinal(today.toordinal() - days)
        for status, days in WAITING_THRESHOLDS.items()
    }
    with uow:
        appointments = uow.agenda.appointments(frozenset(HEARING_STATUSES), today, scope)
        follow_ups = uow.agenda.follow_ups_due(frozenset(OPEN_STATUSES), today, scope)
        ages = uow.agenda.status_ages(received_by, scope)
        month = uow.agenda.month_counts(_month_start(today), today, scope)
        late = uow.referrals.board(BoardFilter(direction=Direction.OUT, due_before=today), scope)
    hearings = [
        AgendaItem(a.dispute_id, a.number, a.planned, (today - a.planned).days)
        for a in appointments
        if a.planned <= today and (a.last_held is None or a.last_held < a.planned)
    ]
    due = [
        AgendaItem(
            f.dispute_id, f.number, f.due_on, (today - f.due_on).days, follow_up_id=f.follow_up_id
        )
        for f in follow_ups
        if f.due_on <= today
    ]
    waiting = sorted(
        (
            AgendaItem(a.dispute_id, a.number, a.since, (today - a.since).days, status=a.status)
            for a in ages
            if a.status in WAITING_THRESHOLDS
            and (today - a.since).days > WAITING_THRESHOLDS[a.status]
        ),
        key=lambda i: (-i.days, i.number),
    )
    hearings_today, hearings_overdue = _split(hearings)
    referrals = _overdue_referrals(late, today)
    follow_ups_today, follow_ups_overdue = _split(due)
    return Agenda(
        today=today,
        hearings_today=hearings_today,
        hearings_overdue=hearings_overdue,
        follow_ups_today=follow_ups_today,
        follow_ups_overdue=follow_ups_overdue,
        waiting=waiting,
        referrals_awaiting_feedback=referrals,
        month=month,
    )


def _overdue_referrals(rows: list[BoardRow], today: date) -> list[AgendaItem]:
    """One item per overdue referral (the case's number, the due date, the days overdue),
    the longest overdue first."""
    items = [
        AgendaItem(r.dispute_id, r.number, r.due_on, (today - r.due_on).days)
        for r in rows
        if r.due_on is not None and r.due_on < today
    ]
    return sorted(items, key=lambda i: (-i.days, i.number))
