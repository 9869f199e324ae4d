"""Editing a draft referral: the same consent rules as referring, only drafts, audited, and a
restricted case's draft only for those who may see the case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from desktop.domain.model.referrals import (
    Consent,
    ConsentMethod,
    ReferralStatus,
    Urgency,
    party_field,
)
from desktop.domain.services import referrals
from desktop.domain.services.referral_drafts import UpdateDraft, update_draft_referral
from desktop.domain.services.referrals import ConsentMissing, ReferCase
from desktop.domain.services.timeline import parse_detail
from tests.unit.world import PARTY_NAMES, PARTY_PHONE, World


def _draft(world: World, **changes: Any) -> tuple[int, int, tuple[int, int]]:
    """(referral id, its dispute id, the dispute's (complainant, respondent) party ids)."""
    dispute = world.register(**changes)
    assert dispute.id is not None
    parties = tuple(p.id for p in dispute.parties)
    cmd = ReferCase(dispute.id, world.add_justice_actor(), "Needs advice.", send=False)
    referral = referrals.refer_case(world.uow, world.admin, world.clock, world.taxonomy, cmd)
    assert referral.id is not None and referral.status is ReferralStatus.DRAFT
    return referral.id, dispute.id, parties  # type: ignore[return-value]


def _update(world: World, cmd: UpdateDraft, by: str = "administrator") -> object:
    actor = world.admin if by == "administrator" else world.actor(by)
    return update_draft_referral(world.uow, actor, world.clock, world.taxonomy, cmd)


def test_a_draft_is_changed_with_consent_and_stays_a_draft(world: World) -> None:
    referral_id, _, (complainant, _) = _draft(world)
    legal_aid = world.add_justice_actor("legal_aid", "Kituo cha Sheria")
    consent = Consent(complainant, world.clock.today(), ConsentMethod.THUMBPRINT)
    shared = ("case.category", party_field(complainant, "phone"))
    cmd = UpdateDraft(
        referral_id, legal_aid, " Land title advice. ", Urgency.URGENT, shared, (consent,)
    )
    _update(world, cmd, by="paralegal")
    stored = world.uow.committed.referrals[referral_id]
    assert (stored.actor_id, stored.reason, stored.urgency) == (
        legal_aid,
        "Land title advice.",
        Urgency.URGENT,
    )
    assert stored.shared_fields == shared and [c.party_id for c in stored.consents] == [complainant]
    assert stored.status is ReferralStatus.DRAFT and stored.sent_on is None
    event = world.uow.committed.audit[-1]
    assert (event.action, event.username) == ("update_draft_referral", "paralegal")
    detail = parse_detail(event.detail)
    assert detail["referral"] == str(referral_id) and detail["shared"] == "2"
    assert PARTY_PHONE not in event.detail and PARTY_NAMES[0] not in event.detail


def test_a_draft_may_be_changed_and_sent_at_once(world: World) -> None:
    referral_id, _, _ = _draft(world)
    actor_id = world.uow.committed.referrals[referral_id].actor_id
    due = world.clock.today() + timedelta(days=3)
    _update(world, UpdateDraft(referral_id, actor_id, "Now.", due_on=due, send=True))
    stored = world.uow.committed.referrals[referral_id]
    assert stored.status is ReferralStatus.SENT and stored.due_on == due
    assert stored.sent_on == world.clock.today()


def test_only_a_draft_can_be_changed(world: World) -> None:
    referral_id, _, _ = _draft(world)
    stored = world.uow.committed.referrals[referral_id]
    referrals.send_referral(world.uow, world.admin, world.clock, world.taxonomy, referral_id)
    with pytest.raises(ValidationError, match="draft"):
        _update(world, UpdateDraft(referral_id, stored.actor_id, "Changed."))
    assert world.uow.committed.referrals[referral_id].reason == "Needs advice."


def test_sharing_without_consent_needs_an_override_a_paralegal_may_not_give(
    world: World,
) -> None:
    referral_id, _, (_, respondent) = _draft(world)
    actor_id = world.uow.committed.referrals[referral_id].actor_id
    shared = (party_field(respondent, "name"),)
    with pytest.raises(ConsentMissing) as caught:
        _update(world, UpdateDraft(referral_id, actor_id, "Advice.", shared_fields=shared))
    assert caught.value.party_ids == (respondent,)
    override = UpdateDraft(
        referral_id, actor_id, "Advice.", shared_fields=shared, consent_override="Threats."
    )
    with pytest.raises(PermissionDenied):
        _update(world, override, by="paralegal")
    assert world.uow.committed.referrals[referral_id].shared_fields == ()
    _update(world, override, by="member")
    assert world.uow.committed.referrals[referral_id].consent_override == "Threats."
    assert world.uow.committed.audit[-1].action == "override_referral_consent"


def test_a_restricted_cases_draft_is_not_found_by_a_member(world: World) -> None:
    referral_id, _, _ = _draft(world, category="gbv", assigned=(world.user_id("focal"),))
    actor_id = world.uow.committed.referrals[referral_id].actor_id
    with pytest.raises(NotFound):
        _update(world, UpdateDraft(referral_id, actor_id, "Changed."), by="member")
    _update(world, UpdateDraft(referral_id, actor_id, "Changed."), by="focal")
    assert world.uow.committed.referrals[referral_id].reason == "Changed."
