"""Conflicts of interest: a party recorded as an assigned member's relative; the relation is
checked when the case or party is saved."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.model.dispute import Channel, Party, PartyRole
from desktop.domain.services import disputes, parties
from desktop.domain.services.conflicts import ConflictKind
from tests.unit.world import PARTY_NAMES, World


def _parties(relative_of: int | None) -> tuple[Party, ...]:
    return (
        Party(PartyRole.COMPLAINANT, PARTY_NAMES[0]),
        Party(PartyRole.RESPONDENT, PARTY_NAMES[1], related_member=relative_of),
    )


def test_an_assigned_members_relative_is_flagged_by_the_members_name(world: World) -> None:
    member, member2 = world.user_id("member"), world.user_id("member2")
    proposed = _parties(member)
    warnings = disputes.check_conflicts(world.uow, world.member, (member2, member), proposed)
    assert [(w.user_id, w.party_id, w.party_role, w.kind) for w in warnings] == [
        (member, None, PartyRole.RESPONDENT, ConflictKind.RELATIVE)
    ]
    assert "Baraka Mediator" in warnings[0].message
    assert "respondent" in warnings[0].message
    assert PARTY_NAMES[1] not in warnings[0].message and PARTY_NAMES[0] not in warnings[0].message
    # a relative of a member who is not assigned is no conflict
    assert disputes.check_conflicts(world.uow, world.member, (member2,), proposed) == []


def test_the_stored_case_shows_the_same_relative_conflict(world: World) -> None:
    member = world.user_id("member")
    dispute = world.register(assigned=(member,), parties=_parties(member))
    stored = world.stored(dispute.id)
    assert stored.parties[1].related_member == member
    assert dispute.id is not None
    warnings = disputes.conflicts_of_interest(world.uow, world.member, dispute.id)
    assert [(w.user_id, w.party_id, w.kind) for w in warnings] == [
        (member, stored.parties[1].id, ConflictKind.RELATIVE)
    ]


def test_a_member_with_a_partys_name_and_a_relative_gives_two_warnings(world: World) -> None:
    member = world.users["member"]
    assert member.id is not None
    proposed = (
        Party(PartyRole.COMPLAINANT, member.display_name),
        Party(PartyRole.WITNESS, PARTY_NAMES[1], related_member=member.id),
    )
    warnings = disputes.check_conflicts(world.uow, world.member, (member.id,), proposed)
    assert [(w.kind, w.party_role) for w in warnings] == [
        (ConflictKind.SAME_NAME, PartyRole.COMPLAINANT),
        (ConflictKind.RELATIVE, PartyRole.WITNESS),
    ]


@pytest.mark.parametrize("related", [99999, "programme_officer", 0, "3"])
def test_the_relative_must_be_a_case_worker(world: World, related: object) -> None:
    if related == "programme_officer":
        related = world.user_id("programme_officer")
    commits = world.uow.commits
    with pytest.raises(ValidationError) as caught:
        world.register(parties=_parties(related))  # type: ignore[arg-type]
    assert caught.value.field == "parties[1].related_member"
    assert PARTY_NAMES[1] not in str(caught.value)
    assert world.uow.commits == commits and not world.uow.committed.disputes


def test_an_imported_row_names_the_row_and_the_party(world: World) -> None:
    good = disputes.RegisterDispute(
        world.clock.today(), Channel.WALK_IN, "debt", parties=_parties(world.user_id("member"))
    )
    bad = dataclasses.replace(good, parties=_parties(world.user_id("programme_officer")))
    with pytest.raises(ValidationError) as caught:
        disputes.import_register(world.uow, world.admin, world.clock, world.taxonomy, [good, bad])
    assert caught.value.field == "rows[1].parties[1].related_member"
    assert not world.uow.committed.disputes


def test_adding_or_correcting_a_party_checks_the_relative(world: World) -> None:
    dispute = world.register()
    assert dispute.id is not None
    witness = Party(PartyRole.WITNESS, "Zawadi Achieng", related_member=99999)
    with pytest.raises(ValidationError) as caught:
        parties.add_party(world.uow, world.member, world.clock, world.taxonomy, dispute.id, witness)
    assert caught.value.field == "related_member"
    witness.related_member = world.user_id("paralegal")
    added = parties.add_party(
        world.uow, world.member, world.clock, world.taxonomy, dispute.id, witness
    )
    assert added.related_member == world.user_id("paralegal")
    added.related_member = world.user_id("programme_officer")
    with pytest.raises(ValidationError):
        parties.update_party(
            world.uow, world.member, world.clock, world.taxonomy, dispute.id, added
        )
    added.related_member = None
    parties.update_party(world.uow, world.member, world.clock, world.taxonomy, dispute.id, added)
    assert [p.related_member for p in world.stored(dispute.id).parties] == [None, None, None]
