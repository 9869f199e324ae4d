"""Referring a case out to a formal actor records why: the reason is required, audited, and
shows in the case's timeline."""

from __future__ import annotations

import pytest

from desktop.domain.errors import DoNoHarm, NotFound, ValidationError
from desktop.domain.model.dispute import Status
from desktop.domain.services import case_status, timeline
from desktop.domain.services.audit import detail_of
from desktop.domain.services.timeline import parse_detail
from tests.unit.world import World

REASON = "Assault with injuries: the police GBV desk must handle it."


def _gbv_case(world: World) -> int:
    dispute = world.register("gbv", assigned=(world.user_id("focal"),))
    assert dispute.id is not None
    return dispute.id


def test_a_case_refused_mediation_is_referred_out_with_its_reason(world: World) -> None:
    dispute_id = _gbv_case(world)
    focal = world.actor("focal")
    with pytest.raises(DoNoHarm):
        case_status.start_mediation(world.uow, focal, world.clock, world.taxonomy, dispute_id)
    referred = case_status.refer_out(world.uow, focal, world.clock, dispute_id, f"  {REASON} ")
    assert referred.status is Status.REFERRED_OUT
    assert world.stored(dispute_id).status is Status.REFERRED_OUT
    event = world.uow.committed.audit[-1]
    assert (event.action, event.username) == ("refer_out", "focal")
    assert parse_detail(event.detail) == {
        "from": "registered",
        "to": "referred_out",
        "reason": REASON,
    }
    assert event.detail == detail_of(**{"from": "registered", "to": "referred_out"}, reason=REASON)


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_a_referral_without_a_usable_reason_changes_nothing(world: World, reason: str) -> None:
    dispute_id = _gbv_case(world)
    commits, events = world.uow.commits, len(world.uow.committed.audit)
    with pytest.raises(ValidationError) as caught:
        case_status.refer_out(world.uow, world.admin, world.clock, dispute_id, reason)
    assert caught.value.field == "reason"
    assert world.stored(dispute_id).status is Status.REGISTERED
    assert (world.uow.commits, len(world.uow.committed.audit)) == (commits, events)


def test_the_reason_shows_in_the_timeline(world: World) -> None:
    dispute_id = _gbv_case(world)
    case_status.refer_out(world.uow, world.admin, world.clock, dispute_id, REASON)
    entries = timeline.case_timeline(world.uow, world.admin, world.clock, dispute_id)
    last = entries[-1]
    assert last.action == "refer_out" and last.who == "Halima Chair"
    assert last.detail["reason"] == REASON and last.detail["to"] == "referred_out"


def test_referral_follows_the_status_machine_and_the_case_scope(world: World) -> None:
    dispute_id = _gbv_case(world)
    case_status.refer_out(world.uow, world.admin, world.clock, dispute_id, REASON)
    with pytest.raises(Exception, match="cannot become referred_out"):
        case_status.refer_out(world.uow, world.admin, world.clock, dispute_id, REASON)
    with pytest.raises(NotFound):  # a restricted case the member is not assigned to
        case_status.refer_out(world.uow, world.member, world.clock, dispute_id, REASON)
