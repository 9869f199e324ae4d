"""The referral screens' door to the services. Every function here runs on the background
worker (desktop.tasks.run_in_background) and calls use cases only; the rules live in them."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.model.dispute import Dispute
from desktop.domain.model.referral_board import PathwayStep
from desktop.domain.model.referrals import JusticeActor, Referral
from desktop.domain.services import actors, disputes, referral_board, referral_drafts, referrals
from desktop.domain.services.referral_drafts import UpdateDraft
from desktop.domain.services.referrals import RecordFeedback, ReferCase
from desktop.workspace import OpenWorkspace


@dataclass(frozen=True)
class ReferChoices:
    dispute: Dispute
    actors: list[JusticeActor]  # active ones, by name
    draft: Referral | None = None  # the draft being edited, if any


@dataclass(frozen=True)
class CasePathway:
    dispute: Dispute
    steps: list[PathwayStep]  # incoming first, then each referral out in the order sent


def load_choices(
    workspace: OpenWorkspace, dispute_id: int, draft_code: str | None = None
) -> ReferChoices:
    w = workspace
    dispute = disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id)
    draft = None
    if draft_code is not None:
        draft = referrals.find_referral(w.unit_of_work(), w.actor, draft_code).referral
    return ReferChoices(dispute, actors.list_actors(w.unit_of_work(), w.actor), draft)


def save(workspace: OpenWorkspace, command: ReferCase, draft_id: int | None) -> Referral:
    """Refer the case as ``command`` says, or, with ``draft_id``, change that draft to it."""
    if draft_id is None:
        return refer(workspace, command)
    c, w = command, workspace
    update = UpdateDraft(
        draft_id, c.actor_id, c.reason, c.urgency, c.shared_fields, c.consents,
        c.consent_override, c.due_on, c.send, c.hand_over,
    )  # fmt: skip
    return referral_drafts.update_draft_referral(
        w.unit_of_work(), w.actor, w.clock, w.taxonomy, update
    )


def refer(workspace: OpenWorkspace, command: ReferCase) -> Referral:
    w = workspace
    return referrals.refer_case(w.unit_of_work(), w.actor, w.clock, w.taxonomy, command)


def load_pathway(workspace: OpenWorkspace, dispute_id: int) -> CasePathway:
    w = workspace
    dispute = disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id)
    steps = referral_board.case_referrals(
        w.unit_of_work(), w.actor, w.clock, w.taxonomy, dispute_id
    )
    return CasePathway(dispute, steps)


def send(workspace: OpenWorkspace, referral_id: int) -> Referral:
    w = workspace
    return referrals.send_referral(w.unit_of_work(), w.actor, w.clock, w.taxonomy, referral_id)


def withdraw(workspace: OpenWorkspace, referral_id: int, reason: str) -> Referral:
    w = workspace
    return referrals.withdraw_referral(w.unit_of_work(), w.actor, w.clock, referral_id, reason)


def record_feedback(workspace: OpenWorkspace, command: RecordFeedback) -> Referral:
    w = workspace
    return referrals.record_referral_feedback(w.unit_of_work(), w.actor, w.clock, command)
