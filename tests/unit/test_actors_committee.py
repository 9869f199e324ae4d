"""The actor directory and the committee's settings."""

from __future__ import annotations

import pytest

from desktop.domain.errors import NotFound
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.services import actors, committee
from tests.unit.world import World


def test_actor_directory(world: World) -> None:
    legal = actors.add_actor(
        world.uow,
        world.actor("paralegal"),
        world.clock,
        world.taxonomy,
        JusticeActor("legal_aid", " Kituo  cha Sheria ", phone="020 387 4191"),
    )
    assert legal.id is not None and legal.name == "Kituo cha Sheria" and legal.phone == "0203874191"
    elders = actors.add_actor(
        world.uow,
        world.member,
        world.clock,
        world.taxonomy,
        JusticeActor("chief_elder", "Chief Otieno"),
    )
    assert [a.name for a in actors.list_actors(world.uow, world.actor("programme_officer"))] == [
        "Chief Otieno",
        "Kituo cha Sheria",
    ]
    assert elders.id is not None
    actors.deactivate_actor(world.uow, world.member, world.clock, elders.id)
    assert [a.id for a in actors.list_actors(world.uow, world.member)] == [legal.id]
    assert len(actors.list_actors(world.uow, world.member, include_inactive=True)) == 2
    assert [a.id for a in actors.list_actors(world.uow, world.member, kind="legal_aid")] == [
        legal.id
    ]
    with pytest.raises(NotFound):
        actors.update_actor(
            world.uow,
            world.member,
            world.clock,
            world.taxonomy,
            JusticeActor("police", "X", id=999),
        )


def test_settings(world: World) -> None:
    updated = committee.update_settings(
        world.uow,
        world.admin,
        world.clock,
        world.taxonomy,
        committee.UpdateSettings(
            non_mediable=frozenset(), auto_lock_minutes=15, approvals_required=True
        ),
    )
    assert updated.non_mediable == world.taxonomy.non_mediable_defaults()  # defaults stay
    assert updated.auto_lock_minutes == 15 and updated.approvals_required
    assert committee.get_committee(world.uow, world.member) == updated
    event = world.uow.committed.audit[-1]
    assert event.action == "update_settings" and "auto_lock_minutes=15" in event.detail
