"""Hearings, agreements, follow-ups and closing a case."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.domain.errors import DomainError, IllegalTransition, PermissionDenied
from desktop.domain.model.dispute import Status
from desktop.domain.model.proceedings import Answer, FollowUpResult, PartyView
from desktop.domain.services import agreements, case_status, hearings, outcomes
from tests.unit.world import World


def _mediating(w: World) -> int:
    dispute = w.register()
    assert dispute.id is not None
    case_status.start_mediation(w.uow, w.member, w.clock, w.taxonomy, dispute.id)
    return dispute.id


def _agreed(w: World) -> int:
    i = _mediating(w)
    agreements.record_agreement(
        w.uow, w.member, w.clock, agreements.RecordAgreement(i, "Move the fence back 2 m.")
    )
    return i


def _follow_ups(w: World, i: int) -> list[int]:
    found = sorted(
        (f.due_on, f.id) for f in w.uow.committed.follow_ups.values() if f.dispute_id == i
    )
    return [fid for _, fid in found if fid is not None]


def test_hearings_need_a_case_in_mediation(world: World) -> None:
    dispute = world.register()
    assert dispute.id is not None
    cmd = hearings.RecordHearing(dispute.id, world.clock.today(), (world.member.user_id,))
    with pytest.raises(DomainError, match="Start mediation"):
        hearings.record_hearing(world.uow, world.member, world.clock, cmd)


def test_schedule_and_record_a_hearing(world: World) -> None:
    i = _mediating(world)
    soon = world.clock.today() + timedelta(days=3)
    planned = hearings.schedule_hearing(world.uow, world.member, world.clock, i, soon)
    with pytest.raises(DomainError):
        hearings.schedule_hearing(
            world.uow, world.member, world.clock, i, world.clock.today() - timedelta(days=1)
        )
    world.clock.advance(days=3)
    party_ids = tuple(p.id for p in world.stored(i).parties if p.id is not None)
    cmd = hearings.RecordHearing(
        i,
        world.clock.today(),
        (world.member.user_id, world.member.user_id),
        party_ids,
        notes="Both spoke.",
        next_date=world.clock.today() + timedelta(days=7),
    )
    held = hearings.record_hearing(world.uow, world.member, world.clock, cmd)
    assert held.mediators == (world.member.user_id,)
    got = hearings.get_proceedings(world.uow, world.member, world.clock, i)
    assert [h.id for h in got.hearings] == [planned.id, held.id]


def test_agreement_moves_the_case_and_schedules_follow_ups(world: World) -> None:
    i = _agreed(world)
    assert world.stored(i).status is Status.AGREEMENT
    dues = [world.uow.committed.follow_ups[f].due_on for f in _follow_ups(world, i)]
    assert dues == [
        world.clock.today() + timedelta(days=30),
        world.clock.today() + timedelta(days=90),
    ]


def test_agreement_needs_mediation(world: World) -> None:
    dispute = world.register()
    assert dispute.id is not None
    with pytest.raises(IllegalTransition):
        agreements.record_agreement(
            world.uow, world.member, world.clock, agreements.RecordAgreement(dispute.id, "Pay")
        )


def test_compliance_moves_to_follow_up_and_breach_reopens(world: World) -> None:
    i = _agreed(world)
    first, second = _follow_ups(world, i)
    world.clock.advance(days=30)
    done = agreements.record_follow_up(
        world.uow, world.member, world.clock, first, FollowUpResult.COMPLIED
    )
    assert done.status is Status.FOLLOW_UP and not done.reopened
    with pytest.raises(DomainError, match="already"):
        agreements.record_follow_up(
            world.uow, world.member, world.clock, first, FollowUpResult.COMPLIED
        )
    world.clock.advance(days=60)
    broken = agreements.record_follow_up(
        world.uow, world.member, world.clock, second, FollowUpResult.BREACHED
    )
    assert broken.reopened and broken.status is Status.REOPENED
    assert "reopened" in broken.message
    assert world.stored(i).status is Status.REOPENED


def test_case_with_agreement_closes_only_after_monitoring(world: World) -> None:
    i = _agreed(world)
    cmd = outcomes.CloseCase(i, "resolved_by_agreement")
    world.clock.advance(days=89)
    with pytest.raises(DomainError, match="monitored until"):
        outcomes.close_case(world.uow, world.member, world.clock, world.taxonomy, cmd)
    assert world.stored(i).status is Status.AGREEMENT
    world.clock.advance(days=1)
    party_id = world.stored(i).parties[0].id
    assert party_id is not None
    view = PartyView(party_id, voice=Answer.YES, fair_outcome=Answer.PARTLY)
    cmd = outcomes.CloseCase(i, "resolved_by_agreement", views=(view,))
    outcome = outcomes.close_case(world.uow, world.member, world.clock, world.taxonomy, cmd)
    assert world.stored(i).status is Status.CLOSED
    assert world.uow.committed.outcomes[i].views == [view]
    assert outcome.kind == "resolved_by_agreement"


def test_early_closure_needs_an_administrator_and_a_reason(world: World) -> None:
    i = _agreed(world)
    reasoned = outcomes.CloseCase(i, "resolved_by_agreement", override_reason="Parties relocated.")
    with pytest.raises(PermissionDenied):
        outcomes.close_case(world.uow, world.member, world.clock, world.taxonomy, reasoned)
    with pytest.raises(DomainError):
        outcomes.close_case(
            world.uow,
            world.admin,
            world.clock,
            world.taxonomy,
            outcomes.CloseCase(i, "resolved_by_agreement"),
        )
    outcomes.close_case(world.uow, world.admin, world.clock, world.taxonomy, reasoned)
    assert world.stored(i).status is Status.CLOSED
    event = world.uow.committed.audit[-1]
    assert event.action == "close_case" and "override=1" in event.detail


def test_case_without_agreement_closes_with_any_outcome(world: World) -> None:
    dispute = world.register()
    assert dispute.id is not None
    outcomes.close_case(
        world.uow,
        world.member,
        world.clock,
        world.taxonomy,
        outcomes.CloseCase(dispute.id, "referred_formal"),
    )
    assert world.uow.committed.outcomes[dispute.id].kind == "referred_formal"


def test_withdraw_records_the_outcome_and_reopen_needs_a_reason(world: World) -> None:
    dispute = world.register()
    assert dispute.id is not None
    case_status.withdraw(
        world.uow, world.actor("paralegal"), world.clock, dispute.id, "Complainant travelled."
    )
    assert world.stored(dispute.id).status is Status.WITHDRAWN
    assert world.uow.committed.outcomes[dispute.id].kind == "withdrawn"
    case_status.reopen(world.uow, world.member, world.clock, dispute.id, "Came back.")
    assert world.stored(dispute.id).status is Status.REOPENED
    assert 'reason="Came back."' in world.uow.committed.audit[-1].detail


def test_a_new_agreement_retires_the_unchecked_follow_ups_of_the_earlier_one(
    world: World,
) -> None:
    i = _agreed(world)
    first, second = _follow_ups(world, i)
    world.clock.advance(days=30)
    agreements.record_follow_up(
        world.uow, world.member, world.clock, first, FollowUpResult.BREACHED
    )
    case_status.start_mediation(world.uow, world.member, world.clock, world.taxonomy, i)
    agreements.record_agreement(
        world.uow, world.member, world.clock, agreements.RecordAgreement(i, "Pay in two parts.")
    )
    stored = {f.id: f for f in world.uow.committed.follow_ups.values() if f.dispute_id == i}
    assert stored[second].result is FollowUpResult.SUPERSEDED  # no longer due anywhere
    assert stored[second].done_on == world.clock.today()
    assert stored[first].result is FollowUpResult.BREACHED  # a real check stays as it was
    open_checks = [f for f in stored.values() if f.done_on is None]
    assert len(open_checks) == 2  # the new agreement's 30 and 90 days
    with pytest.raises(DomainError, match="kept, partly kept or breached"):
        agreements.record_follow_up(
            world.uow, world.member, world.clock, open_checks[0].id or 0, FollowUpResult.SUPERSEDED
        )
