"""Hearings (mediation sessions): plan the next one, record one that was held, and read a case's
proceedings (hearings, agreements, follow-ups, outcome) in one call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop.domain import rules
from desktop.domain.errors import DomainError, ValidationError
from desktop.domain.model.dispute import Dispute, Status
from desktop.domain.model.proceedings import Agreement, FollowUp, Hearing, Outcome
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import (
    check_case_users,
    check_party_ids,
    past_date,
    subject,
    visible_dispute,
)
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.permissions import use_case

HEARING_STATUSES = frozenset({Status.IN_MEDIATION, Status.REOPENED})
NOTES_MAX = 20000


@dataclass(frozen=True)
class RecordHearing:
    dispute_id: int
    held_on: date
    mediators: tuple[int, ...]  # user ids; at least one
    parties_present: tuple[int, ...] = ()  # party ids of this case
    notes: str = ""
    next_step: str = ""
    next_date: date | None = None


@dataclass(frozen=True)
class Proceedings:
    hearings: list[Hearing]
    agreements: list[Agreement]
    follow_ups: list[FollowUp]
    outcome: Outcome | None


def _check_hearing_status(dispute: Dispute) -> None:
    if dispute.status not in HEARING_STATUSES:
        raise DomainError(
            f"Hearings are for cases in mediation or reopened; this case is "
            f"{dispute.status.value}. Start mediation first."
        )


@use_case("schedule_hearing")
def schedule_hearing(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    dispute_id: int,
    on: date,
    mediators: Sequence[int] = (),
) -> Hearing:
    """Plan a hearing: a hearing dated today or later, with no one present yet."""
    if on < clock.today():
        raise ValidationError("on", "A planned hearing cannot be in the past; record it instead.")
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        _check_hearing_status(dispute)
        chosen = check_case_users(uow, mediators, dispute.restricted, "mediators")
        assert dispute.id is not None
        hearing = Hearing(dispute.id, on, mediators=chosen)
        hearing.id = uow.hearings.add(hearing)
        record(
            uow,
            clock,
            actor,
            "schedule_hearing",
            subject(dispute),
            detail_of(hearing=hearing.id, on=on.isoformat()),
        )
        uow.commit()
    return hearing


@use_case("record_hearing")
def record_hearing(uow: UnitOfWork, actor: Actor, clock: Clock, cmd: RecordHearing) -> Hearing:
    """Record a hearing that was held: who mediated, who came, what was said, what comes next."""
    held_on = past_date(cmd.held_on, clock.today(), "held_on")
    if not cmd.mediators:
        raise ValidationError("mediators", "Choose at least one mediator.")
    if cmd.next_date is not None and cmd.next_date <= held_on:
        raise ValidationError("next_date", "The next date must come after the hearing.")
    notes = rules.optional_text(cmd.notes, "notes", NOTES_MAX)
    next_step = rules.optional_text(cmd.next_step, "next_step", 2000)
    with uow:
        dispute = visible_dispute(uow, actor, cmd.dispute_id)
        _check_hearing_status(dispute)
        mediators = check_case_users(uow, cmd.mediators, dispute.restricted, "mediators")
        present = check_party_ids(dispute, cmd.parties_present, "parties_present")
        assert dispute.id is not None
        hearing = Hearing(dispute.id, held_on, mediators, present, notes, next_step, cmd.next_date)
        hearing.id = uow.hearings.add(hearing)
        record(
            uow,
            clock,
            actor,
            "record_hearing",
            subject(dispute),
            detail_of(hearing=hearing.id, mediators=len(mediators), present=len(present)),
        )
        uow.commit()
    return hearing


@use_case("get_proceedings")
def get_proceedings(uow: UnitOfWork, actor: Actor, clock: Clock, dispute_id: int) -> Proceedings:
    """Everything that happened in a case after registration, oldest first. Reading a restricted
    case's proceedings is audited, as viewing it is."""
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        result = Proceedings(
            hearings=sorted(uow.hearings.for_dispute(dispute_id), key=lambda h: h.held_on),
            agreements=sorted(uow.agreements.for_dispute(dispute_id), key=lambda a: a.agreed_on),
            follow_ups=sorted(uow.follow_ups.for_dispute(dispute_id), key=lambda f: f.due_on),
            outcome=uow.outcomes.for_dispute(dispute_id),
        )
        if dispute.restricted:
            record(uow, clock, actor, "view_restricted", subject(dispute), "part=proceedings")
            uow.commit()
    return result
