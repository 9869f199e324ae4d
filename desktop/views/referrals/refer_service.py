"""The referral screens' door to the services. Every function here runs on the background
worker (desktop.tasks.run_in_background) and calls use cases only; the rules live in them."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.model.dispute import Dispute
from desktop.domain.model.referral_board import PathwayStep
from desktop.domain.model.referrals import JusticeActor, Referral
from desktop.domain.services import actors, disputes, referral_board, referrals
from desktop.domain.services.referrals import RecordFeedback, ReferCase
from desktop.workspace import OpenWorkspace


@dataclass(frozen=True)
class ReferChoices:
    dispute: Dispute
    actors: list[JusticeActor]  # active ones, by name


@dataclass(frozen=True)
class CasePathway:
    dispute: Dispute
    steps: list[PathwayStep]  # incoming first, then each referral out in the order sent


def load_choices(workspace: OpenWorkspace, dispute_id: int) -> ReferChoices:
    w = workspace
    dispute = disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id)
    return ReferChoices(dispute, actors.list_actors(w.unit_of_work(), w.actor))


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
