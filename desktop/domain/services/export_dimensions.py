"""The fixed dimensions of an export and its tables: what each table counts (cases received,
cases closed, parties' views, referrals) over which dimensions, and how a fact gives its code
for each dimension (docs/exports.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.model.dispute import Channel, Displacement, Sex, Status
from desktop.domain.model.export_tables import (
    UNKNOWN,
    CaseFact,
    Compliance,
    FeedbackBand,
    Population,
    ResolutionBand,
    ViewFact,
)
from desktop.domain.model.proceedings import Answer
from desktop.domain.model.referral_board import ReferralFact
from desktop.domain.model.referrals import Direction, ReferralStatus
from desktop.domain.taxonomy import Taxonomy

Record = CaseFact | ViewFact | ReferralFact
Getter = Callable[[Record], str]


@dataclass(frozen=True)
class Dimension:
    name: str
    codes: Callable[[Taxonomy], tuple[str, ...]]
    value: Getter


def _enum_codes(*values: object) -> Callable[[Taxonomy], tuple[str, ...]]:
    codes = tuple(str(v) for v in values)
    return lambda taxonomy: codes


def _case(get: Callable[[CaseFact], object]) -> Getter:
    return lambda record: str(get(record)) if isinstance(record, CaseFact) else UNKNOWN


def _view(get: Callable[[ViewFact], object]) -> Getter:
    return lambda record: str(get(record)) if isinstance(record, ViewFact) else UNKNOWN


def _referral(get: Callable[[ReferralFact], object]) -> Getter:
    return lambda record: str(get(record)) if isinstance(record, ReferralFact) else UNKNOWN


def _ages(taxonomy: Taxonomy) -> tuple[str, ...]:
    return (*(b.code for b in taxonomy.age_bands), UNKNOWN)


def _feedback_days(fact: ReferralFact) -> int | None:
    if fact.sent_on is None or fact.feedback_on is None:
        return None
    return max(0, (fact.feedback_on - fact.sent_on).days)


SEXES = _enum_codes(*Sex)
DIMENSIONS = {
    d.name: d
    for d in (
        Dimension(
            "category", lambda t: tuple(c.code for c in t.categories), _case(lambda f: f.category)
        ),
        Dimension("channel", _enum_codes(*Channel), _case(lambda f: f.channel)),
        Dimension("status", _enum_codes(*Status), _case(lambda f: f.status)),
        Dimension("complainant_sex", SEXES, _case(lambda f: f.complainant_sex)),
        Dimension("complainant_age", _ages, _case(lambda f: f.complainant_age)),
        Dimension("respondent_sex", SEXES, _case(lambda f: f.respondent_sex)),
        Dimension("respondent_age", _ages, _case(lambda f: f.respondent_age)),
        Dimension(
            "disability", _enum_codes("yes", "no"), _case(lambda f: "yes" if f.disability else "no")
        ),
        Dimension("displacement", _enum_codes(*Displacement), _case(lambda f: f.displacement)),
        Dimension(
            "outcome", lambda t: tuple(o.code for o in t.outcomes), _case(lambda f: f.outcome)
        ),
        Dimension("resolution_time", _enum_codes(*ResolutionBand), _case(lambda f: f.resolution)),
        Dimension("agreement", _enum_codes(*Compliance), _case(lambda f: f.compliance)),
        Dimension("party_sex", SEXES, _view(lambda v: v.sex)),
        Dimension("fair_process", _enum_codes(*Answer), _view(lambda v: v.fair_process)),
        Dimension("fair_outcome", _enum_codes(*Answer), _view(lambda v: v.fair_outcome)),
        Dimension("problem_resolved", _enum_codes(*Answer), _view(lambda v: v.resolved)),
        Dimension("direction", _enum_codes(*Direction), _referral(lambda r: r.direction)),
        Dimension(
            "actor_kind",
            lambda t: (*(k.code for k in t.actor_kinds), UNKNOWN),
            _referral(lambda r: r.actor_kind),
        ),
        Dimension(
            "referral_status",
            _enum_codes(*(s for s in ReferralStatus if s is not ReferralStatus.DRAFT)),
            _referral(lambda r: r.status),
        ),
        Dimension(
            "feedback_time",
            _enum_codes(*FeedbackBand),
            _referral(lambda r: FeedbackBand.of(_feedback_days(r))),
        ),
    )
}

# name -> (population, dimensions); the order here is the order of the export.
TABLES: dict[str, tuple[Population, tuple[str, ...]]] = {
    "received_by_category": (Population.RECEIVED, ("category",)),
    "received_by_channel": (Population.RECEIVED, ("channel",)),
    "received_by_status": (Population.RECEIVED, ("status",)),
    "received_by_category_and_sex": (Population.RECEIVED, ("category", "complainant_sex")),
    "complainants_by_sex_and_age": (Population.RECEIVED, ("complainant_sex", "complainant_age")),
    "respondents_by_sex_and_age": (Population.RECEIVED, ("respondent_sex", "respondent_age")),
    "received_by_disability_and_sex": (Population.RECEIVED, ("disability", "complainant_sex")),
    "received_by_displacement_and_sex": (
        Population.RECEIVED,
        ("displacement", "complainant_sex"),
    ),
    "closed_by_outcome_and_sex": (Population.CLOSED, ("outcome", "complainant_sex")),
    "closed_by_category_and_outcome": (Population.CLOSED, ("category", "outcome")),
    "closed_by_resolution_time": (Population.CLOSED, ("resolution_time",)),
    "closed_by_agreement_kept": (Population.CLOSED, ("agreement",)),
    "views_fair_process_by_sex": (Population.PARTY_VIEWS, ("party_sex", "fair_process")),
    "views_fair_outcome_by_sex": (Population.PARTY_VIEWS, ("party_sex", "fair_outcome")),
    "views_problem_resolved_by_sex": (Population.PARTY_VIEWS, ("party_sex", "problem_resolved")),
    "referrals_by_direction_and_actor_kind": (Population.REFERRALS, ("direction", "actor_kind")),
    "referrals_by_direction_and_status": (Population.REFERRALS, ("direction", "referral_status")),
    "referrals_by_direction_and_feedback_time": (
        Population.REFERRALS,
        ("direction", "feedback_time"),
    ),
}


# Counted in the database (docs/exports.md, "Speed"); referrals here, from their facts.
CASE_TABLES = {n: t for n, t in TABLES.items() if t[0] is not Population.REFERRALS}
REFERRAL_TABLES = {n: t for n, t in TABLES.items() if t[0] is Population.REFERRALS}
