"""The administrator's audit viewer (services/audit_view.py) over the in-memory fakes."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desktop.domain.errors import PermissionDenied, ValidationError
from desktop.domain.services import case_status
from desktop.domain.services.audit_view import AuditFilter, read_audit_log
from tests.unit.world import World, make_world


@pytest.fixture
def world() -> World:
    w = make_world(date(2026, 3, 1))
    first = w.register(as_actor=w.member)  # 1 March, by the member
    w.clock.advance(days=2)
    second = w.register()  # 3 March, by the administrator
    assert first.id is not None and second.id is not None
    w.clock.advance(days=2)
    case_status.start_mediation(w.uow, w.admin, w.clock, w.taxonomy, first.id)  # 5 March
    return w


def _actions(world: World, wanted: AuditFilter | None = None) -> list[tuple[str, str]]:
    log = read_audit_log(world.uow, world.admin, wanted)
    return [(e.username, e.action) for e in log.events]


def test_lists_every_event_newest_first_with_the_chain_verified(world: World) -> None:
    log = read_audit_log(world.uow, world.admin)
    assert [(e.username, e.action) for e in log.events] == [
        ("administrator", "start_mediation"),
        ("administrator", "register_dispute"),
        ("member", "register_dispute"),
    ]
    assert log.matched == log.total == 3
    assert log.chain_holds and log.broken_at is None
    assert log.usernames == ["administrator", "member"]
    assert log.actions == ["register_dispute", "start_mediation"]


def test_filters_by_user_action_dates_and_subject(world: World) -> None:
    assert _actions(world, AuditFilter(username="MEMBER")) == [("member", "register_dispute")]
    assert _actions(world, AuditFilter(action="start_mediation")) == [
        ("administrator", "start_mediation")
    ]
    between = AuditFilter(since=date(2026, 3, 2), until=date(2026, 3, 4))
    assert _actions(world, between) == [("administrator", "register_dispute")]
    first_case = world.committed_state().audit[0].subject
    assert first_case.startswith("dispute:")
    by_subject = [("administrator", "start_mediation"), ("member", "register_dispute")]
    assert _actions(world, AuditFilter(subject=first_case)) == by_subject
    assert _actions(world, AuditFilter(subject=first_case.partition(":")[2])) == by_subject
    log = read_audit_log(world.uow, world.admin, AuditFilter(username="nobody"))
    assert log.events == [] and log.matched == 0 and log.total == 3


def test_a_tampered_event_breaks_the_chain(world: World) -> None:
    audit = world.committed_state().audit
    audit[1] = dataclasses.replace(audit[1], username="member")
    log = read_audit_log(world.uow, world.admin)
    assert not log.chain_holds
    assert log.broken_at == audit[1].seq


def test_the_limit_keeps_the_newest(world: World) -> None:
    log = read_audit_log(world.uow, world.admin, limit=1)
    assert [e.action for e in log.events] == ["start_mediation"]
    assert log.matched == 3


def test_an_end_before_the_start_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        read_audit_log(
            world.uow, world.admin, AuditFilter(since=date(2026, 3, 5), until=date(2026, 3, 1))
        )
    assert raised.value.field == "until"


@pytest.mark.parametrize("key", ["member", "member2", "paralegal", "programme_officer", "focal"])
def test_only_administrators_read_the_log(world: World, key: str) -> None:
    with pytest.raises(PermissionDenied):
        read_audit_log(world.uow, world.actor(key))
