"""A dispute (case), its parties and the case status machine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from desktop.domain.errors import IllegalTransition


class Channel(StrEnum):
    """How the case came to the committee."""

    WALK_IN = "walk_in"
    REFERRAL_IN = "referral_in"
    OUTREACH = "outreach"


class Status(StrEnum):
    REGISTERED = "registered"
    IN_MEDIATION = "in_mediation"
    AGREEMENT = "agreement"
    FOLLOW_UP = "follow_up"
    REFERRED_OUT = "referred_out"
    AWAITING_FEEDBACK = "awaiting_feedback"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    REOPENED = "reopened"


OPEN_STATUSES = frozenset(Status) - {Status.CLOSED, Status.WITHDRAWN}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.REGISTERED: frozenset(
        {Status.IN_MEDIATION, Status.REFERRED_OUT, Status.CLOSED, Status.WITHDRAWN}
    ),
    Status.IN_MEDIATION: frozenset(
        {Status.AGREEMENT, Status.REFERRED_OUT, Status.CLOSED, Status.WITHDRAWN}
    ),
    Status.AGREEMENT: frozenset({Status.FOLLOW_UP, Status.CLOSED, Status.REOPENED}),
    Status.FOLLOW_UP: frozenset({Status.CLOSED, Status.REOPENED, Status.REFERRED_OUT}),
    Status.REFERRED_OUT: frozenset({Status.AWAITING_FEEDBACK, Status.CLOSED, Status.WITHDRAWN}),
    Status.AWAITING_FEEDBACK: frozenset({Status.CLOSED, Status.REOPENED, Status.WITHDRAWN}),
    Status.CLOSED: frozenset({Status.REOPENED}),
    Status.WITHDRAWN: frozenset({Status.REOPENED}),
    Status.REOPENED: frozenset(
        {Status.IN_MEDIATION, Status.REFERRED_OUT, Status.CLOSED, Status.WITHDRAWN}
    ),
}


def check_transition(current: Status, target: Status) -> None:
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(f"A case that is {current.value} cannot become {target.value}.")


def legal_next(current: Status) -> list[Status]:
    return sorted(TRANSITIONS[current], key=list(Status).index)


class PartyRole(StrEnum):
    COMPLAINANT = "complainant"
    RESPONDENT = "respondent"
    WITNESS = "witness"
    REPRESENTATIVE = "representative"  # guardian or representative


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class Displacement(StrEnum):
    NONE = "none"
    IDP = "idp"
    REFUGEE = "refugee"
    RETURNEE = "returnee"
    UNKNOWN = "unknown"


@dataclass
class Party:
    role: PartyRole
    name: str
    sex: Sex = Sex.UNKNOWN
    age: int | None = None
    age_band: str | None = None  # GBVIMS band code, from the taxonomy; derived from age if given
    disability: bool = False
    displacement: Displacement = Displacement.UNKNOWN
    phone: str = ""
    village: str = ""
    consent_reporting: bool = True  # counted (anonymously) in programme reports
    related_member: int | None = None  # user id of a committee member this party is related to
    id: int | None = None
    dispute_id: int | None = None


class RiskFlag(StrEnum):
    VIOLENCE = "violence"
    CHILD_INVOLVED = "child_involved"
    WEAPONS = "weapons"
    ESCALATION = "escalation"  # risk of escalation between groups


@dataclass
class Dispute:
    number: str
    received_on: date
    channel: Channel
    category: str  # code from the dispute-category taxonomy
    area: str  # the committee's area hierarchy, e.g. "Kibera > Laini Saba"
    description: str = ""
    risk_flags: frozenset[RiskFlag] = frozenset()
    assigned: tuple[int, ...] = ()  # user ids of the assigned members
    restricted: bool = False
    status: Status = Status.REGISTERED
    parties: list[Party] = field(default_factory=list)
    id: int | None = None
    created_by: int | None = None
    referred_by_actor: int | None = None  # incoming referral: the actor who sent the case
    referred_by_reference: str = ""

    def move_to(self, target: Status) -> None:
        check_transition(self.status, target)
        self.status = target
