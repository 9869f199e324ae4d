"""The chair's queue: pending requests across the committee, with case numbers, for the home
screen of those who decide them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.domain.errors import PermissionDenied
from desktop.domain.model.approvals import ApprovalKind
from desktop.domain.services import approvals, outcomes
from desktop.domain.services.approval_queue import pending_approvals
from tests.unit.world import PARTY_NAMES, World


def _approvals_on(w: World) -> None:
    committee = w.uow.committed.committee
    assert committee is not None
    committee.approvals_required = True


def _request_close(w: World, category: str = "land_boundary") -> tuple[int, int]:
    dispute = w.register(category, assigned=(w.user_id("member"),))
    assert dispute.id is not None
    request = outcomes.close_case(
        w.uow, w.member, w.clock, w.taxonomy, outcomes.CloseCase(dispute.id, "unresolved")
    )
    assert request.id is not None
    return dispute.id, request.id


def test_lists_every_pending_request_oldest_first_with_its_case_number(world: World) -> None:
    _approvals_on(world)
    first_case, first = _request_close(world)
    world.clock.current += timedelta(hours=2)
    second_case, second = _request_close(world)

    queue = pending_approvals(world.uow, world.admin)

    assert [p.approval_id for p in queue] == [first, second]
    assert [p.dispute_id for p in queue] == [first_case, second_case]
    assert queue[0].number == world.stored(first_case).number
    assert queue[0].kind is ApprovalKind.CLOSE_CASE
    assert queue[0].requested_by == "Baraka Mediator"
    assert not any(name in repr(queue) for name in PARTY_NAMES)


def test_a_decided_request_leaves_the_queue(world: World) -> None:
    _approvals_on(world)
    _case, request = _request_close(world)
    approvals.decide_approval(
        world.uow,
        world.admin,
        world.clock,
        world.taxonomy,
        approvals.DecideApproval(request, approve=False, comment="Hear both parties first."),
    )
    assert pending_approvals(world.uow, world.admin) == []


def test_only_those_who_decide_may_read_the_queue(world: World) -> None:
    _approvals_on(world)
    _request_close(world)
    with pytest.raises(PermissionDenied):
        pending_approvals(world.uow, world.member)
