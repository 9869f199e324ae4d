"""What the letters print: the referral letter (only the details chosen for sharing, with the
referral code) and the feedback letter the committee sends back to an actor who referred a
case to it. Printing is audited, because a printed letter is data leaving the casebook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain import rules
from desktop.domain.errors import IllegalTransition, NotFound
from desktop.domain.model.dispute import Dispute, Party, Status
from desktop.domain.model.referrals import (
    Direction,
    JusticeActor,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    Urgency,
    split_party_field,
)
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import subject, visible_dispute
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.permissions import use_case
from desktop.domain.taxonomy import Taxonomy, UnknownCode

SharedValue = str | int | bool | date | None


@dataclass(frozen=True)
class SharedDetail:
    """One shared detail: ``field`` is a case field ("case.category") or a party field name
    ("name", "phone"...) with ``party_index`` (1-based, in the case's party order) and
    ``party_role``. Values are raw (codes, dates): the view translates them."""

    field: str
    value: SharedValue
    party_index: int | None = None
    party_role: str | None = None


@dataclass(frozen=True)
class ReferralLetter:
    code: str
    written_on: date
    actor: JusticeActor
    urgency: Urgency
    reason: str
    due_on: date | None
    referred_by: str  # the username of who made the referral
    shared: tuple[SharedDetail, ...]


@dataclass(frozen=True)
class FeedbackLetter:
    code: str
    written_on: date
    actor: JusticeActor
    their_reference: str
    received_on: date
    outcome: str  # the case's outcome code (taxonomy)
    closed_on: date | None
    note: str


def _case_value(dispute: Dispute, name: str) -> SharedValue:
    values: dict[str, SharedValue] = {
        "case.category": dispute.category,
        "case.received_on": dispute.received_on,
        "case.area": dispute.area,
        "case.risk_flags": ",".join(sorted(flag.value for flag in dispute.risk_flags)),
        "case.description": dispute.description,
    }
    return values[name]


def _party_value(party: Party, name: str) -> SharedValue:
    values: dict[str, SharedValue] = {
        "name": party.name,
        "role": party.role.value,
        "sex": party.sex.value,
        "age": party.age if party.age is not None else party.age_band,
        "disability": party.disability,
        "displacement": party.displacement.value,
        "phone": party.phone,
        "village": party.village,
    }
    return values[name]


def shared_details(dispute: Dispute, referral: Referral) -> tuple[SharedDetail, ...]:
    """Exactly the fields the referral shares, in the order chosen; nothing else of the case."""
    index = {p.id: (i, p) for i, p in enumerate(dispute.parties, start=1)}
    details = []
    for key in referral.shared_fields:
        party_field = split_party_field(key)
        if party_field is None:
            details.append(SharedDetail(key, _case_value(dispute, key)))
            continue
        found = index.get(party_field[0])
        if found is None:  # the party was removed from the case since
            continue
        position, party = found
        details.append(
            SharedDetail(
                party_field[1], _party_value(party, party_field[1]), position, party.role.value
            )
        )
    return tuple(details)


def _referral_of(uow: UnitOfWork, actor: Actor, referral_id: int) -> tuple[Referral, Dispute]:
    referral = uow.referrals.get(referral_id)
    if referral is None:
        raise NotFound("There is no such referral, or you may not see it.")
    return referral, visible_dispute(uow, actor, referral.dispute_id)


@use_case("referral_letter")
def referral_letter(
    uow: UnitOfWork, actor: Actor, clock: Clock, referral_id: int
) -> ReferralLetter:
    """The contents of the referral letter of an outgoing referral."""
    with uow:
        referral, dispute = _referral_of(uow, actor, referral_id)
        if referral.direction is not Direction.OUT:
            raise IllegalTransition("Only a referral the committee made has a referral letter.")
        if referral.status is ReferralStatus.WITHDRAWN:
            raise IllegalTransition("This referral was withdrawn: it has no letter to print.")
        justice_actor = uow.actors.get(referral.actor_id)
        maker = uow.users.get(referral.created_by) if referral.created_by else None
        if justice_actor is None:
            raise NotFound("The actor of this referral is no longer in the directory.")
        record(
            uow,
            clock,
            actor,
            "print_referral_letter",
            subject(dispute),
            detail_of(referral=referral.id, shared=len(referral.shared_fields)),
        )
        uow.commit()
    return ReferralLetter(
        code=referral.code,
        written_on=referral.sent_on or clock.today(),
        actor=justice_actor,
        urgency=referral.urgency,
        reason=referral.reason,
        due_on=referral.due_on,
        referred_by=maker.display_name if maker else actor.username,
        shared=shared_details(dispute, referral),
    )


def _outcome_for_referrer(code: str, taxonomy: Taxonomy) -> ReferralOutcome:
    if code.startswith("referred_"):
        return ReferralOutcome.REFERRED_ON
    try:
        resolved = taxonomy.outcome(code).resolved
    except UnknownCode:
        resolved = False
    return ReferralOutcome.RESOLVED if resolved else ReferralOutcome.NO_ACTION


@use_case("report_back")
def report_back(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    dispute_id: int,
    note: str = "",
) -> FeedbackLetter:
    """Report the outcome of a case back to the actor who referred it: the incoming referral
    is completed (the first time) and the feedback letter's contents are returned."""
    note = rules.optional_text(note, "note", 2000)
    today = clock.today()
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        incoming = [r for r in uow.referrals.for_dispute(dispute_id) if r.direction is Direction.IN]
        if not incoming:
            raise IllegalTransition("This case was not referred to the committee by an actor.")
        if dispute.status not in (Status.CLOSED, Status.WITHDRAWN):
            raise IllegalTransition("Report back once the case is closed, with its outcome.")
        outcome = uow.outcomes.for_dispute(dispute_id)
        referral = incoming[0]
        if referral.status is ReferralStatus.WITHDRAWN:
            raise IllegalTransition("The referral that brought this case was withdrawn.")
        justice_actor = uow.actors.get(referral.actor_id)
        if justice_actor is None:
            raise NotFound("The actor who referred this case is no longer in the directory.")
        outcome_code = outcome.kind if outcome else "withdrawn"
        if referral.status is not ReferralStatus.COMPLETED:
            referral.status = ReferralStatus.COMPLETED
            referral.completed_on = today
            referral.feedback_on = today
            referral.outcome = _outcome_for_referrer(outcome_code, taxonomy)
            uow.referrals.update(referral)
        record(
            uow,
            clock,
            actor,
            "report_back",
            subject(dispute),
            detail_of(referral=referral.id, outcome=outcome_code),
        )
        uow.commit()
    return FeedbackLetter(
        code=referral.code,
        written_on=today,
        actor=justice_actor,
        their_reference=referral.their_reference or dispute.referred_by_reference,
        received_on=dispute.received_on,
        outcome=outcome_code,
        closed_on=outcome.closed_on if outcome else None,
        note=note,
    )
