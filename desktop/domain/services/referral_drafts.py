"""Changing a referral kept as a draft: its actor, reason, urgency, what it shares and the
consents, with the checks of refer_case; it may be sent at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain import rules
from desktop.domain.errors import ValidationError
from desktop.domain.model.referrals import Consent, Direction, Referral, ReferralStatus, Urgency
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import enum_value
from desktop.domain.services.case_status import REASON_MAX
from desktop.domain.services.permissions import use_case
from desktop.domain.services.referrals import (
    _active_actor,
    _visible_referral,
    check_sharing,
    hand_over,
    record_referral,
    schedule,
)
from desktop.domain.taxonomy import Taxonomy


@dataclass(frozen=True)
class UpdateDraft:
    referral_id: int
    actor_id: int
    reason: str
    urgency: Urgency = Urgency.ROUTINE
    shared_fields: tuple[str, ...] = ()
    consents: tuple[Consent, ...] = ()
    consent_override: str = ""  # why details go out without a party's consent
    due_on: date | None = None  # when sent; default: by the actor's kind and the urgency
    send: bool = False  # True sends it once changed
    hand_over: bool = False  # the case leaves the committee (becomes referred out)


@use_case("update_draft_referral")
def update_draft_referral(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, cmd: UpdateDraft
) -> Referral:
    """Change a draft referral (only a draft: a sent one is the actor's now), or change and
    send it. A restricted case's draft is found only by those who may see the case."""
    today = clock.today()
    reason = rules.required_text(cmd.reason, "reason", REASON_MAX)
    urgency = enum_value(Urgency, cmd.urgency, "urgency")
    if cmd.due_on is not None and cmd.due_on < today:
        raise ValidationError("due_on", "The date for feedback cannot be in the past.")
    with uow:
        referral, dispute = _visible_referral(uow, actor, cmd.referral_id)
        if referral.status is not ReferralStatus.DRAFT or referral.direction is not Direction.OUT:
            raise ValidationError("referral_id", "Only a draft referral can be changed.")
        justice_actor = _active_actor(uow, cmd.actor_id)
        shared, consents, missing, override = check_sharing(
            actor, dispute, cmd.shared_fields, cmd.consents, cmd.consent_override.strip(), today
        )
        referral.actor_id = justice_actor.id or cmd.actor_id
        referral.reason = reason
        referral.urgency = urgency
        referral.shared_fields = shared
        referral.consents = consents
        referral.consent_override = override
        if cmd.hand_over:
            hand_over(uow, actor, clock, dispute, reason)
        schedule(uow, actor, clock, taxonomy, referral, dispute, cmd.send, cmd.due_on)
        uow.referrals.update(referral)
        record_referral(
            uow, actor, clock, "update_draft_referral", dispute, referral, justice_actor, missing
        )
        uow.commit()
    return referral
