"""Recording what an actor answered to a referral (acknowledged, accepted, declined with a
reason, completed with an outcome), withdrawing a referral, and finding one by its code.
Audit details carry codes, ids and dates only; notes and reasons stay with the referral."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain import rules
from desktop.domain.errors import IllegalTransition, NotFound, ValidationError
from desktop.domain.model.referral_code import parse_code
from desktop.domain.model.referrals import (
    FEEDBACK_STATUSES,
    Direction,
    FeedbackVia,
    JusticeActor,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    check_referral_transition,
)
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import enum_value, past_date, subject, visible_dispute
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.case_status import REASON_MAX
from desktop.domain.services.permissions import use_case
from desktop.domain.services.referrals import NOTE_MAX, _visible_referral


@dataclass(frozen=True)
class RecordFeedback:
    referral_id: int
    status: ReferralStatus  # acknowledged, accepted, declined or completed
    on: date | None = None  # default today
    via: FeedbackVia = FeedbackVia.PHONE
    note: str = ""
    given_by: str = ""  # the officer who answered
    reason: str = ""  # required when declined
    outcome: ReferralOutcome | None = None  # required when completed
    due_on: date | None = None  # a new date for the next feedback, if the actor gave one


@dataclass(frozen=True)
class ReferralCard:
    """What typing a code finds: the referral, its case number and its actor."""

    referral: Referral
    number: str
    actor: JusticeActor


def _feedback_date(cmd: RecordFeedback, referral: Referral, today: date) -> date:
    on = past_date(cmd.on or today, today, "on")
    if referral.sent_on is not None and on < referral.sent_on:
        raise ValidationError("on", "Feedback cannot come before the referral was sent.")
    return on


@use_case("record_referral_feedback")
def record_referral_feedback(
    uow: UnitOfWork, actor: Actor, clock: Clock, cmd: RecordFeedback
) -> Referral:
    """Record what the actor answered (by slip, phone, in person or letter): acknowledged,
    accepted, declined (with a reason) or completed (with an outcome)."""
    target = enum_value(ReferralStatus, cmd.status, "status")
    if target not in FEEDBACK_STATUSES:
        raise ValidationError("status", "Choose what the actor answered.")
    via = enum_value(FeedbackVia, cmd.via, "via")
    note = rules.optional_text(cmd.note, "note", NOTE_MAX)
    given_by = rules.optional_text(cmd.given_by, "given_by", rules.NAME_MAX)
    reason = cmd.reason.strip()
    if target is ReferralStatus.DECLINED:
        reason = rules.required_text(reason, "reason", REASON_MAX)
    outcome = None
    if target is ReferralStatus.COMPLETED:
        if cmd.outcome is None:
            raise ValidationError("outcome", "Choose what the actor did.")
        outcome = enum_value(ReferralOutcome, cmd.outcome, "outcome")
    with uow:
        referral, dispute = _visible_referral(uow, actor, cmd.referral_id)
        if referral.direction is Direction.IN:
            raise IllegalTransition(
                "This case was referred to the committee: report back to the actor instead."
            )
        check_referral_transition(referral.status, target)
        on = _feedback_date(cmd, referral, clock.today())
        if cmd.due_on is not None and cmd.due_on < on:
            raise ValidationError("due_on", "The next date cannot be before the feedback.")
        previous = referral.status
        referral.status = target
        if target is ReferralStatus.ACKNOWLEDGED:
            referral.acknowledged_on = on
        elif target in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
            referral.decided_on = on
            referral.status_reason = reason
        else:
            referral.completed_on = on
            referral.outcome = outcome
        referral.feedback_on = referral.feedback_on or on
        referral.feedback_via = via
        referral.feedback_from = given_by or referral.feedback_from
        if note:
            line = f"{on.isoformat()}: {note}"
            referral.feedback = f"{referral.feedback}\n{line}" if referral.feedback else line
        if cmd.due_on is not None:
            referral.due_on = cmd.due_on
        uow.referrals.update(referral)
        record(
            uow,
            clock,
            actor,
            "referral_feedback",
            subject(dispute),
            detail_of(
                **{"referral": referral.id, "from": previous.value, "to": target.value},
                via=via.value,
                on=on.isoformat(),
                outcome=outcome.value if outcome else None,
            ),
        )
        uow.commit()
    return referral


@use_case("withdraw_referral")
def withdraw_referral(
    uow: UnitOfWork, actor: Actor, clock: Clock, referral_id: int, reason: str
) -> Referral:
    """Withdraw a referral (the parties settled, the wrong actor was chosen...); the reason is
    kept with the referral (sealed for a restricted case), not in the audit log."""
    reason = rules.required_text(reason, "reason", REASON_MAX)
    with uow:
        referral, dispute = _visible_referral(uow, actor, referral_id)
        check_referral_transition(referral.status, ReferralStatus.WITHDRAWN)
        previous = referral.status
        referral.status = ReferralStatus.WITHDRAWN
        referral.withdrawn_on = clock.today()
        referral.status_reason = reason
        uow.referrals.update(referral)
        record(
            uow,
            clock,
            actor,
            "withdraw_referral",
            subject(dispute),
            detail_of(**{"referral": referral.id, "from": previous.value, "to": "withdrawn"}),
        )
        uow.commit()
    return referral


@use_case("find_referral")
def find_referral(uow: UnitOfWork, actor: Actor, code: str) -> ReferralCard:
    """The referral behind a typed or scanned code. A typo is caught by the check character
    before anything is looked up."""
    formatted = parse_code(code)
    with uow:
        referral = uow.referrals.by_code(formatted)
        if referral is None or referral.id is None:
            raise NotFound("No referral has this code, or you may not see it.")
        try:
            dispute = visible_dispute(uow, actor, referral.dispute_id)
        except NotFound:
            raise NotFound("No referral has this code, or you may not see it.") from None
        justice_actor = uow.actors.get(referral.actor_id)
    if justice_actor is None:
        raise NotFound("No referral has this code, or you may not see it.")
    return ReferralCard(referral, dispute.number, justice_actor)
