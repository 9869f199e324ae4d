"""The fake unit of work behaves like a transaction, so the service tests mean something."""

from __future__ import annotations

import pytest

from desktop.domain.model.users import Role, User
from tests.unit.fakes import FakeUnitOfWork, FixedClock


def test_changes_are_visible_only_after_commit() -> None:
    uow = FakeUnitOfWork()
    with uow:
        uow.users.add(User("amina", "Amina", Role.MEMBER))
        assert uow.users.by_username("amina") is not None  # inside, the change is visible
    assert uow.committed.users == {}
    with uow:
        uow.users.add(User("amina", "Amina", Role.MEMBER))
        uow.commit()
    assert [u.username for u in uow.committed.users.values()] == ["amina"]


def test_an_exception_rolls_back() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(RuntimeError), uow:
        uow.users.add(User("amina", "Amina", Role.MEMBER))
        raise RuntimeError("power cut")
    assert uow.committed.users == {}


def test_rollback_restores_the_committed_state() -> None:
    uow = FakeUnitOfWork()
    with uow:
        uid = uow.users.add(User("amina", "Amina", Role.MEMBER))
        uow.commit()
        user = uow.users.get(uid)
        assert user is not None
        user.display_name = "Changed"
        uow.users.update(user)
        uow.rollback()
        stored = uow.users.get(uid)
        assert stored is not None and stored.display_name == "Amina"


def test_repositories_hand_out_copies_and_refuse_outside_a_transaction() -> None:
    uow = FakeUnitOfWork()
    with uow:
        uid = uow.users.add(User("amina", "Amina", Role.MEMBER))
        user = uow.users.get(uid)
        assert user is not None
        user.display_name = "Mutated without update"
        assert uow.users.get(uid).display_name == "Amina"  # type: ignore[union-attr]
    with pytest.raises(RuntimeError):
        uow.users.all()


def test_fixed_clock_moves_only_when_told() -> None:
    clock = FixedClock()
    start = clock.now()
    assert clock.now() == start
    clock.advance(days=2)
    assert (clock.today() - start.date()).days == 2
