"""The home screen's referrals awaiting feedback (services/agenda.py) over the in-memory fakes."""

from __future__ import annotations

from datetime import date, timedelta

from desktop.domain.model.referrals import ReferralStatus
from desktop.domain.services import referrals
from desktop.domain.services.agenda import get_agenda
from tests.unit.world import World, make_world

START = date(2026, 3, 1)


def _refer(w: World, due_in: int, restricted: bool = False) -> tuple[int, int]:
    dispute = w.register(restricted=restricted) if restricted else w.register()
    assert dispute.id is not None
    cmd = referrals.ReferCase(
        dispute.id,
        w.add_justice_actor(),
        "Needs legal advice.",
        due_on=w.clock.today() + timedelta(days=due_in),
    )
    referral = referrals.refer_case(w.uow, w.admin, w.clock, w.taxonomy, cmd)
    assert referral.id is not None
    return dispute.id, referral.id


def test_overdue_referrals_are_listed_longest_overdue_first() -> None:
    w = make_world(START)
    on_time, _ = _refer(w, due_in=20)
    late, _ = _refer(w, due_in=3)
    later, _ = _refer(w, due_in=1)
    due_today, _ = _refer(w, due_in=10)
    w.clock.advance(days=10)  # 2026-03-11

    agenda = get_agenda(w.uow, w.member, w.clock)

    items = agenda.referrals_awaiting_feedback
    assert [i.dispute_id for i in items] == [later, late]
    assert items[0].days == 9 and items[0].on == START + timedelta(days=1)
    assert items[1].days == 7
    assert items[0].number == w.stored(later).number
    assert on_time not in [i.dispute_id for i in items]
    assert due_today not in [i.dispute_id for i in items]  # due today is not late yet


def test_a_referral_with_feedback_completed_leaves_the_list() -> None:
    w = make_world(START)
    _, referral_id = _refer(w, due_in=1)
    w.clock.advance(days=5)
    assert len(get_agenda(w.uow, w.member, w.clock).referrals_awaiting_feedback) == 1
    cmd = referrals.RecordFeedback(referral_id, ReferralStatus.DECLINED, reason="Not their area.")
    referrals.record_referral_feedback(w.uow, w.admin, w.clock, cmd)

    assert get_agenda(w.uow, w.member, w.clock).referrals_awaiting_feedback == []


def test_an_acknowledged_referral_past_its_date_stays_listed() -> None:
    w = make_world(START)
    dispute_id, referral_id = _refer(w, due_in=2)
    cmd = referrals.RecordFeedback(referral_id, ReferralStatus.ACKNOWLEDGED)
    referrals.record_referral_feedback(w.uow, w.admin, w.clock, cmd)
    w.clock.advance(days=4)

    items = get_agenda(w.uow, w.member, w.clock).referrals_awaiting_feedback
    assert [(i.dispute_id, i.days) for i in items] == [(dispute_id, 2)]


def test_a_restricted_case_s_referral_is_not_listed_for_a_member_who_may_not_see_it() -> None:
    w = make_world(START)
    dispute_id, _ = _refer(w, due_in=1, restricted=True)
    w.clock.advance(days=3)

    assert get_agenda(w.uow, w.member, w.clock).referrals_awaiting_feedback == []
    admin_items = get_agenda(w.uow, w.admin, w.clock).referrals_awaiting_feedback
    assert [i.dispute_id for i in admin_items] == [dispute_id]
