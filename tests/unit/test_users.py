"""Users: administrators manage them; the last active administrator stays."""

from __future__ import annotations

import pytest

from desktop.domain.errors import DomainError, NotFound
from desktop.domain.model.users import Role
from desktop.domain.services import users
from tests.unit.world import World


def test_add_and_update_a_user(world: World) -> None:
    added = users.add_user(
        world.uow,
        world.admin,
        world.clock,
        users.AddUser(" zawadi ", "Zawadi  Achieng", Role.PARALEGAL),
    )
    assert (added.username, added.display_name) == ("zawadi", "Zawadi Achieng")
    assert added.id is not None
    users.update_user(
        world.uow, world.admin, world.clock, users.UpdateUser(added.id, restricted_access=True)
    )
    assert users.get_user(world.uow, world.admin, added.id).restricted_access
    assert world.uow.committed.audit[-1].detail == "fields=restricted_access restricted_access=1"


def test_the_last_administrator_cannot_be_demoted_or_deactivated(world: World) -> None:
    admin_id = world.user_id("administrator")
    with pytest.raises(DomainError, match="last active administrator"):
        users.update_user(
            world.uow, world.admin, world.clock, users.UpdateUser(admin_id, role=Role.MEMBER)
        )
    with pytest.raises(DomainError, match="last active administrator"):
        users.deactivate_user(world.uow, world.admin, world.clock, admin_id)
    assert world.uow.committed.users[admin_id].role is Role.ADMINISTRATOR


def test_an_administrator_can_step_down_once_there_is_another(world: World) -> None:
    member2 = world.user_id("member2")
    users.update_user(
        world.uow, world.admin, world.clock, users.UpdateUser(member2, role=Role.ADMINISTRATOR)
    )
    users.deactivate_user(world.uow, world.admin, world.clock, world.user_id("administrator"))
    assert not world.uow.committed.users[world.user_id("administrator")].active
    assert world.uow.committed.audit[-1].action == "deactivate_user"


def test_list_and_get(world: World) -> None:
    listed = users.list_users(world.uow, world.member)
    assert [u.display_name for u in listed] == sorted(u.display_name for u in listed)
    with pytest.raises(NotFound):
        users.get_user(world.uow, world.admin, 4242)
