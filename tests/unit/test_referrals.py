"""The referral lifecycle: consent before sharing, the audited override, sending with a due
date, feedback by code through acknowledged/accepted/declined/completed, illegal transitions,
overdue by the clock, withdrawal, and incoming referrals reported back at closure."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from desktop.domain.errors import IllegalTransition, NotFound, PermissionDenied, ValidationError
from desktop.domain.model.dispute import Channel, Party, PartyRole, Status
from desktop.domain.model.referral_board import BoardFilter, BoardGroup
from desktop.domain.model.referrals import (
    TRANSITIONS,
    Consent,
    ConsentMethod,
    Direction,
    FeedbackVia,
    ReferralOutcome,
    ReferralStatus,
    Urgency,
    check_referral_transition,
    default_due_on,
    party_field,
)
from desktop.domain.services import outcomes, referral_board, referral_letters, referrals
from desktop.domain.services.referrals import ConsentMissing, RecordFeedback, ReferCase
from desktop.domain.services.timeline import parse_detail
from tests.unit.world import PARTY_NAMES, PARTY_PHONE, World

S = ReferralStatus
REASON = "Threats with a weapon: the police gender desk must act."


def _parties(world: World, dispute_id: int) -> tuple[int, int]:
    complainant, respondent = world.stored(dispute_id).parties
    assert complainant.id is not None and respondent.id is not None
    return complainant.id, respondent.id


def _case(world: World, **changes: Any) -> int:
    dispute = world.register(**changes)
    assert dispute.id is not None
    return dispute.id


def _consent(party_id: int, world: World) -> Consent:
    return Consent(party_id, world.clock.today(), ConsentMethod.THUMBPRINT)


def _refer(world: World, dispute_id: int, **changes: object) -> int:
    values: dict[str, object] = {
        "dispute_id": dispute_id,
        "actor_id": world.add_justice_actor(),
        "reason": REASON,
    }
    values.update(changes)
    referral = referrals.refer_case(
        world.uow,
        world.admin,
        world.clock,
        world.taxonomy,
        ReferCase(**values),  # type: ignore[arg-type]
    )
    assert referral.id is not None
    return referral.id


def _feedback(world: World, referral_id: int, status: ReferralStatus, **changes: object) -> None:
    cmd = RecordFeedback(referral_id, status, **changes)  # type: ignore[arg-type]
    referrals.record_referral_feedback(world.uow, world.admin, world.clock, cmd)


def _stored(world: World, referral_id: int):  # type: ignore[no-untyped-def]
    return world.uow.committed.referrals[referral_id]


# --- the status machine --------------------------------------------------------------------


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_the_transition_table_is_the_documented_one(current: S, target: S) -> None:
    forward = [S.DRAFT, S.SENT, S.ACKNOWLEDGED, S.ACCEPTED, S.COMPLETED]
    legal = (
        (target is S.WITHDRAWN and current in (S.DRAFT, S.SENT, S.ACKNOWLEDGED, S.ACCEPTED))
        or (current is S.DRAFT and target is S.SENT)
        or (
            current in (S.SENT, S.ACKNOWLEDGED)
            and target in forward
            and forward.index(target) > forward.index(current)
        )
        or (current in (S.SENT, S.ACKNOWLEDGED) and target is S.DECLINED)
        or (current is S.ACCEPTED and target is S.COMPLETED)
    )
    assert (target in TRANSITIONS[current]) is legal
    if legal:
        check_referral_transition(current, target)
    else:
        with pytest.raises(IllegalTransition):
            check_referral_transition(current, target)


@pytest.mark.parametrize(
    ("steps", "illegal"),
    [
        ((), S.ACKNOWLEDGED),  # a draft has not been sent: nobody can answer it
        ((S.DECLINED,), S.ACCEPTED),
        ((S.COMPLETED,), S.ACKNOWLEDGED),
        ((S.ACCEPTED,), S.ACKNOWLEDGED),
        ((S.ACCEPTED,), S.DECLINED),
    ],
)
def test_an_illegal_feedback_changes_nothing(
    world: World, steps: tuple[S, ...], illegal: S
) -> None:
    referral_id = _refer(world, _case(world), send=bool(steps))
    for step in steps:
        _feedback(
            world,
            referral_id,
            step,
            reason="Not our area." if step is S.DECLINED else "",
            outcome=ReferralOutcome.ACTION_TAKEN if step is S.COMPLETED else None,
        )
    before = _stored(world, referral_id)
    commits = world.uow.commits
    with pytest.raises(IllegalTransition):
        _feedback(world, referral_id, illegal, reason="x", outcome=ReferralOutcome.RESOLVED)
    assert _stored(world, referral_id) == before and world.uow.commits == commits


def test_a_withdrawn_referral_takes_no_more_feedback(world: World) -> None:
    referral_id = _refer(world, _case(world))
    referrals.withdraw_referral(world.uow, world.admin, world.clock, referral_id, "Settled.")
    stored = _stored(world, referral_id)
    assert stored.status is S.WITHDRAWN and stored.withdrawn_on == world.clock.today()
    assert stored.status_reason == "Settled."
    with pytest.raises(IllegalTransition):
        _feedback(world, referral_id, S.ACKNOWLEDGED)
    with pytest.raises(IllegalTransition):
        referrals.withdraw_referral(world.uow, world.admin, world.clock, referral_id, "Again.")


# --- consent -------------------------------------------------------------------------------


def test_no_consent_no_sharing_of_that_party(world: World) -> None:
    dispute_id = _case(world)
    complainant, respondent = _parties(world, dispute_id)
    commits = world.uow.commits
    with pytest.raises(ConsentMissing) as caught:
        _refer(
            world,
            dispute_id,
            shared_fields=(party_field(complainant, "name"), party_field(respondent, "phone")),
            consents=(_consent(complainant, world),),
        )
    assert caught.value.party_ids == (respondent,)
    assert caught.value.field == "consents"
    assert not world.uow.committed.referrals and world.uow.commits == commits
    assert PARTY_NAMES[1] not in str(caught.value)


def test_with_consent_exactly_the_chosen_fields_are_kept(world: World) -> None:
    dispute_id = _case(world)
    complainant, _ = _parties(world, dispute_id)
    shared = ("case.category", party_field(complainant, "name"), party_field(complainant, "phone"))
    referral_id = _refer(
        world, dispute_id, shared_fields=shared, consents=(_consent(complainant, world),)
    )
    stored = _stored(world, referral_id)
    assert stored.shared_fields == shared
    assert [c.party_id for c in stored.consents] == [complainant]
    assert stored.consent_override == ""
    letter = referral_letters.referral_letter(world.uow, world.admin, world.clock, referral_id)
    assert [(d.field, d.value) for d in letter.shared] == [
        ("case.category", "land_boundary"),
        ("name", PARTY_NAMES[0]),
        ("phone", PARTY_PHONE),
    ]
    assert letter.shared[1].party_index == 1 and letter.shared[1].party_role == "complainant"


def test_the_description_needs_every_complainants_consent(world: World) -> None:
    dispute_id = _case(world, description="The fence was moved at night.")
    complainant, _ = _parties(world, dispute_id)
    with pytest.raises(ConsentMissing) as caught:
        _refer(world, dispute_id, shared_fields=("case.description",))
    assert caught.value.party_ids == (complainant,)
    _refer(
        world,
        dispute_id,
        shared_fields=("case.description",),
        consents=(_consent(complainant, world),),
    )


def test_a_committee_member_may_override_with_a_reason_that_is_audited(world: World) -> None:
    dispute_id = _case(world)
    _, respondent = _parties(world, dispute_id)
    cmd = ReferCase(
        dispute_id,
        world.add_justice_actor(),
        REASON,
        shared_fields=(party_field(respondent, "name"),),
        consent_override="  He threatened her with a panga tonight.  ",
    )
    referral = referrals.refer_case(world.uow, world.member, world.clock, world.taxonomy, cmd)
    assert referral.consent_override == "He threatened her with a panga tonight."
    event = world.uow.committed.audit[-1]
    assert (event.action, event.username) == ("override_referral_consent", "member")
    detail = parse_detail(event.detail)
    assert detail["parties"] == "1" and detail["referral"] == str(referral.id)
    assert PARTY_NAMES[1] not in event.detail


def test_a_paralegal_may_not_override_and_nothing_is_stored(world: World) -> None:
    dispute_id = _case(world)
    _, respondent = _parties(world, dispute_id)
    cmd = ReferCase(
        dispute_id,
        world.add_justice_actor(),
        REASON,
        shared_fields=(party_field(respondent, "phone"),),
        consent_override="Urgent.",
    )
    events = len(world.uow.committed.audit)
    with pytest.raises(PermissionDenied):
        referrals.refer_case(world.uow, world.actor("paralegal"), world.clock, world.taxonomy, cmd)
    assert not world.uow.committed.referrals and len(world.uow.committed.audit) == events


def test_verbal_consent_needs_a_witness(world: World) -> None:
    dispute_id = _case(world)
    complainant, _ = _parties(world, dispute_id)
    verbal = Consent(complainant, world.clock.today(), ConsentMethod.VERBAL_WITH_WITNESS)
    with pytest.raises(ValidationError) as caught:
        _refer(
            world,
            dispute_id,
            shared_fields=(party_field(complainant, "name"),),
            consents=(verbal,),
        )
    assert caught.value.field == "consents"


@pytest.mark.parametrize(
    "fields", [("case.number",), ("party.999.name",), ("party.1.password",), ("name",)]
)
def test_only_known_fields_can_be_shared(world: World, fields: tuple[str, ...]) -> None:
    with pytest.raises(ValidationError) as caught:
        _refer(world, _case(world), shared_fields=fields)
    assert caught.value.field == "shared_fields"


def test_a_referral_needs_a_reason_and_an_active_actor(world: World) -> None:
    dispute_id = _case(world)
    with pytest.raises(ValidationError) as caught:
        _refer(world, dispute_id, reason="  ")
    assert caught.value.field == "reason"
    actor_id = world.add_justice_actor()
    world.uow.committed.actors[actor_id].active = False
    with pytest.raises(ValidationError) as caught:
        _refer(world, dispute_id, actor_id=actor_id)
    assert caught.value.field == "actor_id"


# --- sending, due dates, overdue -----------------------------------------------------------


def test_default_due_dates_follow_kind_and_urgency() -> None:
    sent = date(2026, 3, 10)
    assert default_due_on(sent, 14, Urgency.ROUTINE) == sent + timedelta(days=14)
    assert default_due_on(sent, 14, Urgency.URGENT) == sent + timedelta(days=7)
    assert default_due_on(sent, 3, Urgency.URGENT) == sent + timedelta(days=2)
    assert default_due_on(sent, 30, Urgency.EMERGENCY) == sent + timedelta(days=2)
    assert default_due_on(sent, 1, Urgency.EMERGENCY) == sent + timedelta(days=1)


def test_a_sent_referral_is_due_by_its_actor_kind_and_becomes_overdue(world: World) -> None:
    referral_id = _refer(world, _case(world))  # police: 14 days
    stored = _stored(world, referral_id)
    today = world.clock.today()
    assert stored.status is S.SENT and stored.sent_on == today
    assert stored.due_on == today + timedelta(days=14)
    assert stored.code and stored.created_by == world.user_id("administrator")

    def group() -> BoardGroup:
        rows = referral_board.referral_board(world.uow, world.admin)
        return rows[0].group(world.clock.today())

    world.clock.advance(days=14)
    assert not _stored(world, referral_id).is_overdue(world.clock.today())
    assert group() is BoardGroup.AWAITING_ACKNOWLEDGEMENT
    world.clock.advance(days=1)
    assert _stored(world, referral_id).is_overdue(world.clock.today())
    assert group() is BoardGroup.OVERDUE
    counts = referral_board.referral_counts(world.uow, world.admin, world.clock)
    assert (counts.overdue, counts.awaiting_acknowledgement) == (1, 1)
    _feedback(world, referral_id, S.ACKNOWLEDGED, due_on=world.clock.today() + timedelta(days=10))
    assert group() is BoardGroup.AWAITING_OUTCOME
    _feedback(world, referral_id, S.COMPLETED, outcome=ReferralOutcome.ACTION_TAKEN)
    assert referral_board.referral_board(world.uow, world.admin) == []


def test_a_draft_is_sent_later_and_a_past_due_date_is_refused(world: World) -> None:
    referral_id = _refer(world, _case(world), send=False)
    assert _stored(world, referral_id).status is S.DRAFT
    assert referral_board.referral_board(world.uow, world.admin) == []
    world.clock.advance(days=3)
    with pytest.raises(ValidationError):
        referrals.send_referral(
            world.uow, world.admin, world.clock, world.taxonomy, referral_id, date(2026, 1, 1)
        )
    referrals.send_referral(world.uow, world.admin, world.clock, world.taxonomy, referral_id)
    stored = _stored(world, referral_id)
    assert stored.sent_on == world.clock.today() and stored.status is S.SENT


def test_handing_over_moves_the_case_to_awaiting_feedback(world: World) -> None:
    dispute_id = _case(world)
    _refer(world, dispute_id, hand_over=True)
    assert world.stored(dispute_id).status is Status.AWAITING_FEEDBACK
    actions = [e.action for e in world.uow.committed.audit if e.subject == f"dispute:{dispute_id}"]
    assert actions[-3:] == ["refer_out", "change_status", "refer_case"]


# --- feedback by code ----------------------------------------------------------------------


def test_feedback_by_code_goes_to_completed_keeping_dates_and_notes(world: World) -> None:
    referral_id = _refer(world, _case(world))
    code = _stored(world, referral_id).code
    card = referrals.find_referral(world.uow, world.admin, code.lower().replace("-", " "))
    assert card.referral.id == referral_id and card.actor.name == "Kibera Police Station"
    world.clock.advance(days=2)
    _feedback(world, referral_id, S.ACCEPTED, via=FeedbackVia.PHONE, note="Statement taken.")
    world.clock.advance(days=5)
    _feedback(
        world,
        referral_id,
        S.COMPLETED,
        via=FeedbackVia.SLIP,
        note="Charged in court.",
        given_by="Cpl. Wekesa",
        outcome=ReferralOutcome.ACTION_TAKEN,
    )
    stored = _stored(world, referral_id)
    sent = stored.sent_on
    assert sent is not None
    assert stored.feedback_on == sent + timedelta(days=2)
    assert stored.decided_on == sent + timedelta(days=2)
    assert stored.completed_on == sent + timedelta(days=7)
    assert stored.acknowledged_on is None  # skipped: the answer said more
    assert stored.days_to_feedback() == 2
    assert stored.outcome is ReferralOutcome.ACTION_TAKEN
    assert stored.feedback_via is FeedbackVia.SLIP and stored.feedback_from == "Cpl. Wekesa"
    assert stored.feedback.splitlines() == [
        f"{(sent + timedelta(days=2)).isoformat()}: Statement taken.",
        f"{(sent + timedelta(days=7)).isoformat()}: Charged in court.",
    ]
    event = world.uow.committed.audit[-1]
    assert event.action == "referral_feedback" and "Charged" not in event.detail


def test_declined_needs_a_reason_and_completed_an_outcome(world: World) -> None:
    referral_id = _refer(world, _case(world))
    with pytest.raises(ValidationError) as caught:
        _feedback(world, referral_id, S.DECLINED)
    assert caught.value.field == "reason"
    with pytest.raises(ValidationError) as caught:
        _feedback(world, referral_id, S.COMPLETED)
    assert caught.value.field == "outcome"
    assert _stored(world, referral_id).status is S.SENT


def test_feedback_cannot_be_dated_before_sending_or_in_the_future(world: World) -> None:
    referral_id = _refer(world, _case(world))
    today = world.clock.today()
    for on in (today - timedelta(days=1), today + timedelta(days=1)):
        with pytest.raises(ValidationError) as caught:
            _feedback(world, referral_id, S.ACKNOWLEDGED, on=on)
        assert caught.value.field == "on"


def test_a_mistyped_code_is_caught_before_any_lookup(world: World) -> None:
    referral_id = _refer(world, _case(world))
    code = _stored(world, referral_id).code
    wrong = ("1" if code[0] != "1" else "2") + code[1:]
    with pytest.raises(ValidationError, match="typo"):
        referrals.find_referral(world.uow, world.admin, wrong)


def test_a_restricted_case_referral_is_invisible_to_others(world: World) -> None:
    dispute_id = _case(world, category="gbv", assigned=(world.user_id("focal"),))
    referral_id = _refer(world, dispute_id)
    code = _stored(world, referral_id).code
    with pytest.raises(NotFound):
        referrals.find_referral(world.uow, world.member, code)
    with pytest.raises(NotFound):
        _feedback_as = RecordFeedback(referral_id, S.ACKNOWLEDGED)
        referrals.record_referral_feedback(world.uow, world.member, world.clock, _feedback_as)
    assert referral_board.referral_board(world.uow, world.member) == []
    assert (
        referral_board.referral_counts(
            world.uow, world.member, world.clock
        ).awaiting_acknowledgement
        == 0
    )
    assert len(referral_board.referral_board(world.uow, world.actor("focal"))) == 1


def test_the_board_filters_by_actor_and_by_who_made_it(world: World) -> None:
    police = world.add_justice_actor()
    legal_aid = world.add_justice_actor("legal_aid", "Kituo cha Sheria")
    _refer(world, _case(world), actor_id=police)
    referrals.refer_case(
        world.uow,
        world.actor("paralegal"),
        world.clock,
        world.taxonomy,
        ReferCase(_case(world), legal_aid, "Land title advice."),
    )
    rows = referral_board.referral_board(world.uow, world.admin, BoardFilter(actor_id=legal_aid))
    assert [r.actor_name for r in rows] == ["Kituo cha Sheria"]
    mine = BoardFilter(created_by=world.user_id("paralegal"))
    assert [r.actor_id for r in referral_board.referral_board(world.uow, world.admin, mine)] == [
        legal_aid
    ]


# --- incoming referrals --------------------------------------------------------------------


def _incoming(world: World) -> int:
    chief = world.add_justice_actor("chief_elder", "Chief of Laini Saba")
    return _case(
        world,
        channel=Channel.REFERRAL_IN,
        referred_by_actor=chief,
        referred_by_reference="LS/12/2026",
        parties=(Party(PartyRole.COMPLAINANT, PARTY_NAMES[0]),),
    )


def test_an_incoming_case_has_an_accepted_incoming_referral(world: World) -> None:
    dispute_id = _incoming(world)
    (referral,) = [r for r in world.uow.committed.referrals.values() if r.dispute_id == dispute_id]
    assert referral.direction is Direction.IN and referral.status is S.ACCEPTED
    assert referral.their_reference == "LS/12/2026" and referral.code
    assert referral.sent_on == world.clock.today()
    rows = referral_board.referral_board(world.uow, world.admin)
    assert [r.group(world.clock.today()) for r in rows] == [BoardGroup.OWED_BY_US]
    assert referral.id is not None
    with pytest.raises(IllegalTransition):
        _feedback(world, referral.id, S.COMPLETED, outcome=ReferralOutcome.RESOLVED)


def test_reporting_back_needs_closure_then_completes_the_incoming_referral(world: World) -> None:
    dispute_id = _incoming(world)
    with pytest.raises(IllegalTransition):
        referral_letters.report_back(
            world.uow, world.admin, world.clock, world.taxonomy, dispute_id
        )
    outcomes.close_case(
        world.uow,
        world.admin,
        world.clock,
        world.taxonomy,
        outcomes.CloseCase(dispute_id, "decided"),
    )
    world.clock.advance(days=1)
    letter = referral_letters.report_back(
        world.uow, world.admin, world.clock, world.taxonomy, dispute_id, "Both families agreed."
    )
    assert letter.their_reference == "LS/12/2026" and letter.outcome == "decided"
    assert letter.actor.name == "Chief of Laini Saba" and letter.note == "Both families agreed."
    (referral,) = [r for r in world.uow.committed.referrals.values() if r.dispute_id == dispute_id]
    assert referral.status is S.COMPLETED and referral.outcome is ReferralOutcome.RESOLVED
    assert referral.completed_on == world.clock.today()
    assert referral_board.referral_board(world.uow, world.admin) == []


def test_the_pathway_lists_incoming_then_outgoing_in_order(world: World) -> None:
    dispute_id = _incoming(world)
    world.clock.advance(days=3)
    _refer(world, dispute_id, actor_id=world.add_justice_actor("legal_aid", "Kituo cha Sheria"))
    world.clock.advance(days=3)
    _refer(world, dispute_id, actor_id=world.add_justice_actor("court", "Kibera Law Courts"))
    steps = referral_board.case_referrals(
        world.uow, world.admin, world.clock, world.taxonomy, dispute_id
    )
    assert [(s.direction, s.actor_kind, s.mechanism) for s in steps] == [
        (Direction.IN, "chief_elder", "informal"),
        (Direction.OUT, "legal_aid", "formal"),
        (Direction.OUT, "court", "formal"),
    ]
    assert steps[2].sdg_mechanism == "Court or tribunal"


def test_a_restricted_cases_reasons_stay_out_of_the_audit_log(world: World) -> None:
    # The audit log is not sealed: a restricted case's override and hand-over reasons are
    # kept (sealed) on the referral and only marked in the log.
    dispute_id = _case(world, category="gbv", assigned=(world.user_id("focal"),))
    _, respondent = _parties(world, dispute_id)
    override = "He threatened her with a panga tonight."
    cmd = ReferCase(
        dispute_id,
        world.add_justice_actor(),
        REASON,
        shared_fields=(party_field(respondent, "name"),),
        consent_override=override,
        hand_over=True,
    )
    referral = referrals.refer_case(world.uow, world.admin, world.clock, world.taxonomy, cmd)
    assert referral.consent_override == override and referral.reason == REASON
    events = [e for e in world.uow.committed.audit if e.subject == f"dispute:{dispute_id}"]
    assert [e.action for e in events][-4:] == [
        "refer_out",
        "change_status",
        "refer_case",
        "override_referral_consent",
    ]
    for event in events:
        assert "panga" not in event.detail and "weapon" not in event.detail
    marked = {e.action: parse_detail(e.detail) for e in events}
    assert marked["override_referral_consent"]["reason"] == "sealed"
    assert marked["refer_out"]["reason"] == "sealed"


def test_an_open_cases_override_reason_is_in_the_audit_log(world: World) -> None:
    dispute_id = _case(world)
    _, respondent = _parties(world, dispute_id)
    cmd = ReferCase(
        dispute_id,
        world.add_justice_actor(),
        REASON,
        shared_fields=(party_field(respondent, "name"),),
        consent_override="He cannot be reached.",
    )
    referrals.refer_case(world.uow, world.admin, world.clock, world.taxonomy, cmd)
    event = world.uow.committed.audit[-1]
    assert event.action == "override_referral_consent"
    assert parse_detail(event.detail)["reason"] == "He cannot be reached."


def test_a_due_date_chosen_for_a_draft_is_used_when_it_is_sent(world: World) -> None:
    chosen = world.clock.today() + timedelta(days=5)
    referral_id = _refer(world, _case(world), send=False, due_on=chosen)
    assert _stored(world, referral_id).due_on == chosen
    world.clock.advance(days=1)
    referrals.send_referral(world.uow, world.admin, world.clock, world.taxonomy, referral_id)
    assert _stored(world, referral_id).due_on == chosen
    late = _refer(world, _case(world), send=False, due_on=world.clock.today())
    world.clock.advance(days=1)  # the chosen date has passed: the default applies
    referrals.send_referral(world.uow, world.admin, world.clock, world.taxonomy, late)
    assert _stored(world, late).due_on == world.clock.today() + timedelta(days=14)


@pytest.mark.parametrize(
    "call",
    ["send", "withdraw", "letter", "pathway", "report_back", "feedback"],
)
def test_a_member_outside_a_restricted_case_reaches_none_of_its_referrals(
    world: World, call: str
) -> None:
    dispute_id = _case(world, category="gbv", assigned=(world.user_id("focal"),))
    referral_id = _refer(world, dispute_id, send=call != "send")
    member = world.member
    calls = {
        "send": lambda: referrals.send_referral(
            world.uow, member, world.clock, world.taxonomy, referral_id
        ),
        "withdraw": lambda: referrals.withdraw_referral(
            world.uow, member, world.clock, referral_id, "Settled."
        ),
        "letter": lambda: referral_letters.referral_letter(
            world.uow, member, world.clock, referral_id
        ),
        "pathway": lambda: referral_board.case_referrals(
            world.uow, member, world.clock, world.taxonomy, dispute_id
        ),
        "report_back": lambda: referral_letters.report_back(
            world.uow, member, world.clock, world.taxonomy, dispute_id
        ),
        "feedback": lambda: referrals.record_referral_feedback(
            world.uow, member, world.clock, RecordFeedback(referral_id, S.ACKNOWLEDGED)
        ),
    }
    before = (world.uow.commits, len(world.uow.committed.audit))
    with pytest.raises(NotFound):
        calls[call]()
    assert (world.uow.commits, len(world.uow.committed.audit)) == before
