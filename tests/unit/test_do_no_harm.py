"""Do-no-harm: a non-mediable category cannot enter mediation unless an administrator overrides
it with a reason, and the override is audited."""

from __future__ import annotations

import pytest

from desktop.domain import rules
from desktop.domain.errors import DoNoHarm, PermissionDenied
from desktop.domain.model.dispute import Status
from desktop.domain.services import case_status, committee
from tests.unit.world import World

REASON = "Survivor asked for mediation after counselling; police unreachable."


def _gbv_case(world: World) -> int:
    # assigned to the focal member, who holds restricted access
    dispute = world.register("gbv", assigned=(world.user_id("focal"),))
    assert dispute.id is not None and dispute.restricted
    return dispute.id


def test_gbv_case_is_refused_mediation_with_a_plain_message(world: World) -> None:
    dispute_id = _gbv_case(world)
    focal = world.actor("focal")
    with pytest.raises(DoNoHarm) as caught:
        case_status.start_mediation(world.uow, focal, world.clock, world.taxonomy, dispute_id)
    message = str(caught.value)
    assert "Gender-based violence" in message and "formal actor" in message
    assert world.stored(dispute_id).status is Status.REGISTERED


@pytest.mark.parametrize("category", ["gbv", "child_abuse", "serious_crime"])
def test_default_non_mediable_categories_are_refused_even_if_settings_forget_them(
    world: World, category: str
) -> None:
    world.uow.committed.committee.non_mediable = frozenset()  # type: ignore[union-attr]
    dispute = world.register(category)
    assert dispute.id is not None
    with pytest.raises(DoNoHarm):
        case_status.start_mediation(world.uow, world.admin, world.clock, world.taxonomy, dispute.id)


def test_a_committee_can_add_a_non_mediable_category(world: World) -> None:
    committee.update_settings(
        world.uow,
        world.admin,
        world.clock,
        world.taxonomy,
        committee.UpdateSettings(non_mediable=frozenset({"inheritance"})),
    )
    stored = world.uow.committed.committee
    assert stored is not None
    assert stored.non_mediable == {"inheritance"} | world.taxonomy.non_mediable_defaults()
    dispute = world.register("inheritance")
    assert dispute.id is not None
    with pytest.raises(DoNoHarm):
        case_status.start_mediation(
            world.uow, world.member, world.clock, world.taxonomy, dispute.id
        )


def test_administrator_override_with_reason_is_audited(world: World) -> None:
    dispute_id = _gbv_case(world)
    case_status.start_mediation(
        world.uow, world.admin, world.clock, world.taxonomy, dispute_id, override_reason=REASON
    )
    assert world.stored(dispute_id).status is Status.IN_MEDIATION
    overrides = [e for e in world.uow.committed.audit if e.action == "override_do_no_harm"]
    assert len(overrides) == 1
    assert overrides[0].username == "administrator"
    assert overrides[0].subject == f"dispute:{dispute_id}"
    assert "category=gbv" in overrides[0].detail and "counselling" in overrides[0].detail


def test_administrator_without_reason_is_refused(world: World) -> None:
    dispute_id = _gbv_case(world)
    with pytest.raises(DoNoHarm):
        case_status.start_mediation(
            world.uow, world.admin, world.clock, world.taxonomy, dispute_id, override_reason="  "
        )
    assert world.stored(dispute_id).status is Status.REGISTERED


def test_member_cannot_override_even_with_a_reason(world: World) -> None:
    dispute_id = _gbv_case(world)
    events = len(world.uow.committed.audit)
    with pytest.raises(PermissionDenied):
        case_status.start_mediation(
            world.uow, world.actor("focal"), world.clock, world.taxonomy, dispute_id, REASON
        )
    assert world.stored(dispute_id).status is Status.REGISTERED
    assert len(world.uow.committed.audit) == events


def test_mediable_category_enters_mediation_without_override(world: World) -> None:
    dispute = world.register("livestock_crop_damage")
    assert dispute.id is not None
    case_status.start_mediation(world.uow, world.member, world.clock, world.taxonomy, dispute.id)
    assert world.stored(dispute.id).status is Status.IN_MEDIATION
    assert not [e for e in world.uow.committed.audit if e.action == "override_do_no_harm"]


def test_check_mediable_rule(world: World) -> None:
    settings = world.uow.committed.committee
    assert settings is not None
    assert rules.is_mediable(world.taxonomy.category("debt"), settings)
    with pytest.raises(DoNoHarm):
        rules.check_mediable(world.taxonomy.category("child_abuse"), settings)
