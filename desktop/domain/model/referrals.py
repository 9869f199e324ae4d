"""Justice actors, referrals between them and the committee, and consent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


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
    OUT = "out"
    IN = "in"


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
    feedback: str = ""
    feedback_on: date | None = None
    id: int | None = None
