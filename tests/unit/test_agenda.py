"""The home screen's agenda (services/agenda.py) over the in-memory fakes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from desktop.domain.errors import PermissionDenied
from desktop.domain.model.agenda import AgendaItem, moved_into
from desktop.domain.model.dispute import Status
from desktop.domain.model.proceedings import FollowUpResult
from desktop.domain.services import agreements, case_status, hearings
from desktop.domain.services.agenda import (
    IN_MEDIATION_DAYS,
    REGISTERED_DAYS,
    case_scope,
    get_agenda,
)
from desktop.domain.services.outcomes import CloseCase, close_case
from tests.unit.world import PARTY_NAMES, World, make_world

TODAY = date(2026, 3, 10)


def _ids(items: list[AgendaItem]) -> list[int]:
    return [i.dispute_id for i in items]


def _in_mediation(w: World, **changes: Any) -> int:
    dispute = w.register(**changes)
    assert dispute.id is not None
    case_status.start_mediation(w.uow, w.admin, w.clock, w.taxonomy, dispute.id)
    return dispute.id


def _hold(w: World, dispute_id: int, held_on: date, next_date: date | None = None) -> None:
    party = w.stored(dispute_id).parties[0].id
    assert party is not None
    cmd = hearings.RecordHearing(
        dispute_id,
        held_on,
        mediators=(w.user_id("member"),),
        parties_present=(party,),
        next_date=next_date,
    )
    hearings.record_hearing(w.uow, w.admin, w.clock, cmd)


@pytest.fixture
def world() -> World:
    w = make_world(TODAY - timedelta(days=20))
    return w


def test_a_hearing_planned_for_today_is_due_and_an_earlier_one_overdue(world: World) -> None:
    due_today = _in_mediation(world)
    overdue = _in_mediation(world)
    kept = _in_mediation(world)
    start = world.clock.today()
    _hold(world, due_today, start, next_date=TODAY)
    _hold(world, overdue, start, next_date=TODAY - timedelta(days=3))
    _hold(world, kept, start, next_date=TODAY - timedelta(days=5))
    world.clock.advance(days=15)  # the kept plan is held 15 days after the start
    _hold(world, kept, world.clock.today())
    world.clock.advance(days=5)
    assert world.clock.today() == TODAY

    agenda = get_agenda(world.uow, world.member, world.clock)

    assert _ids(agenda.hearings_today) == [due_today]
    assert _ids(agenda.hearings_overdue) == [overdue]
    assert agenda.hearings_overdue[0].days == 3
    assert agenda.hearings_overdue[0].on == TODAY - timedelta(days=3)
    assert agenda.hearings_today[0].number == world.stored(due_today).number


def test_a_scheduled_hearing_is_due_on_its_day(world: World) -> None:
    dispute_id = _in_mediation(world)
    hearings.schedule_hearing(world.uow, world.admin, world.clock, dispute_id, TODAY)
    world.clock.advance(days=19)
    assert get_agenda(world.uow, world.member, world.clock).hearings_today == []
    world.clock.advance(days=1)
    assert _ids(get_agenda(world.uow, world.member, world.clock).hearings_today) == [dispute_id]


def test_a_case_that_left_mediation_has_no_hearing_due(world: World) -> None:
    dispute_id = _in_mediation(world)
    _hold(world, dispute_id, world.clock.today(), next_date=TODAY - timedelta(days=1))
    agreements.record_agreement(
        world.uow, world.admin, world.clock, agreements.RecordAgreement(dispute_id, "Terms.")
    )
    world.clock.current = world.clock.current.replace(day=TODAY.day, month=TODAY.month)
    assert get_agenda(world.uow, world.member, world.clock).hearings_overdue == []


def test_follow_ups_due_today_and_overdue_until_recorded(world: World) -> None:
    dispute_id = _in_mediation(world)
    agreements.record_agreement(
        world.uow,
        world.admin,
        world.clock,
        agreements.RecordAgreement(dispute_id, "Terms.", follow_up_days=(18, 20)),
    )
    world.clock.advance(days=20)

    agenda = get_agenda(world.uow, world.member, world.clock)

    assert _ids(agenda.follow_ups_today) == [dispute_id]
    assert _ids(agenda.follow_ups_overdue) == [dispute_id]
    assert agenda.follow_ups_overdue[0].days == 2
    first = agenda.follow_ups_overdue[0].follow_up_id
    assert first is not None
    agreements.record_follow_up(world.uow, world.admin, world.clock, first, FollowUpResult.COMPLIED)
    agenda = get_agenda(world.uow, world.member, world.clock)
    assert agenda.follow_ups_overdue == []
    assert len(agenda.follow_ups_today) == 1


def test_cases_waiting_too_long_in_one_status(world: World) -> None:
    world.clock.current = world.clock.current.replace(month=1, day=1)
    old_registered = world.register().id
    old_mediation = _in_mediation(world)
    world.clock.advance(days=REGISTERED_DAYS)  # this one entered mediation recently
    recent_mediation = _in_mediation(world, received_on=date(2026, 1, 1))
    fresh = world.register().id
    world.clock.advance(days=IN_MEDIATION_DAYS + 1 - REGISTERED_DAYS)

    waiting = get_agenda(world.uow, world.member, world.clock).waiting

    assert {(i.dispute_id, i.status) for i in waiting} == {
        (old_registered, Status.REGISTERED),
        (old_mediation, Status.IN_MEDIATION),
        (fresh, Status.REGISTERED),
    }
    assert recent_mediation not in _ids(waiting)
    assert waiting[0].days == IN_MEDIATION_DAYS + 1  # the longest wait first


def test_counts_for_this_month(world: World) -> None:
    world.register(received_on=date(2026, 2, 10))  # last month
    closed = _in_mediation(world)
    agreements.record_agreement(
        world.uow, world.admin, world.clock, agreements.RecordAgreement(closed, "Terms.")
    )
    world.clock.current = world.clock.current.replace(month=3, day=2)
    world.register()
    close_case(
        world.uow,
        world.admin,
        world.clock,
        world.taxonomy,
        CloseCase(closed, "unresolved", override_reason="Parties moved away."),
    )
    month = get_agenda(world.uow, world.member, world.clock).month
    assert (month.registered, month.closed, month.agreements) == (1, 1, 0)


def test_a_restricted_case_shows_only_to_its_assigned_member_and_the_admin(
    world: World,
) -> None:
    focal = world.user_id("focal")
    hidden = world.register("gbv", assigned=(focal,), received_on=date(2026, 1, 2)).id
    world.clock.advance(days=20)
    for key in ("administrator", "focal"):
        agenda = get_agenda(world.uow, world.actor(key), world.clock)
        assert hidden in _ids(agenda.waiting), key
        assert agenda.month.registered == 0
    for key in ("member", "paralegal", "member2"):
        agenda = get_agenda(world.uow, world.actor(key), world.clock)
        assert hidden not in _ids(agenda.waiting), key


def test_items_carry_numbers_never_names(world: World) -> None:
    world.register(received_on=date(2026, 1, 2))
    world.clock.advance(days=20)
    agenda = get_agenda(world.uow, world.member, world.clock)
    assert agenda.waiting
    text = repr(agenda)
    assert not any(name in text for name in PARTY_NAMES)


def test_programme_officers_have_no_agenda(world: World) -> None:
    with pytest.raises(PermissionDenied):
        get_agenda(world.uow, world.actor("programme_officer"), world.clock)


def test_referrals_awaiting_feedback_stay_empty_until_the_referrals_work(world: World) -> None:
    assert get_agenda(world.uow, world.admin, world.clock).referrals_awaiting_feedback == []


def test_scope_mirrors_who_may_see_restricted_cases(world: World) -> None:
    assert case_scope(world.admin).all_restricted
    assert case_scope(world.actor("focal")).assigned_user == world.user_id("focal")
    member = case_scope(world.member)
    assert not member.all_restricted and member.assigned_user is None


def test_moved_into_reads_only_real_status_changes() -> None:
    assert moved_into("from=registered to=in_mediation category=debt") == "in_mediation"
    assert moved_into("follow_up=3 result=complied from=follow_up to=follow_up") is None
    assert moved_into("outcome=unresolved from=in_mediation") is None
    assert moved_into("") is None
