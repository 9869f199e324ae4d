"""The audit chain: every change appends an event in the same transaction; the chain verifies;
tampering is found; details never hold names, phones or narrative."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.model.audit import GENESIS
from desktop.domain.model.dispute import Party, PartyRole
from desktop.domain.model.proceedings import FollowUpResult, PartyView
from desktop.domain.services import (
    agreements,
    audit,
    case_status,
    disputes,
    hearings,
    outcomes,
    parties,
)
from tests.unit.world import PARTY_NAMES, PARTY_PHONE, World

DESCRIPTION = "Goats from the neighbouring compound ate the maize"


def _busy_case(world: World) -> int:
    dispute = world.register("livestock_crop_damage", description=DESCRIPTION)
    assert dispute.id is not None
    i = dispute.id
    w, admin = world, world.admin
    parties.add_party(
        w.uow,
        admin,
        w.clock,
        w.taxonomy,
        i,
        Party(PartyRole.WITNESS, "Zawadi Achieng", phone="0799 000 111"),
    )
    case_status.start_mediation(w.uow, admin, w.clock, w.taxonomy, i)
    hearings.record_hearing(
        w.uow,
        admin,
        w.clock,
        hearings.RecordHearing(i, w.clock.today(), (admin.user_id,), notes=DESCRIPTION),
    )
    agreements.record_agreement(
        w.uow, admin, w.clock, agreements.RecordAgreement(i, "Pay 3 bags of maize")
    )
    w.clock.advance(days=30)
    first = min(w.uow.committed.follow_ups)
    agreements.record_follow_up(
        w.uow, admin, w.clock, first, FollowUpResult.COMPLIED, "Paid 2 bags"
    )
    w.clock.advance(days=61)
    views = tuple(PartyView(p.id) for p in w.stored(i).parties if p.id is not None)
    outcomes.close_case(
        w.uow,
        admin,
        w.clock,
        w.taxonomy,
        outcomes.CloseCase(i, "resolved_by_agreement", views=views),
    )
    disputes.get_dispute(w.uow, admin, w.clock, i)
    return i


def test_every_change_is_chained_and_verifies(world: World) -> None:
    _busy_case(world)
    events = world.uow.committed.audit
    actions = [e.action for e in events]
    for action in (
        "register_dispute",
        "add_party",
        "start_mediation",
        "record_hearing",
        "record_agreement",
        "record_follow_up",
        "close_case",
    ):
        assert action in actions
    assert events[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert audit.verify_audit(world.uow, world.admin) is None


@pytest.mark.parametrize("field", ["detail", "username", "action", "subject"])
def test_a_tampered_event_is_found(world: World, field: str) -> None:
    _busy_case(world)
    events = world.uow.committed.audit
    events[2] = dataclasses.replace(events[2], **{field: events[2].__dict__[field] + "x"})
    assert audit.verify_audit(world.uow, world.admin) == events[2].seq


def test_a_deleted_event_is_found(world: World) -> None:
    _busy_case(world)
    events = world.uow.committed.audit
    removed = events.pop(3)
    assert removed.seq is not None
    assert audit.verify_audit(world.uow, world.admin) == removed.seq + 1


def test_details_hold_no_names_phones_or_narrative(world: World) -> None:
    _busy_case(world)
    forbidden = [
        *PARTY_NAMES,
        "Zawadi",
        PARTY_PHONE,
        "254712345678",
        "0799",
        "Goats",
        "maize",
        "Paid",
        "Halima",
        "Baraka",
    ]
    for event in world.uow.committed.audit:
        text = f"{event.subject} {event.detail}"
        for word in forbidden:
            assert word.casefold() not in text.casefold(), (event.action, word)


def test_event_is_written_with_the_change_or_not_at_all(world: World) -> None:
    before = len(world.uow.committed.audit)
    with pytest.raises(ValidationError):
        world.register("no_such_category")
    assert len(world.uow.committed.audit) == before
    world.register("debt")
    assert len(world.uow.committed.audit) == before + 1


def test_detail_of_quotes_free_text() -> None:
    assert audit.detail_of(a=1, b=True, c=None, d="x y", e="") == 'a=1 b=1 d="x y" e=""'
