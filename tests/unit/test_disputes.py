"""Registering and editing disputes and their parties; duplicate and conflict hints."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.errors import NotFound, ValidationError
from desktop.domain.model.dispute import Channel, Party, PartyRole, RiskFlag, Status
from desktop.domain.services import disputes, parties
from tests.unit.world import PARTY_NAMES, World


def test_numbers_follow_committee_year_and_sequence(world: World) -> None:
    first = world.register()
    second = world.register()
    old = world.register(received_on=date(2025, 12, 30))
    assert (first.number, second.number) == ("KBR-2026-0001", "KBR-2026-0002")
    assert old.number == "KBR-2025-0001"
    assert world.stored(first.id).status is Status.REGISTERED
    assert world.stored(first.id).created_by == world.admin.user_id


def test_registration_cleans_parties_and_defaults_the_area(world: World) -> None:
    dispute = world.register(
        parties=(Party(PartyRole.COMPLAINANT, "  Amina   Wanjiru ", age=30, phone="0712 345-678"),),
        risk_flags=frozenset({RiskFlag.VIOLENCE}),
    )
    stored = world.stored(dispute.id)
    party = stored.parties[0]
    assert (party.name, party.phone, party.age_band) == ("Amina Wanjiru", "0712345678", "26_40")
    assert party.id is not None and party.dispute_id == dispute.id
    assert stored.area == "Nairobi > Kibera"
    assert stored.risk_flags == {RiskFlag.VIOLENCE}


def test_referral_in_records_the_referring_actor(world: World) -> None:
    police = world.add_justice_actor()
    dispute = world.register(
        channel=Channel.REFERRAL_IN, referred_by_actor=police, referred_by_reference="OB 12/3/26"
    )
    assert world.stored(dispute.id).referred_by_actor == police


def test_update_changes_fields_and_audits_their_names_only(world: World) -> None:
    dispute = world.register()
    assert dispute.id is not None
    cmd = disputes.UpdateDispute(dispute.id, description="A new account", category="land_property")
    disputes.update_dispute(world.uow, world.member, world.clock, world.taxonomy, cmd)
    stored = world.stored(dispute.id)
    assert (stored.description, stored.category) == ("A new account", "land_property")
    event = world.uow.committed.audit[-1]
    assert event.detail == "fields=category,description category=land_property"
    commits = world.uow.commits
    disputes.update_dispute(world.uow, world.member, world.clock, world.taxonomy, cmd)
    assert world.uow.commits == commits  # nothing changed, nothing written


def test_possible_duplicates_look_back_ninety_days(world: World) -> None:
    old = world.register(received_on=world.clock.today() - timedelta(days=91))
    recent = world.register(received_on=world.clock.today() - timedelta(days=90))
    current = world.register()
    found = disputes.possible_duplicates(
        world.uow, world.member, world.clock, [PARTY_NAMES[1].upper()], exclude_id=current.id
    )
    assert [c.dispute_id for c in found] == [recent.id]
    assert old.id not in [c.dispute_id for c in found]
    assert disputes.possible_duplicates(world.uow, world.member, world.clock, ["", " "]) == []


def test_conflict_of_interest_when_a_member_shares_a_party_name(world: World) -> None:
    member = world.users["member"]
    dispute = world.register(
        assigned=(world.user_id("member"), world.user_id("member2")),
        parties=(Party(PartyRole.RESPONDENT, member.display_name.lower()),),
    )
    assert dispute.id is not None
    warnings = disputes.conflicts_of_interest(world.uow, world.member, dispute.id)
    assert [(w.user_id, w.party_role) for w in warnings] == [
        (world.user_id("member"), PartyRole.RESPONDENT)
    ]
    assert member.display_name not in warnings[0].message


def test_add_update_remove_party(world: World) -> None:
    dispute = world.register()
    assert dispute.id is not None
    added = parties.add_party(
        world.uow,
        world.member,
        world.clock,
        world.taxonomy,
        dispute.id,
        Party(PartyRole.WITNESS, "Zawadi Achieng", age=15),
    )
    assert added.id is not None and added.age_band == "12_17"
    added.phone = "+254 700 000 000"
    parties.update_party(world.uow, world.member, world.clock, world.taxonomy, dispute.id, added)
    stored = {p.id: p for p in world.stored(dispute.id).parties}
    assert stored[added.id].phone == "+254700000000"
    parties.remove_party(world.uow, world.member, world.clock, dispute.id, added.id)
    assert added.id not in {p.id for p in world.stored(dispute.id).parties}
    with pytest.raises(NotFound):
        parties.remove_party(world.uow, world.member, world.clock, dispute.id, added.id)


def test_check_registration_needs_no_database(world: World) -> None:
    cmd = disputes.RegisterDispute(
        world.clock.today(),
        Channel.WALK_IN,
        "debt",
        parties=(Party(PartyRole.COMPLAINANT, " Amina ", phone="0712 345 678"),),
    )
    clean = disputes.check_registration(cmd, world.taxonomy, world.clock.today())
    assert clean.parties[0].name == "Amina" and clean.parties[0].phone == "0712345678"
    bad = disputes.RegisterDispute(world.clock.today(), Channel.WALK_IN, "cows")
    with pytest.raises(ValidationError) as caught:
        disputes.check_registration(bad, world.taxonomy, world.clock.today())
    assert caught.value.field == "category"


def test_conflicts_are_found_before_anything_is_stored(world: World) -> None:
    member = world.users["member"]
    assigned = (world.user_id("member"), world.user_id("member2"), world.user_id("member"))
    proposed = (
        Party(PartyRole.COMPLAINANT, PARTY_NAMES[0]),
        Party(PartyRole.WITNESS, "  " + member.display_name.upper().replace(" ", "   ")),
        Party(PartyRole.RESPONDENT, ""),
    )
    commits, events = world.uow.commits, len(world.uow.committed.audit)
    warnings = disputes.check_conflicts(world.uow, world.actor("paralegal"), assigned, proposed)
    assert [(w.user_id, w.party_id, w.party_role) for w in warnings] == [
        (world.user_id("member"), None, PartyRole.WITNESS)
    ]
    assert member.display_name not in warnings[0].message
    assert (world.uow.commits, len(world.uow.committed.audit)) == (commits, events)
    assert not world.uow.committed.disputes
    assert disputes.check_conflicts(world.uow, world.member, (), proposed) == []
    assert disputes.check_conflicts(world.uow, world.member, (99999,), proposed) == []


def test_the_stored_case_check_and_the_form_check_agree(world: World) -> None:
    member = world.users["member"]
    cmd_parties = (
        Party(PartyRole.COMPLAINANT, PARTY_NAMES[0]),
        Party(PartyRole.RESPONDENT, member.display_name),
    )
    assigned = (world.user_id("member"), world.user_id("member2"))
    before = disputes.check_conflicts(world.uow, world.member, assigned, cmd_parties)
    dispute = world.register(assigned=assigned, parties=cmd_parties)
    assert dispute.id is not None
    after = disputes.conflicts_of_interest(world.uow, world.member, dispute.id)
    assert [(w.user_id, w.party_role, w.message) for w in before] == [
        (w.user_id, w.party_role, w.message) for w in after
    ]
    assert after[0].party_id == world.stored(dispute.id).parties[1].id
