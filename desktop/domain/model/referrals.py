"""Justice actors, referrals between them and the committee, consent, and the lifecycle that
closes the loop.

A referral goes ``draft -> sent -> acknowledged -> accepted | declined -> completed``, or is
withdrawn; a step may be skipped when the feedback that arrives says more (a returned slip with
an outcome completes a referral that was only sent). It is *open* while the committee waits for
feedback (sent, acknowledged, accepted) and *overdue* when open past its due date.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop.domain.errors import IllegalTransition


@dataclass
class JusticeActor:
    kind: str  # code from the actor-kind taxonomy (formal or informal)
    name: str
    contact_person: str = ""
    phone: str = ""
    area: str = ""
    services: str = ""
    hours: str = ""
    active: bool = True
    id: int | None = None


class ConsentMethod(StrEnum):
    SIGNED = "signed"
    THUMBPRINT = "thumbprint"
    VERBAL_WITH_WITNESS = "verbal_with_witness"


@dataclass
class Consent:
    party_id: int
    given_on: date
    method: ConsentMethod
    witness: str = ""
    purpose: str = "referral"


class Direction(StrEnum):
    OUT = "out"  # the committee refers a case to an actor
    IN = "in"  # an actor referred the case to the committee


class Urgency(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"


class ReferralStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class FeedbackVia(StrEnum):
    SLIP = "slip"  # the tear-off slip came back
    PHONE = "phone"
    IN_PERSON = "in_person"
    LETTER = "letter"


class ReferralOutcome(StrEnum):
    """What the receiving actor did, at completion (counted in reports)."""

    RESOLVED = "resolved"  # the problem was resolved there
    ACTION_TAKEN = "action_taken"  # e.g. a charge, a court case, a service given
    REFERRED_ON = "referred_on"  # sent on to another actor
    NO_ACTION = "no_action"


OPEN_STATUSES = frozenset(
    {ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED, ReferralStatus.ACCEPTED}
)
FEEDBACK_STATUSES = frozenset(
    {
        ReferralStatus.ACKNOWLEDGED,
        ReferralStatus.ACCEPTED,
        ReferralStatus.DECLINED,
        ReferralStatus.COMPLETED,
    }
)

TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.DRAFT: frozenset({ReferralStatus.SENT, ReferralStatus.WITHDRAWN}),
    ReferralStatus.SENT: frozenset(
        {
            ReferralStatus.ACKNOWLEDGED,
            ReferralStatus.ACCEPTED,
            ReferralStatus.DECLINED,
            ReferralStatus.COMPLETED,
            ReferralStatus.WITHDRAWN,
        }
    ),
    ReferralStatus.ACKNOWLEDGED: frozenset(
        {
            ReferralStatus.ACCEPTED,
            ReferralStatus.DECLINED,
            ReferralStatus.COMPLETED,
            ReferralStatus.WITHDRAWN,
        }
    ),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN}),
    ReferralStatus.DECLINED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.WITHDRAWN: frozenset(),
}


def check_referral_transition(current: ReferralStatus, target: ReferralStatus) -> None:
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(f"A referral that is {current.value} cannot become {target.value}.")


def default_due_on(sent_on: date, feedback_days: int, urgency: Urgency) -> date:
    """When feedback is due: the actor kind's usual wait for a routine referral, half of it
    (at least 2 days) when urgent, 2 days in an emergency."""
    if urgency is Urgency.EMERGENCY:
        days = min(2, feedback_days)
    elif urgency is Urgency.URGENT:
        days = max(2, math.ceil(feedback_days / 2))
    else:
        days = feedback_days
    return sent_on + timedelta(days=max(1, days))


# What a referral may share: a few case facts and, per party, their details. A party's details
# go out only with that party's consent; the case's description tells the complainants' story,
# so it needs every complainant's consent.
CASE_FIELDS: tuple[str, ...] = (
    "case.category",
    "case.received_on",
    "case.area",
    "case.risk_flags",
    "case.description",
)
PARTY_FIELDS: tuple[str, ...] = (
    "name",
    "role",
    "sex",
    "age",
    "disability",
    "displacement",
    "phone",
    "village",
)


def party_field(party_id: int, name: str) -> str:
    return f"party.{party_id}.{name}"


def split_party_field(key: str) -> tuple[int, str] | None:
    """``(party_id, name)`` for a party field key, None for a case field."""
    parts = key.split(".")
    if len(parts) != 3 or parts[0] != "party" or not parts[1].isdigit():
        return None
    return int(parts[1]), parts[2]


@dataclass
class Referral:
    dispute_id: int
    actor_id: int
    direction: Direction
    reason: str
    urgency: Urgency = Urgency.ROUTINE
    status: ReferralStatus = ReferralStatus.DRAFT
    shared_fields: tuple[str, ...] = ()
    consents: tuple[Consent, ...] = ()
    code: str = ""
    sent_on: date | None = None
    due_on: date | None = None
    feedback: str = ""  # the feedback notes, one dated line each
    feedback_on: date | None = None  # the first feedback received
    id: int | None = None
    created_by: int | None = None  # the user who made the referral (the paralegal)
    created_on: date | None = None
    acknowledged_on: date | None = None
    decided_on: date | None = None  # accepted or declined
    completed_on: date | None = None
    withdrawn_on: date | None = None
    status_reason: str = ""  # why declined or withdrawn
    outcome: ReferralOutcome | None = None
    feedback_via: FeedbackVia | None = None  # how the latest feedback came
    feedback_from: str = ""  # who gave it (an officer's name)
    consent_override: str = ""  # why details went out without a party's consent
    their_reference: str = ""  # the actor's own reference (an incoming referral's)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on is not None and today > self.due_on

    def days_to_feedback(self) -> int | None:
        if self.sent_on is None or self.feedback_on is None:
            return None
        return (self.feedback_on - self.sent_on).days

    def consent_of(self, party_id: int) -> Consent | None:
        return next((c for c in self.consents if c.party_id == party_id), None)
