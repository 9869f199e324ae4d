"""Referring a case to a justice actor with the parties' consent, and recording the feedback
that closes the loop.

Consent: a party's details (name, phone, ...) go out only if that party consented (who, when,
how: signed, thumbprint, or verbal with a witness); the case's description tells the
complainants' story, so it needs every complainant's consent. Without it the service refuses,
unless a user with ``override_referral_consent`` gives a reason, which is audited (the audit
detail holds how many parties, never who). Audit details carry codes, ids and dates only.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from desktop.domain import rules
from desktop.domain.errors import NotFound, ValidationError
from desktop.domain.model.dispute import Dispute, PartyRole, Status
from desktop.domain.model.referral_code import new_code
from desktop.domain.model.referrals import (
    CASE_FIELDS,
    PARTY_FIELDS,
    Consent,
    ConsentMethod,
    Direction,
    JusticeActor,
    Referral,
    ReferralStatus,
    Urgency,
    check_referral_transition,
    default_due_on,
    split_party_field,
)
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import (
    enum_value,
    party_ids,
    past_date,
    subject,
    visible_dispute,
)
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.case_status import REASON_MAX, move_status
from desktop.domain.services.permissions import require, use_case
from desktop.domain.taxonomy import Taxonomy

NOTE_MAX = 2000
CODE_ATTEMPTS = 20


class ConsentMissing(ValidationError):
    """Details of parties who did not consent would be shared; ``party_ids`` says whose."""

    def __init__(self, missing: tuple[int, ...]) -> None:
        super().__init__(
            "consents",
            "Some details belong to a party who has not consented to sharing them. Record "
            "that party's consent, leave their details out, or (if you may) override with a "
            "reason.",
        )
        self.party_ids = missing


@dataclass(frozen=True)
class ReferCase:
    dispute_id: int
    actor_id: int  # the justice actor the case goes to
    reason: str
    urgency: Urgency = Urgency.ROUTINE
    shared_fields: tuple[str, ...] = ()
    consents: tuple[Consent, ...] = ()
    consent_override: str = ""  # why details go out without a party's consent
    due_on: date | None = None  # default: by the actor's kind and the urgency
    send: bool = True  # False keeps it as a draft until sent
    hand_over: bool = False  # the case leaves the committee (becomes referred out)


def _referral_subject(referral: Referral) -> str:
    return f"dispute:{referral.dispute_id}"


def _active_actor(uow: UnitOfWork, actor_id: int) -> JusticeActor:
    justice_actor = uow.actors.get(actor_id)
    if justice_actor is None or not justice_actor.active:
        raise ValidationError("actor_id", "Choose an active actor from the directory.")
    return justice_actor


def _check_shared(dispute: Dispute, fields: tuple[str, ...]) -> tuple[str, ...]:
    known = party_ids(dispute)
    result: list[str] = []
    for key in fields:
        party = split_party_field(key)
        valid = (
            key in CASE_FIELDS
            if party is None
            else (party[0] in known and party[1] in PARTY_FIELDS)
        )
        if not valid:
            raise ValidationError("shared_fields", "Choose what to share from the list.")
        if key not in result:
            result.append(key)
    return tuple(result)


def _check_consents(
    dispute: Dispute, consents: tuple[Consent, ...], today: date
) -> tuple[Consent, ...]:
    known = party_ids(dispute)
    result: dict[int, Consent] = {}
    for consent in consents:
        if consent.party_id not in known:
            raise ValidationError("consents", "A consent names someone who is not a party.")
        method = enum_value(ConsentMethod, consent.method, "consents")
        given_on = past_date(consent.given_on, today, "consents")
        witness = consent.witness.strip()
        if method is ConsentMethod.VERBAL_WITH_WITNESS:
            witness = rules.validate_name(witness, "consents")
        result[consent.party_id] = dataclasses.replace(
            consent, method=method, given_on=given_on, witness=witness
        )
    return tuple(result.values())


def parties_needing_consent(dispute: Dispute, fields: tuple[str, ...]) -> tuple[int, ...]:
    """The parties whose consent sharing ``fields`` needs, in party order."""
    needed: set[int] = set()
    for key in fields:
        party = split_party_field(key)
        if party is not None:
            needed.add(party[0])
        elif key == "case.description":
            needed |= {
                p.id
                for p in dispute.parties
                if p.id is not None and p.role is PartyRole.COMPLAINANT
            }
    return tuple(p.id for p in dispute.parties if p.id in needed)


def check_sharing(
    by: Actor,
    dispute: Dispute,
    fields: tuple[str, ...],
    consents: tuple[Consent, ...],
    override: str,
    today: date,
) -> tuple[tuple[str, ...], tuple[Consent, ...], tuple[int, ...], str]:
    """What a referral shares, checked: (fields, consents, the parties whose ticked details
    lack consent, the reason for sharing them anyway: "" when none lack it). ConsentMissing
    when some lack consent and no reason is given; only a committee member or administrator
    may give one (``by``: the user referring; a helper of the use cases, not one itself)."""
    shared = _check_shared(dispute, fields)
    checked = _check_consents(dispute, consents, today)
    consented = {c.party_id for c in checked}
    missing = tuple(p for p in parties_needing_consent(dispute, shared) if p not in consented)
    if missing and not override:
        raise ConsentMissing(missing)
    if missing:
        require(by, "override_referral_consent")
        reason = rules.required_text(override, "consent_override", REASON_MAX)
        return shared, checked, missing, reason
    return shared, checked, missing, ""


def _unique_code(uow: UnitOfWork) -> str:
    for _ in range(CODE_ATTEMPTS):
        code = new_code()
        if uow.referrals.by_code(code) is None:
            return code
    raise RuntimeError("could not draw an unused referral code")


def open_text(dispute: Dispute, **texts: str) -> dict[str, str]:
    """Free text for an audit detail: only for a case that is not restricted. A restricted
    case's reasons are kept sealed on the referral; the audit log is not sealed, so it says only
    that there was one (``reason=sealed``)."""
    if dispute.restricted:
        return dict.fromkeys(texts, "sealed")
    return texts


def _send(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    referral: Referral,
    dispute: Dispute,
    due_on: date | None,
) -> None:
    today = clock.today()
    check_referral_transition(referral.status, ReferralStatus.SENT)
    justice_actor = _active_actor(uow, referral.actor_id)
    kind = taxonomy.actor_kind(justice_actor.kind)
    referral.status = ReferralStatus.SENT
    referral.sent_on = today
    referral.due_on = due_on or default_due_on(today, kind.feedback_days, referral.urgency)
    if dispute.status is Status.REFERRED_OUT:
        move_status(uow, actor, clock, dispute, Status.AWAITING_FEEDBACK, "change_status")


def hand_over(uow: UnitOfWork, by: Actor, clock: Clock, dispute: Dispute, reason: str) -> None:
    """Inside a use case: the committee hands the case over (it becomes referred out), unless
    it already has; a restricted case's reason stays out of the audit log."""
    if dispute.status not in (Status.REFERRED_OUT, Status.AWAITING_FEEDBACK):
        move_status(
            uow,
            by,
            clock,
            dispute,
            Status.REFERRED_OUT,
            "refer_out",
            **open_text(dispute, reason=reason),
        )


def schedule(
    uow: UnitOfWork,
    by: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    referral: Referral,
    dispute: Dispute,
    send: bool,
    due_on: date | None,
) -> None:
    """Send now, or keep the chosen due date with the draft for when it is sent."""
    if send:
        _send(uow, by, clock, taxonomy, referral, dispute, due_on)
    else:
        referral.due_on = due_on


def record_referral(
    uow: UnitOfWork,
    by: Actor,
    clock: Clock,
    action: str,
    dispute: Dispute,
    referral: Referral,
    justice_actor: JusticeActor,
    missing: tuple[int, ...],
) -> None:
    """Audit a referral made or changed (codes and counts only) and, when details of parties
    who did not consent are shared, the override (its reason only for an open case)."""
    record(
        uow,
        clock,
        by,
        action,
        subject(dispute),
        detail_of(
            referral=referral.id,
            kind=justice_actor.kind,
            urgency=referral.urgency.value,
            status=referral.status.value,
            shared=len(referral.shared_fields),
        ),
    )
    if missing:
        record(
            uow,
            clock,
            by,
            "override_referral_consent",
            subject(dispute),
            detail_of(
                referral=referral.id,
                parties=len(missing),
                **open_text(dispute, reason=referral.consent_override),
            ),
        )


@use_case("refer_case")
def refer_case(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, cmd: ReferCase
) -> Referral:
    """Refer a case to an actor: sent now (with its due date) or kept as a draft."""
    today = clock.today()
    reason = rules.required_text(cmd.reason, "reason", REASON_MAX)
    urgency = enum_value(Urgency, cmd.urgency, "urgency")
    override = cmd.consent_override.strip()
    if cmd.due_on is not None and cmd.due_on < today:
        raise ValidationError("due_on", "The date for feedback cannot be in the past.")
    with uow:
        dispute = visible_dispute(uow, actor, cmd.dispute_id)
        justice_actor = _active_actor(uow, cmd.actor_id)
        shared, consents, missing, override = check_sharing(
            actor, dispute, cmd.shared_fields, cmd.consents, override, today
        )
        referral = Referral(
            dispute_id=cmd.dispute_id,
            actor_id=justice_actor.id or cmd.actor_id,
            direction=Direction.OUT,
            reason=reason,
            urgency=urgency,
            shared_fields=shared,
            consents=consents,
            code=_unique_code(uow),
            created_by=actor.user_id,
            created_on=today,
            consent_override=override,
        )
        if cmd.hand_over:
            hand_over(uow, actor, clock, dispute, reason)
        schedule(uow, actor, clock, taxonomy, referral, dispute, cmd.send, cmd.due_on)
        referral.id = uow.referrals.add(referral)
        record_referral(uow, actor, clock, "refer_case", dispute, referral, justice_actor, missing)
        uow.commit()
    return referral


def _visible_referral(uow: UnitOfWork, actor: Actor, referral_id: int) -> tuple[Referral, Dispute]:
    referral = uow.referrals.get(referral_id)
    if referral is None:
        raise NotFound("There is no such referral, or you may not see it.")
    try:
        dispute = visible_dispute(uow, actor, referral.dispute_id)
    except NotFound:
        raise NotFound("There is no such referral, or you may not see it.") from None
    return referral, dispute


@use_case("send_referral")
def send_referral(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    referral_id: int,
    due_on: date | None = None,
) -> Referral:
    """Send a draft referral today; its due date defaults by actor kind and urgency."""
    if due_on is not None and due_on < clock.today():
        raise ValidationError("due_on", "The date for feedback cannot be in the past.")
    with uow:
        referral, dispute = _visible_referral(uow, actor, referral_id)
        planned = referral.due_on  # a date chosen with the draft still holds if not past
        if due_on is None and planned is not None and planned >= clock.today():
            due_on = planned
        _send(uow, actor, clock, taxonomy, referral, dispute, due_on)
        uow.referrals.update(referral)
        record(
            uow,
            clock,
            actor,
            "send_referral",
            subject(dispute),
            detail_of(
                referral=referral_id, due=referral.due_on.isoformat() if referral.due_on else None
            ),
        )
        uow.commit()
    return referral


def incoming_referral(
    uow: UnitOfWork, by: Actor, dispute: Dispute, received_on: date
) -> Referral | None:
    """Inside registration: the referral that brought a case in from an actor (accepted on
    arrival; completed when the committee reports back at closure)."""
    if dispute.referred_by_actor is None or dispute.id is None:
        return None
    referral = Referral(
        dispute_id=dispute.id,
        actor_id=dispute.referred_by_actor,
        direction=Direction.IN,
        reason="",
        status=ReferralStatus.ACCEPTED,
        code=_unique_code(uow),
        sent_on=received_on,
        acknowledged_on=received_on,
        decided_on=received_on,
        created_by=by.user_id,
        created_on=received_on,
        their_reference=dispute.referred_by_reference,
    )
    referral.id = uow.referrals.add(referral)
    return referral


# Feedback, withdrawal and finding by code live in referral_feedback.py (to keep modules
# small); importable from here too.
from desktop.domain.services.referral_feedback import (  # noqa: E402
    RecordFeedback,
    ReferralCard,
    find_referral,
    record_referral_feedback,
    withdraw_referral,
)

__all__ = [
    "ConsentMissing",
    "RecordFeedback",
    "ReferCase",
    "ReferralCard",
    "check_sharing",
    "find_referral",
    "incoming_referral",
    "open_text",
    "parties_needing_consent",
    "record_referral_feedback",
    "refer_case",
    "send_referral",
    "withdraw_referral",
]
