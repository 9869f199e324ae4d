"""A whole case as one value: the dispute with its parties and everything that happened in it.

Made by the demo generator (and, later, importers of a committee's existing register) and
written in bulk by a :class:`desktop.domain.ports.CaseLoader`.

Before loading, no id is set, and references are *local*:

- every ``dispute_id`` field (hearings, agreements, follow-ups, outcome, referrals) is 0;
- every reference to a party (``Hearing.parties_present``, ``Agreement.signatories``,
  ``PartyView.party_id``, ``Consent.party_id``) is the party's **index** in
  ``dispute.parties``;
- user ids (``Dispute.assigned``, ``created_by``, ``Hearing.mediators``) and actor ids
  (``Referral.actor_id``, ``Dispute.referred_by_actor``) are already real ids.

The loader allocates ids and writes party references as the parties' new ids. As the
repositories' ``add`` does, it then sets ``id`` (and ``dispute_id``) on every object of the
record; the party references stay indices. :meth:`CaseRecord.bound` gives the record as the
repositories read it back: a copy with the party references turned into party ids.
"""

from __future__ import annotations

import dataclasses
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

    def party_ids(self) -> list[int]:
        """The parties' ids, in order; ValueError before the record is loaded."""
        ids = [party.id for party in self.dispute.parties]
        if any(party_id is None for party_id in ids):
            raise ValueError("The record's parties have no ids yet.")
        return [party_id for party_id in ids if party_id is not None]

    def bound(self) -> CaseRecord:
        """A copy whose party references are party ids (needs a loaded record)."""
        ids = self.party_ids()

        def ref(indices: tuple[int, ...]) -> tuple[int, ...]:
            return tuple(ids[index] for index in indices)

        replace = dataclasses.replace
        outcome = self.outcome
        if outcome is not None:
            views = [replace(view, party_id=ids[view.party_id]) for view in outcome.views]
            outcome = replace(outcome, views=views)
        return CaseRecord(
            dispute=replace(self.dispute, parties=[replace(p) for p in self.dispute.parties]),
            hearings=[replace(h, parties_present=ref(h.parties_present)) for h in self.hearings],
            agreements=[replace(a, signatories=ref(a.signatories)) for a in self.agreements],
            follow_ups=[replace(f) for f in self.follow_ups],
            outcome=outcome,
            referrals=[
                replace(
                    r,
                    consents=tuple(replace(c, party_id=ids[c.party_id]) for c in r.consents),
                )
                for r in self.referrals
            ],
        )
