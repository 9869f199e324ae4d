"""The parties to a case: add, correct, remove (on a case the actor may see)."""

from __future__ import annotations

from desktop.domain.errors import NotFound, ValidationError
from desktop.domain.model.dispute import Party
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import (
    check_related_members,
    clean_party,
    party_ids,
    subject,
    visible_dispute,
)
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.permissions import use_case
from desktop.domain.taxonomy import Taxonomy


@use_case("add_party")
def add_party(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    dispute_id: int,
    party: Party,
) -> Party:
    """Add a party to the case; returns it with its id."""
    if party.id is not None:
        raise ValidationError("id", "A new party has no id yet.")
    cleaned = clean_party(party, taxonomy)
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        check_related_members(uow, [cleaned])
        before = party_ids(dispute)
        cleaned.dispute_id = dispute.id
        dispute.parties.append(cleaned)
        uow.disputes.update(dispute)
        if cleaned.id is None:  # the repository may or may not set ids on the objects it gets
            stored = uow.disputes.get(dispute_id)
            new = [p for p in stored.parties if p.id not in before] if stored else []
            cleaned.id = new[-1].id if new else None
        record(
            uow,
            clock,
            actor,
            "add_party",
            subject(dispute),
            detail_of(party=cleaned.id, role=cleaned.role.value),
        )
        uow.commit()
    return cleaned


@use_case("update_party")
def update_party(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    dispute_id: int,
    party: Party,
) -> Party:
    """Correct a party's details; ``party.id`` says which."""
    cleaned = clean_party(party, taxonomy)
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        check_related_members(uow, [cleaned])
        index = next((i for i, p in enumerate(dispute.parties) if p.id == party.id), None)
        if party.id is None or index is None:
            raise NotFound("That person is not a party to this case.")
        cleaned.dispute_id = dispute.id
        dispute.parties[index] = cleaned
        uow.disputes.update(dispute)
        record(
            uow,
            clock,
            actor,
            "update_party",
            subject(dispute),
            detail_of(party=cleaned.id, role=cleaned.role.value),
        )
        uow.commit()
    return cleaned


@use_case("remove_party")
def remove_party(
    uow: UnitOfWork, actor: Actor, clock: Clock, dispute_id: int, party_id: int
) -> None:
    """Remove a party entered by mistake."""
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        if party_id not in party_ids(dispute):
            raise NotFound("That person is not a party to this case.")
        dispute.parties = [p for p in dispute.parties if p.id != party_id]
        uow.disputes.update(dispute)
        record(uow, clock, actor, "remove_party", subject(dispute), detail_of(party=party_id))
        uow.commit()
