"""A case's timeline: every event in order, with who did it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.errors import NotFound, PermissionDenied
from desktop.domain.model.proceedings import FollowUp, FollowUpResult, Hearing
from desktop.domain.services import agreements, case_status, hearings, outcomes, timeline
from tests.unit.world import PARTY_NAMES, World


def _walk(w: World) -> int:
    dispute = w.register()
    i = dispute.id
    assert i is not None
    case_status.start_mediation(w.uow, w.member, w.clock, w.taxonomy, i)
    w.clock.advance(days=7)
    late = hearings.RecordHearing(i, w.clock.today() - timedelta(days=6), (w.user_id("member"),))
    hearings.record_hearing(w.uow, w.member, w.clock, late)  # recorded a week late
    hearings.record_hearing(
        w.uow, w.member, w.clock, hearings.RecordHearing(i, w.clock.today(), (w.user_id("member"),))
    )
    cmd = agreements.RecordAgreement(i, "Move the fence back 2 m.", follow_up_days=(30,))
    agreements.record_agreement(w.uow, w.admin, w.clock, cmd)
    w.clock.advance(days=30)
    follow_up = min(w.uow.committed.follow_ups)
    agreements.record_follow_up(w.uow, w.member, w.clock, follow_up, FollowUpResult.BREACHED)
    w.clock.advance(days=1)
    outcomes.close_case(w.uow, w.member, w.clock, w.taxonomy, outcomes.CloseCase(i, "unresolved"))
    return i


def test_events_come_in_the_order_they_happened_with_who_did_them(world: World) -> None:
    i = _walk(world)
    entries = timeline.case_timeline(world.uow, world.member, world.clock, i)
    assert [e.action for e in entries] == [
        "register_dispute",
        "start_mediation",
        "record_hearing",
        "record_hearing",
        "record_agreement",
        "record_follow_up",
        "close_case",
    ]
    assert [e.on for e in entries] == sorted(e.on for e in entries)
    first_hearing = entries[2]
    assert first_hearing.on == date(2026, 3, 11)  # when held, not when recorded (03-17)
    assert first_hearing.at is not None and first_hearing.at.date() == date(2026, 3, 17)
    assert entries[0].who == "Halima Chair" and entries[2].who == "Baraka Mediator"
    assert entries[5].detail["result"] == "breached" and entries[5].detail["to"] == "reopened"
    assert entries[6].detail["outcome"] == "unresolved"


def test_no_entry_holds_a_name_or_narrative(world: World) -> None:
    i = _walk(world)
    text = repr(timeline.case_timeline(world.uow, world.member, world.clock, i))
    assert not any(name in text for name in PARTY_NAMES)
    assert "fence" not in text


def test_a_reason_with_spaces_is_read_back_whole(world: World) -> None:
    dispute = world.register()
    assert dispute.id is not None
    case_status.withdraw(world.uow, world.member, world.clock, dispute.id)
    case_status.reopen(world.uow, world.member, world.clock, dispute.id, 'He "came" back = again')
    entries = timeline.case_timeline(world.uow, world.member, world.clock, dispute.id)
    assert entries[-1].action == "reopen"
    assert entries[-1].detail["reason"] == 'He "came" back = again'
    assert entries[-1].detail["to"] == "reopened"


def test_bulk_loaded_proceedings_without_audit_events_still_show(world: World) -> None:
    dispute = world.register()
    i = dispute.id
    assert i is not None
    state = world.uow.committed
    state.audit.clear()
    hearing = Hearing(i, date(2026, 3, 5), id=state.new_id())
    state.hearings[hearing.id or 0] = hearing
    done = FollowUp(i, date(2026, 3, 8), date(2026, 3, 8), FollowUpResult.COMPLIED, id=99)
    state.follow_ups[99] = done
    state.follow_ups[100] = FollowUp(i, date(2026, 9, 8), id=100)  # not done: not an event
    entries = timeline.case_timeline(world.uow, world.member, world.clock, i)
    assert [(e.action, e.who) for e in entries] == [
        ("record_hearing", ""),
        ("record_follow_up", ""),
        ("register_dispute", ""),
    ]


def test_a_restricted_case_timeline_is_hidden_and_its_reading_audited(world: World) -> None:
    focal = world.user_id("focal")
    dispute = world.register("gbv", restricted=True, assigned=(focal,))
    i = dispute.id
    assert i is not None
    with pytest.raises(NotFound):
        timeline.case_timeline(world.uow, world.member, world.clock, i)
    with pytest.raises(PermissionDenied):
        timeline.case_timeline(world.uow, world.actor("programme_officer"), world.clock, i)
    entries = timeline.case_timeline(world.uow, world.actor("focal"), world.clock, i)
    assert [e.action for e in entries] == ["register_dispute"]
    assert world.uow.committed.audit[-1].action == "view_restricted"
    assert world.uow.committed.audit[-1].detail == "part=timeline"


def test_parse_detail_reads_what_detail_of_writes() -> None:
    from desktop.domain.services.audit import detail_of

    text = detail_of(a=1, b="two words", c=True, d=None, e='q"=')
    assert timeline.parse_detail(text) == {"a": "1", "b": "two words", "c": "1", "e": 'q"='}
