"""A whole case as one value: the dispute with its parties and everything that happened in it.

Made by the demo generator (and, later, importers of a committee's existing register) and
written in bulk by a :class:`desktop.domain.ports.CaseLoader`.

**Local references.** Before loading, no id is set and references inside the case are local:

- every ``dispute_id`` (hearings, agreements, follow-ups, outcome, referrals) is
  :data:`UNSET_DISPUTE`;
- every reference to a party (``Hearing.parties_present``, ``Agreement.signatories``,
  ``PartyView.party_id``, ``Consent.party_id``) is the party's **index** in
  ``dispute.parties``;
- user ids (``Dispute.assigned``, ``created_by``, ``Hearing.mediators``) and actor ids
  (``Referral.actor_id``, ``Dispute.referred_by_actor``) are real ids already.

**Binding.** The loader allocates ids and calls :meth:`CaseRecord.bind`, which sets the
dispute's and parties' ids, every ``dispute_id``, and turns party indices into party ids, in
place; the loader then sets the children's own ids. A loaded record therefore equals what the
repositories read back, as the objects given to a repository's ``add`` do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.domain.model.dispute import Dispute
from desktop.domain.model.proceedings import Agreement, FollowUp, Hearing, Outcome
from desktop.domain.model.referrals import Referral

UNSET_DISPUTE = 0  # the ``dispute_id`` of a child record before loading


@dataclass
class CaseRecord:
    dispute: Dispute
    hearings: list[Hearing] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    outcome: Outcome | None = None
    referrals: list[Referral] = field(default_factory=list)

    @property
    def bound(self) -> bool:
        return self.dispute.id is not None

    def bind(self, dispute_id: int, party_ids: Sequence[int]) -> None:
        """Give the case its ids and turn its party indices into those ids (once)."""
        if self.bound:
            raise ValueError("This case record is already bound to ids.")
        parties = self.dispute.parties
        if len(party_ids) != len(parties):
            raise ValueError("One id per party is needed.")
        ids = tuple(party_ids)
        self.dispute.id = dispute_id
        for party, party_id in zip(parties, ids, strict=True):
            party.id, party.dispute_id = party_id, dispute_id
        for hearing in self.hearings:
            hearing.dispute_id = dispute_id
            hearing.parties_present = tuple(ids[i] for i in hearing.parties_present)
        for agreement in self.agreements:
            agreement.dispute_id = dispute_id
            agreement.signatories = tuple(ids[i] for i in agreement.signatories)
        for follow_up in self.follow_ups:
            follow_up.dispute_id = dispute_id
        if self.outcome is not None:
            self.outcome.dispute_id = dispute_id
            for view in self.outcome.views:
                view.party_id = ids[view.party_id]
        for referral in self.referrals:
            referral.dispute_id = dispute_id
            for consent in referral.consents:
                consent.party_id = ids[consent.party_id]
