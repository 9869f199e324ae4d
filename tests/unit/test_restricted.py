"""Restricted cases: visible only to assigned members with restricted access and to
administrators; others get NotFound; every view is audited."""

from __future__ import annotations

import pytest

from desktop.domain.errors import NotFound, ValidationError
from desktop.domain.services import disputes, hearings
from tests.unit.world import World


def _restricted_case(world: World) -> int:
    dispute = world.register("gbv", assigned=(world.user_id("focal"),))
    assert dispute.id is not None
    return dispute.id


def _views(world: World, dispute_id: int) -> list[str]:
    return [
        e.username
        for e in world.uow.committed.audit
        if e.action == "view_restricted" and e.subject == f"dispute:{dispute_id}"
    ]


def test_sensitive_categories_are_restricted_by_default(world: World) -> None:
    assert world.register("gbv").restricted
    assert world.register("child_abuse").restricted
    assert not world.register("debt").restricted


@pytest.mark.parametrize("key", ["member", "paralegal", "member2"])
def test_unassigned_user_gets_not_found(world: World, key: str) -> None:
    dispute_id = _restricted_case(world)
    with pytest.raises(NotFound):
        disputes.get_dispute(world.uow, world.actor(key), world.clock, dispute_id)
    with pytest.raises(NotFound):
        hearings.get_proceedings(world.uow, world.actor(key), world.clock, dispute_id)
    assert _views(world, dispute_id) == []


def test_hidden_case_looks_like_a_missing_one(world: World) -> None:
    dispute_id = _restricted_case(world)
    with pytest.raises(NotFound) as hidden:
        disputes.get_dispute(world.uow, world.member, world.clock, dispute_id)
    with pytest.raises(NotFound) as missing:
        disputes.get_dispute(world.uow, world.member, world.clock, 9999)
    assert str(hidden.value) == str(missing.value)


def test_assigned_member_sees_it_and_the_view_is_audited(world: World) -> None:
    dispute_id = _restricted_case(world)
    seen = disputes.get_dispute(world.uow, world.actor("focal"), world.clock, dispute_id)
    assert seen.id == dispute_id and len(seen.parties) == 2
    assert _views(world, dispute_id) == ["focal"]


def test_administrator_sees_it_and_the_view_is_audited(world: World) -> None:
    dispute_id = _restricted_case(world)
    disputes.get_dispute(world.uow, world.admin, world.clock, dispute_id)
    assert _views(world, dispute_id) == ["administrator"]


def test_viewing_an_open_case_is_not_audited(world: World) -> None:
    dispute = world.register("debt")
    assert dispute.id is not None
    events = len(world.uow.committed.audit)
    disputes.get_dispute(world.uow, world.member, world.clock, dispute.id)
    assert len(world.uow.committed.audit) == events


def test_restricted_case_cannot_be_assigned_without_restricted_access(world: World) -> None:
    count = len(world.uow.committed.disputes)
    with pytest.raises(ValidationError) as caught:
        world.register("gbv", assigned=(world.user_id("member"),))
    assert caught.value.field == "assigned"
    assert len(world.uow.committed.disputes) == count


def test_update_rechecks_assignment_when_restricted(world: World) -> None:
    dispute_id = _restricted_case(world)
    cmd = disputes.UpdateDispute(dispute_id, assigned=(world.user_id("member"),))
    with pytest.raises(ValidationError) as caught:
        disputes.update_dispute(world.uow, world.admin, world.clock, world.taxonomy, cmd)
    assert caught.value.field == "assigned"
    assert world.stored(dispute_id).assigned == (world.user_id("focal"),)


def test_changing_to_a_sensitive_category_restricts_and_rechecks(world: World) -> None:
    dispute = world.register("family", assigned=(world.user_id("member"),))
    assert dispute.id is not None and not dispute.restricted
    cmd = disputes.UpdateDispute(dispute.id, category="gbv")
    with pytest.raises(ValidationError):  # the assigned member has no restricted access
        disputes.update_dispute(world.uow, world.admin, world.clock, world.taxonomy, cmd)
    cmd = disputes.UpdateDispute(dispute.id, category="gbv", assigned=(world.user_id("focal"),))
    updated = disputes.update_dispute(world.uow, world.admin, world.clock, world.taxonomy, cmd)
    assert updated.restricted and world.stored(dispute.id).restricted


def test_only_an_administrator_lifts_the_restriction(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        world.register("gbv", restricted=False, as_actor=world.member)
    assert caught.value.field == "restricted"
    assert not world.register("gbv", restricted=False).restricted  # the administrator may


def test_duplicates_hide_cases_the_actor_cannot_see(world: World) -> None:
    _restricted_case(world)
    open_case = world.register("debt")
    found = disputes.possible_duplicates(world.uow, world.member, world.clock, ["amina wanjiru"])
    assert [c.dispute_id for c in found] == [open_case.id]
    found = disputes.possible_duplicates(world.uow, world.admin, world.clock, ["Amina  Wanjiru"])
    assert len(found) == 2


def test_programme_officer_never_sees_case_details(world: World) -> None:
    from desktop.domain.errors import PermissionDenied

    dispute = world.register("debt")
    assert dispute.id is not None
    with pytest.raises(PermissionDenied):
        disputes.get_dispute(world.uow, world.actor("programme_officer"), world.clock, dispute.id)
