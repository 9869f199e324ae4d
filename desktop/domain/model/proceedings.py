"""What happens in a case after registration: hearings, agreements, follow-ups, the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


@dataclass
class Hearing:
    """A mediation session ("Hearing" in code: "session" means the database session there)."""

    dispute_id: int
    held_on: date
    mediators: tuple[int, ...] = ()  # user ids
    parties_present: tuple[int, ...] = ()  # party ids
    notes: str = ""
    next_step: str = ""
    next_date: date | None = None
    id: int | None = None


@dataclass
class Agreement:
    dispute_id: int
    terms: str
    agreed_on: date
    signatories: tuple[int, ...] = ()  # party ids
    compliance_due: date | None = None
    id: int | None = None


class FollowUpResult(StrEnum):
    COMPLIED = "complied"
    PARTLY = "partly"
    BREACHED = "breached"
    SUPERSEDED = "superseded"  # never checked: a later agreement replaced the one it was for


RECORDABLE_RESULTS = (FollowUpResult.COMPLIED, FollowUpResult.PARTLY, FollowUpResult.BREACHED)


@dataclass
class FollowUp:
    dispute_id: int
    due_on: date
    done_on: date | None = None
    result: FollowUpResult | None = None
    note: str = ""
    id: int | None = None


class Answer(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_ASKED = "not_asked"


@dataclass
class PartyView:
    """A party's view of the process at closure, as justice-needs surveys ask it."""

    party_id: int
    voice: Answer = Answer.NOT_ASKED  # could they say what mattered to them?
    fair_process: Answer = Answer.NOT_ASKED
    respect: Answer = Answer.NOT_ASKED
    fair_outcome: Answer = Answer.NOT_ASKED
    resolved: Answer = Answer.NOT_ASKED  # is the problem resolved?


@dataclass
class Outcome:
    dispute_id: int
    kind: str  # code from the outcomes taxonomy
    closed_on: date
    note: str = ""
    views: list[PartyView] = field(default_factory=list)
    id: int | None = None
