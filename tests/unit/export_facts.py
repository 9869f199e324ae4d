"""Synthetic case facts for the export tests: a busy quarter with one planted rare case."""

from __future__ import annotations

import random
from datetime import date

from desktop.domain.model.dispute import Channel, Displacement, Sex, Status
from desktop.domain.model.export_tables import (
    CaseFact,
    Compliance,
    Period,
    ResolutionBand,
    ViewFact,
)
from desktop.domain.model.proceedings import Answer
from desktop.domain.model.referral_board import ReferralFact
from desktop.domain.model.referrals import Direction, ReferralOutcome, ReferralStatus

Q1 = Period.quarter(2026, 1)
JAN, FEB, MAR = Q1.months()
COMMON = ("land_boundary", "debt", "family", "neighbour_nuisance", "marriage_divorce")
OUTCOMES = ("resolved_by_agreement", "decided", "unresolved", "withdrawn")

# The only GBV case of the quarter: a 15-year-old girl with a disability, received in
# February, referred to a GBV centre and closed in March.
PLANTED = CaseFact(
    category="gbv",
    channel=Channel.WALK_IN,
    status=Status.CLOSED,
    complainant_sex=Sex.FEMALE,
    complainant_age="12_17",
    respondent_sex=Sex.MALE,
    respondent_age="26_40",
    disability=True,
    displacement=Displacement.IDP,
    received_in=FEB,
    closed_in=MAR,
    outcome="referred_formal",
    resolution=ResolutionBand.DAYS_31_90,
    views=(ViewFact(Sex.FEMALE, Answer.YES, Answer.YES, Answer.PARTLY),),
)
PLANTED_REFERRAL = ReferralFact(
    Direction.OUT,
    "health_gbv_centre",
    ReferralStatus.COMPLETED,
    date(2026, 2, 20),
    date(2026, 2, 23),
    ReferralOutcome.ACTION_TAKEN,
    dispute_id=9999,
)


def busy_case(rng: random.Random, month: Period, closed: bool) -> CaseFact:
    outcome = rng.choice(OUTCOMES) if closed else None
    return CaseFact(
        category=rng.choice(COMMON),
        channel=rng.choice([Channel.WALK_IN, Channel.WALK_IN, Channel.OUTREACH]),
        status=Status.CLOSED if closed else Status.IN_MEDIATION,
        complainant_sex=rng.choice([Sex.FEMALE, Sex.MALE]),
        complainant_age=rng.choice(["26_40", "41_60", "18_25"]),
        respondent_sex=rng.choice([Sex.FEMALE, Sex.MALE]),
        respondent_age=rng.choice(["26_40", "41_60"]),
        displacement=Displacement.NONE,
        received_in=month,
        closed_in=month if closed else None,
        outcome=outcome,
        resolution=ResolutionBand.DAYS_8_30 if closed else None,
        compliance=(
            rng.choice([Compliance.KEPT, Compliance.BREACHED])
            if outcome == "resolved_by_agreement"
            else Compliance.NO_AGREEMENT
        ),
        views=(
            (ViewFact(rng.choice([Sex.FEMALE, Sex.MALE]), rng.choice([Answer.YES, Answer.NO])),)
            if closed
            else ()
        ),
    )


def busy_quarter(seed: int = 7, per_month: int = 60) -> list[CaseFact]:
    rng = random.Random(seed)
    facts = [
        busy_case(rng, month, closed=i % 2 == 0)
        for month in (JAN, FEB, MAR)
        for i in range(per_month)
    ]
    return [*facts, PLANTED]


def busy_referrals(seed: int = 7, per_month: int = 20) -> list[ReferralFact]:
    rng = random.Random(seed)
    result = []
    for month in (JAN, FEB, MAR):
        for _ in range(per_month):
            sent = date(2026, month.number, rng.randint(1, 20))
            result.append(
                ReferralFact(
                    Direction.OUT,
                    rng.choice(["police", "legal_aid", "chief_elder"]),
                    rng.choice([ReferralStatus.COMPLETED, ReferralStatus.SENT]),
                    sent,
                    None,
                    None,
                    dispute_id=len(result) + 1,  # each from a case of its own
                )
            )
    return [*result, PLANTED_REFERRAL]
