"""The in-memory ReportingQueries of FakeUnitOfWork, following storage/repositories/reporting.py."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from desktop.domain.model.dispute import Displacement, Dispute, Party, PartyRole, Sex, Status
from desktop.domain.model.export_tables import (
    UNKNOWN,
    CaseCounts,
    CaseFact,
    Compliance,
    Period,
    Population,
    ResolutionBand,
    ViewFact,
)
from desktop.domain.model.proceedings import FollowUpResult, Outcome
from desktop.domain.model.referral_board import ReferralFact

if TYPE_CHECKING:
    from tests.unit.fakes import FakeUnitOfWork, State

ENDED = (Status.CLOSED, Status.WITHDRAWN)
KEPT = {
    FollowUpResult.COMPLIED: Compliance.KEPT,
    FollowUpResult.PARTLY: Compliance.PARTLY,
    FollowUpResult.BREACHED: Compliance.BREACHED,
}


def _first(dispute: Dispute, role: PartyRole) -> Party | None:
    return next((p for p in dispute.parties if p.role is role), None)


class FakeReportingQueries:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def _s(self) -> State:
        return self._uow.working()

    def _closed(self, dispute: Dispute, first: date, last: date) -> Outcome | None:
        outcome = self._s.outcomes.get(dispute.id) if dispute.id is not None else None
        if outcome is None or dispute.status not in ENDED:
            return None
        return outcome if first <= outcome.closed_on <= last else None

    def _compliance(self, dispute_id: int) -> Compliance:
        if not any(a.dispute_id == dispute_id for a in self._s.agreements.values()):
            return Compliance.NO_AGREEMENT
        done = sorted(
            (f for f in self._s.follow_ups.values() if f.dispute_id == dispute_id),
            key=lambda f: (f.done_on or date.min, f.id or 0),
        )
        results = [KEPT[f.result] for f in done if f.result in KEPT]
        return results[-1] if results else Compliance.NOT_CHECKED

    def case_facts(self, first: date, last: date) -> list[CaseFact]:
        facts = []
        for dispute in self._s.disputes.values():
            assert dispute.id is not None
            received = first <= dispute.received_on <= last
            outcome = self._closed(dispute, first, last)
            if not received and outcome is None:
                continue
            complainant = _first(dispute, PartyRole.COMPLAINANT)
            respondent = _first(dispute, PartyRole.RESPONDENT)
            sexes = {p.id: p.sex for p in dispute.parties}
            facts.append(
                CaseFact(
                    category=dispute.category,
                    channel=dispute.channel,
                    status=dispute.status,
                    complainant_sex=complainant.sex if complainant else Sex.UNKNOWN,
                    complainant_age=(complainant.age_band if complainant else None) or UNKNOWN,
                    respondent_sex=respondent.sex if respondent else Sex.UNKNOWN,
                    respondent_age=(respondent.age_band if respondent else None) or UNKNOWN,
                    disability=any(p.disability for p in dispute.parties),
                    displacement=(
                        complainant.displacement if complainant else Displacement.UNKNOWN
                    ),
                    received_in=Period.of_day(dispute.received_on) if received else None,
                    closed_in=Period.of_day(outcome.closed_on) if outcome else None,
                    outcome=outcome.kind if outcome else None,
                    resolution=(
                        ResolutionBand.of((outcome.closed_on - dispute.received_on).days)
                        if outcome
                        else None
                    ),
                    compliance=(
                        self._compliance(dispute.id) if outcome else Compliance.NO_AGREEMENT
                    ),
                    views=tuple(
                        ViewFact(
                            sexes.get(v.party_id, Sex.UNKNOWN),
                            v.fair_process,
                            v.fair_outcome,
                            v.resolved,
                        )
                        for v in (outcome.views if outcome else [])
                    ),
                    consented=all(p.consent_reporting for p in dispute.parties),
                )
            )
        return facts

    def case_counts(
        self, first: date, last: date, tables: Mapping[str, tuple[Population, tuple[str, ...]]]
    ) -> CaseCounts:
        from desktop.domain.services.exports import counts_of_facts

        return counts_of_facts(self.case_facts(first, last), tables)

    def referral_facts(self, first: date, last: date) -> list[ReferralFact]:
        result = []
        for referral in self._s.referrals.values():
            dispute = self._s.disputes[referral.dispute_id]
            if not all(p.consent_reporting for p in dispute.parties):
                continue
            if referral.sent_on is None or not first <= referral.sent_on <= last:
                continue
            result.append(
                ReferralFact(
                    direction=referral.direction,
                    actor_kind=self._s.actors[referral.actor_id].kind,
                    status=referral.status,
                    sent_on=referral.sent_on,
                    feedback_on=referral.feedback_on,
                    outcome=referral.outcome,
                    dispute_id=referral.dispute_id,
                )
            )
        return result
