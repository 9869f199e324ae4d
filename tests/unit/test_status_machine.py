"""The case status machine: only legal transitions succeed, in the model and through services."""

from __future__ import annotations

from collections import deque
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.errors import IllegalTransition
from desktop.domain.model.dispute import (
    OPEN_STATUSES,
    TRANSITIONS,
    Channel,
    Dispute,
    Status,
    legal_next,
)
from desktop.domain.services import case_status
from tests.unit.world import World, make_world


def _dispute(status: Status = Status.REGISTERED) -> Dispute:
    return Dispute(
        "KBR-2026-0001", date(2026, 1, 5), Channel.WALK_IN, "debt", "Kibera", status=status
    )


@given(st.lists(st.sampled_from(list(Status)), max_size=40))
def test_random_sequences_only_legal_moves_succeed(targets: list[Status]) -> None:
    dispute = _dispute()
    for target in targets:
        before = dispute.status
        if target in TRANSITIONS[before]:
            dispute.move_to(target)
            assert dispute.status is target
        else:
            with pytest.raises(IllegalTransition):
                dispute.move_to(target)
            assert dispute.status is before


@given(st.sampled_from(list(Status)))
def test_legal_next_lists_exactly_the_transitions(status: Status) -> None:
    assert set(legal_next(status)) == TRANSITIONS[status]
    assert status not in TRANSITIONS[status]


def _reachable(start: Status) -> set[Status]:
    seen, queue = {start}, deque([start])
    while queue:
        for target in TRANSITIONS[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def test_every_status_is_reachable_and_every_open_case_can_end() -> None:
    assert _reachable(Status.REGISTERED) == set(Status)
    for status in OPEN_STATUSES:
        assert Status.CLOSED in _reachable(status)
    assert Status.REGISTERED not in set().union(*TRANSITIONS.values())


@given(
    st.lists(
        st.sampled_from([Status.REFERRED_OUT, Status.AWAITING_FEEDBACK, Status.FOLLOW_UP]),
        max_size=6,
    )
)
def test_change_status_follows_the_machine_and_persists(targets: list[Status]) -> None:
    world: World = make_world()
    dispute = world.register()
    assert dispute.id is not None
    for target in targets:
        current = world.stored(dispute.id).status

        def move(i: int, target: Status = target) -> None:
            if target is Status.REFERRED_OUT:
                case_status.refer_out(world.uow, world.member, world.clock, i, "Police.")
            else:
                case_status.change_status(world.uow, world.member, world.clock, i, target)

        if target in TRANSITIONS[current]:
            move(dispute.id)
            assert world.stored(dispute.id).status is target
        else:
            with pytest.raises(IllegalTransition):
                move(dispute.id)
            assert world.stored(dispute.id).status is current


@pytest.mark.parametrize(
    "target",
    [
        Status.IN_MEDIATION,
        Status.AGREEMENT,
        Status.CLOSED,
        Status.WITHDRAWN,
        Status.REOPENED,
        Status.REFERRED_OUT,  # needs a reason: refer_out or refer_case
    ],
)
def test_change_status_refuses_targets_with_their_own_use_case(
    world: World, target: Status
) -> None:
    dispute = world.register()
    assert dispute.id is not None
    with pytest.raises(IllegalTransition):
        case_status.change_status(world.uow, world.member, world.clock, dispute.id, target)
    assert world.stored(dispute.id).status is Status.REGISTERED
