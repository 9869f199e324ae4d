"""Agreements reached in mediation, and the follow-ups that check they are kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop.domain import rules
from desktop.domain.errors import DomainError, NotFound, ValidationError
from desktop.domain.model.dispute import Status
from desktop.domain.model.proceedings import (
    RECORDABLE_RESULTS,
    Agreement,
    FollowUp,
    FollowUpResult,
)
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import (
    check_party_ids,
    enum_value,
    past_date,
    subject,
    visible_dispute,
)
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.permissions import use_case

DEFAULT_FOLLOW_UP_DAYS = (30, 90)
FOLLOW_UP_DAYS_MAX = 730
FOLLOW_UP_STATUSES = frozenset({Status.AGREEMENT, Status.FOLLOW_UP})


@dataclass(frozen=True)
class RecordAgreement:
    dispute_id: int
    terms: str
    agreed_on: date | None = None  # None: today
    signatories: tuple[int, ...] = ()  # party ids of this case
    compliance_due: date | None = None
    follow_up_days: tuple[int, ...] = DEFAULT_FOLLOW_UP_DAYS  # after agreed_on


@dataclass(frozen=True)
class FollowUpRecorded:
    follow_up: FollowUp
    status: Status  # the case's status afterwards
    reopened: bool
    message: str  # what happened, for the user


def _follow_up_days(days: tuple[int, ...]) -> tuple[int, ...]:
    for value in days:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError("follow_up_days", "Use whole numbers of days.")
        if not 1 <= value <= FOLLOW_UP_DAYS_MAX:
            raise ValidationError(
                "follow_up_days", f"Each follow-up must be 1 to {FOLLOW_UP_DAYS_MAX} days after."
            )
    return tuple(sorted(set(days)))


@use_case("record_agreement")
def record_agreement(
    uow: UnitOfWork, actor: Actor, clock: Clock, cmd: RecordAgreement
) -> Agreement:
    """Record the agreement: the case moves from in mediation to agreement, and follow-ups are
    scheduled (by default 30 and 90 days after the agreement)."""
    terms = rules.required_text(cmd.terms, "terms", 20000)
    agreed_on = past_date(cmd.agreed_on or clock.today(), clock.today(), "agreed_on")
    if cmd.compliance_due is not None and cmd.compliance_due < agreed_on:
        raise ValidationError("compliance_due", "The due date cannot be before the agreement.")
    days = _follow_up_days(cmd.follow_up_days)
    with uow:
        dispute = visible_dispute(uow, actor, cmd.dispute_id)
        if agreed_on < dispute.received_on:
            raise ValidationError("agreed_on", "The agreement cannot predate the case.")
        signatories = check_party_ids(dispute, cmd.signatories, "signatories")
        previous = dispute.status
        dispute.move_to(Status.AGREEMENT)
        uow.disputes.update(dispute)
        assert dispute.id is not None
        agreement = Agreement(dispute.id, terms, agreed_on, signatories, cmd.compliance_due)
        agreement.id = uow.agreements.add(agreement)
        superseded = 0
        for earlier in uow.follow_ups.for_dispute(dispute.id):
            if earlier.done_on is None:  # checks of an earlier agreement: no longer due
                earlier.result, earlier.done_on = FollowUpResult.SUPERSEDED, agreed_on
                uow.follow_ups.update(earlier)
                superseded += 1
        for offset in days:
            uow.follow_ups.add(FollowUp(dispute.id, agreed_on + timedelta(days=offset)))
        record(
            uow,
            clock,
            actor,
            "record_agreement",
            subject(dispute),
            detail_of(
                agreement=agreement.id,
                signatories=len(signatories),
                follow_ups=len(days),
                superseded=superseded,
                **{"from": previous.value, "to": Status.AGREEMENT.value},
            ),
        )
        uow.commit()
    return agreement


@use_case("record_follow_up")
def record_follow_up(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    follow_up_id: int,
    result: FollowUpResult,
    note: str = "",
    done_on: date | None = None,
) -> FollowUpRecorded:
    """Record whether the agreement was kept. The first result moves the case to follow-up; a
    breach reopens the case and says so."""
    result = enum_value(FollowUpResult, result, "result")
    if result not in RECORDABLE_RESULTS:
        raise ValidationError("result", "Choose kept, partly kept or breached.")
    note = rules.optional_text(note, "note", 2000)
    done = past_date(done_on or clock.today(), clock.today(), "done_on")
    with uow:
        follow_up = uow.follow_ups.get(follow_up_id)
        if follow_up is None:
            raise NotFound("There is no such follow-up.")
        dispute = visible_dispute(uow, actor, follow_up.dispute_id)
        if follow_up.result is not None:
            raise DomainError("This follow-up has already been recorded.")
        if dispute.status not in FOLLOW_UP_STATUSES:
            raise DomainError(
                f"The case is {dispute.status.value}; follow-ups are recorded while an "
                "agreement is being monitored."
            )
        follow_up.done_on, follow_up.result, follow_up.note = done, result, note
        uow.follow_ups.update(follow_up)
        previous = dispute.status
        if result is FollowUpResult.BREACHED:
            dispute.move_to(Status.REOPENED)
            message = (
                "The agreement was breached, so the case has been reopened. Decide with the "
                "parties whether to mediate again or refer the case."
            )
        else:
            if dispute.status is Status.AGREEMENT:
                dispute.move_to(Status.FOLLOW_UP)
            message = "The follow-up has been recorded."
        if dispute.status is not previous:
            uow.disputes.update(dispute)
        record(
            uow,
            clock,
            actor,
            "record_follow_up",
            subject(dispute),
            detail_of(
                follow_up=follow_up.id,
                result=result.value,
                **{"from": previous.value, "to": dispute.status.value},
            ),
        )
        uow.commit()
    return FollowUpRecorded(follow_up, dispute.status, dispute.status is Status.REOPENED, message)
