"""The referral use cases end to end on a real SQLCipher workspace: refer, send, find by code,
record feedback until completed; an incoming referral reported back at closure; and a
restricted case's referral invisible to a member who may not see the case."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from desktop.domain.errors import NotFound
from desktop.domain.model.dispute import Channel, Dispute, Party, PartyRole, Status
from desktop.domain.model.referral_board import BoardFilter, BoardGroup
from desktop.domain.model.referrals import (
    Consent,
    ConsentMethod,
    Direction,
    FeedbackVia,
    JusticeActor,
    ReferralOutcome,
    ReferralStatus,
    party_field,
)
from desktop.domain.model.users import Role, User
from desktop.domain.services.actors import add_actor
from desktop.domain.services.case_status import withdraw
from desktop.domain.services.disputes import RegisterDispute, register_dispute
from desktop.domain.services.referral_board import case_referrals, referral_board
from desktop.domain.services.referral_letters import report_back
from desktop.domain.services.referrals import (
    ConsentMissing,
    RecordFeedback,
    ReferCase,
    find_referral,
    record_referral_feedback,
    refer_case,
    send_referral,
)
from desktop.workspace import OpenWorkspace
from storage.sealing import MARKER
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace

PASSPHRASE = "meadow-pebble-quartz-violet"


@dataclass
class Desk:
    admin: OpenWorkspace
    member: OpenWorkspace  # a member without restricted access
    police: int  # a justice actor's id


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    workspace, _ = create_workspace(tmp_path / "ws")
    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    admin.add_user(User("member", "Test Member", Role.MEMBER), PASSPHRASE)
    police = add_actor(
        admin.unit_of_work(),
        admin.actor,
        admin.clock,
        admin.taxonomy,
        JusticeActor("police", "Test Police Post", phone="0711000111"),
    )
    assert police.id is not None
    member = workspace.sign_in("member", PASSPHRASE)
    yield Desk(admin, member, police.id)
    member.close()
    admin.close()


def _register(opened: OpenWorkspace, restricted: bool = False, **extra: object) -> Dispute:
    command = RegisterDispute(
        received_on=opened.clock.today() - timedelta(days=3),
        channel=extra.pop("channel", Channel.WALK_IN),  # type: ignore[arg-type]
        category="debt",
        description="A synthetic story.",
        restricted=restricted,
        parties=(
            Party(PartyRole.COMPLAINANT, "Test Complainant", phone="0700000001"),
            Party(PartyRole.RESPONDENT, "Test Respondent"),
        ),
        **extra,  # type: ignore[arg-type]
    )
    return register_dispute(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, command
    )


def _complainant(dispute: Dispute) -> int:
    party_id = dispute.parties[0].id
    assert party_id is not None
    return party_id


def test_refer_send_find_and_complete(desk: Desk) -> None:
    admin = desk.admin
    uow, who, clock, taxonomy = admin.unit_of_work, admin.actor, admin.clock, admin.taxonomy
    dispute = _register(admin)
    assert dispute.id is not None
    party = _complainant(dispute)
    consent = Consent(party, clock.today(), ConsentMethod.SIGNED)
    refer = ReferCase(
        dispute.id,
        desk.police,
        "Synthetic reason for the police.",
        shared_fields=("case.category", party_field(party, "name")),
        consents=(consent,),
        send=False,
    )
    draft = refer_case(uow(), who, clock, taxonomy, refer)
    assert draft.id is not None and draft.status is ReferralStatus.DRAFT
    assert referral_board(uow(), who) == []  # a draft is not waiting for anyone

    sent = send_referral(uow(), who, clock, taxonomy, draft.id)
    assert sent.due_on == clock.today() + timedelta(days=14)  # police: 14 days, routine
    card = find_referral(desk.member.unit_of_work(), desk.member.actor, draft.code.lower())
    assert (card.number, card.actor.name, card.referral.id) == (
        dispute.number,
        "Test Police Post",
        draft.id,
    )
    [row] = referral_board(uow(), who, BoardFilter(created_by=who.user_id))
    assert row.group(clock.today()) is BoardGroup.AWAITING_ACKNOWLEDGEMENT

    record_referral_feedback(
        uow(), who, clock, RecordFeedback(draft.id, ReferralStatus.ACKNOWLEDGED, note="Seen")
    )
    done = RecordFeedback(
        draft.id,
        ReferralStatus.COMPLETED,
        via=FeedbackVia.SLIP,
        given_by="Test Officer",
        outcome=ReferralOutcome.ACTION_TAKEN,
    )
    record_referral_feedback(uow(), who, clock, done)
    assert referral_board(uow(), who) == []
    with admin.unit_of_work() as work:
        stored = work.referrals.get(draft.id)
    assert stored is not None
    assert stored.status is ReferralStatus.COMPLETED
    assert stored.acknowledged_on == stored.completed_on == stored.feedback_on == clock.today()
    assert (stored.outcome, stored.feedback_via, stored.feedback_from) == (
        ReferralOutcome.ACTION_TAKEN,
        FeedbackVia.SLIP,
        "Test Officer",
    )
    assert stored.created_by == who.user_id and stored.consents == (consent,)
    [step] = case_referrals(uow(), who, clock, taxonomy, dispute.id)
    assert step.closed_on == clock.today() and step.outcome is ReferralOutcome.ACTION_TAKEN


def test_sharing_without_consent_is_refused_or_overridden_and_sealed(desk: Desk) -> None:
    admin = desk.admin
    dispute = _register(admin, restricted=True)
    assert dispute.id is not None
    shared = (party_field(_complainant(dispute), "phone"),)
    refer = ReferCase(dispute.id, desk.police, "Synthetic reason.", shared_fields=shared)
    args = (admin.actor, admin.clock, admin.taxonomy)
    with pytest.raises(ConsentMissing) as refused:
        refer_case(admin.unit_of_work(), *args, refer)
    assert refused.value.party_ids == (_complainant(dispute),)
    override = ReferCase(
        dispute.id,
        desk.police,
        "Synthetic reason.",
        shared_fields=shared,
        consent_override="Synthetic emergency reason.",
        hand_over=True,
    )
    referral = refer_case(admin.unit_of_work(), *args, override)
    with admin.unit_of_work() as uow:
        conn: Connection = uow.connection  # type: ignore[attr-defined]
        stored = conn.execute(
            text("SELECT consent_override FROM referrals WHERE id = :id"), {"id": referral.id}
        ).scalar()
        assert str(stored).startswith(MARKER)
        again = uow.referrals.get(referral.id or 0)
        case = uow.disputes.get(dispute.id)
    assert again is not None and again.consent_override == "Synthetic emergency reason."
    assert case is not None and case.status is Status.AWAITING_FEEDBACK
    # the member may not see the restricted case: not by code, not on the board
    with pytest.raises(NotFound):
        find_referral(desk.member.unit_of_work(), desk.member.actor, referral.code)
    assert referral_board(desk.member.unit_of_work(), desk.member.actor) == []
    assert [r.referral_id for r in referral_board(admin.unit_of_work(), admin.actor)] == [
        referral.id
    ]


def test_an_incoming_referral_is_reported_back_at_closure(desk: Desk) -> None:
    admin = desk.admin
    dispute = _register(
        admin,
        channel=Channel.REFERRAL_IN,
        referred_by_actor=desk.police,
        referred_by_reference="OB 12/05/01/2026",
    )
    assert dispute.id is not None
    with admin.unit_of_work() as uow:
        [incoming] = uow.referrals.for_dispute(dispute.id)
    assert incoming.direction is Direction.IN and incoming.status is ReferralStatus.ACCEPTED
    assert incoming.their_reference == "OB 12/05/01/2026" and incoming.code
    assert incoming.created_by == admin.actor.user_id
    [row] = referral_board(desk.member.unit_of_work(), desk.member.actor)
    assert row.group(admin.clock.today()) is BoardGroup.OWED_BY_US

    withdraw(admin.unit_of_work(), admin.actor, admin.clock, dispute.id)
    letter = report_back(
        admin.unit_of_work(), admin.actor, admin.clock, admin.taxonomy, dispute.id, "Synthetic"
    )
    assert (letter.code, letter.their_reference) == (incoming.code, "OB 12/05/01/2026")
    with admin.unit_of_work() as uow:
        closed = uow.referrals.get(incoming.id or 0)
    assert closed is not None and closed.status is ReferralStatus.COMPLETED
    assert closed.completed_on == admin.clock.today()
    assert closed.outcome is ReferralOutcome.NO_ACTION
    assert referral_board(admin.unit_of_work(), admin.actor) == []
