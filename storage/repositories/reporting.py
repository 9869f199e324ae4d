"""What the anonymised export counts, read in a few Core queries over codes, bands and dates.

Never a sealed column (names, phones, villages, narrative, notes, terms) and never a case
number: restricted cases are counted like any other, without the restricted-case key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select

from desktop.domain.model.dispute import Channel, Displacement, PartyRole, Sex, Status
from desktop.domain.model.export_tables import (
    UNKNOWN,
    CaseFact,
    Compliance,
    Period,
    ResolutionBand,
    ViewFact,
)
from desktop.domain.model.proceedings import Answer, FollowUpResult
from desktop.domain.model.referral_board import ReferralFact
from desktop.domain.model.referrals import Direction, ReferralOutcome, ReferralStatus
from storage import tables as t
from storage.repositories._common import Repo, loads

d, o, p = t.disputes, t.outcomes, t.parties
ENDED = (Status.CLOSED.value, Status.WITHDRAWN.value)
KEPT = {
    FollowUpResult.COMPLIED.value: Compliance.KEPT,
    FollowUpResult.PARTLY.value: Compliance.PARTLY,
    FollowUpResult.BREACHED.value: Compliance.BREACHED,
}


def _in_period(first: date, last: date) -> ColumnElement[bool]:
    closed = select(o.c.dispute_id).where(o.c.closed_on.between(first, last))
    return or_(
        d.c.received_on.between(first, last),
        and_(d.c.id.in_(closed), d.c.status.in_(ENDED)),
    )


@dataclass
class _People:
    """What the facts need of a case's parties (the first complainant and respondent)."""

    complainant: tuple[Sex, str, Displacement] | None = None
    respondent: tuple[Sex, str] | None = None
    disability: bool = False
    consented: bool = True
    sexes: dict[int, Sex] = field(default_factory=dict)


NOBODY = _People()
SEXES = {s.value: s for s in Sex}
DISPLACEMENTS = {s.value: s for s in Displacement}
CHANNELS = {c.value: c for c in Channel}
STATUSES = {s.value: s for s in Status}


class SqlReportingQueries(Repo):
    def case_facts(self, first: date, last: date) -> list[CaseFact]:
        where = _in_period(first, last)
        parties = self._parties(where)
        agreed = self._agreed(first, last)
        kept = self._kept(first, last)
        query = (
            select(
                d.c.id,
                d.c.received_on,
                d.c.channel,
                d.c.category,
                d.c.status,
                o.c.kind,
                o.c.closed_on,
                o.c.views,
            )
            .select_from(d.outerjoin(o, o.c.dispute_id == d.c.id))
            .where(where)
        )
        facts = []
        months: dict[tuple[int, int], Period] = {}

        def month(day: date) -> Period:
            key = (day.year, day.month)
            if key not in months:
                months[key] = Period.of_day(day)
            return months[key]

        for (
            case_id,
            received_on,
            channel,
            category,
            status,
            kind,
            closed_on,
            views,
        ) in self._conn.execute(query):
            closed = closed_on is not None and first <= closed_on <= last and status in ENDED
            people = parties.get(case_id, NOBODY)
            complainant = people.complainant or (Sex.UNKNOWN, UNKNOWN, Displacement.UNKNOWN)
            respondent = people.respondent or (Sex.UNKNOWN, UNKNOWN)
            compliance = Compliance.NO_AGREEMENT
            if case_id in agreed:
                compliance = kept.get(case_id, Compliance.NOT_CHECKED)
            facts.append(
                CaseFact(
                    category=category,
                    channel=CHANNELS[channel],
                    status=STATUSES[status],
                    complainant_sex=complainant[0],
                    complainant_age=complainant[1],
                    respondent_sex=respondent[0],
                    respondent_age=respondent[1],
                    disability=people.disability,
                    displacement=complainant[2],
                    received_in=month(received_on) if first <= received_on <= last else None,
                    closed_in=month(closed_on) if closed else None,
                    outcome=kind if closed else None,
                    resolution=(
                        ResolutionBand.of((closed_on - received_on).days) if closed else None
                    ),
                    compliance=compliance,
                    views=_views(views, people.sexes) if closed else (),
                    consented=people.consented,
                )
            )
        return facts

    def _parties(self, where: ColumnElement[bool]) -> dict[int, _People]:
        query = (
            select(
                p.c.dispute_id,
                p.c.id,
                p.c.role,
                p.c.sex,
                p.c.age_band,
                p.c.disability,
                p.c.displacement,
                p.c.consent_reporting,
            )
            .join(d, d.c.id == p.c.dispute_id)
            .where(where)
            .order_by(p.c.dispute_id, p.c.id)
        )
        result: dict[int, _People] = {}
        complainant, respondent = PartyRole.COMPLAINANT.value, PartyRole.RESPONDENT.value
        for (
            case_id,
            party_id,
            role,
            sex,
            band,
            disability,
            displaced,
            consent,
        ) in self._conn.execute(query):
            people = result.get(case_id)
            if people is None:
                people = result[case_id] = _People()
            who = SEXES[sex]
            people.sexes[party_id] = who
            people.disability = people.disability or bool(disability)
            people.consented = people.consented and bool(consent)
            if role == complainant and people.complainant is None:
                people.complainant = (who, band or UNKNOWN, DISPLACEMENTS[displaced])
            elif role == respondent and people.respondent is None:
                people.respondent = (who, band or UNKNOWN)
        return result

    def _closed_ids(self, first: date, last: date) -> Any:
        return (
            select(o.c.dispute_id)
            .join(d, d.c.id == o.c.dispute_id)
            .where(o.c.closed_on.between(first, last), d.c.status.in_(ENDED))
            .scalar_subquery()
        )

    def _agreed(self, first: date, last: date) -> set[int]:
        g = t.agreements
        query = select(g.c.dispute_id).where(g.c.dispute_id.in_(self._closed_ids(first, last)))
        return {int(i) for i in self._conn.scalars(query)}

    def _kept(self, first: date, last: date) -> dict[int, Compliance]:
        """dispute id -> the result of its latest recorded follow-up."""
        f = t.follow_ups
        query = (
            select(f.c.dispute_id, f.c.result)
            .where(
                f.c.dispute_id.in_(self._closed_ids(first, last)),
                f.c.result.in_(list(KEPT)),
            )
            .order_by(f.c.dispute_id, f.c.done_on, f.c.id)
        )
        return {int(i): KEPT[result] for i, result in self._conn.execute(query)}

    def referral_facts(self, first: date, last: date) -> list[ReferralFact]:
        r, a = t.referrals, t.actors
        refused = exists().where(p.c.dispute_id == r.c.dispute_id, p.c.consent_reporting.is_(False))
        query = (
            select(r.c.direction, a.c.kind, r.c.status, r.c.sent_on, r.c.feedback_on, r.c.outcome)
            .join(a, a.c.id == r.c.actor_id)
            .where(r.c.sent_on.between(first, last), ~refused)
        )
        return [
            ReferralFact(
                direction=Direction(row.direction),
                actor_kind=row.kind,
                status=ReferralStatus(row.status),
                sent_on=row.sent_on,
                feedback_on=row.feedback_on,
                outcome=ReferralOutcome(row.outcome) if row.outcome else None,
            )
            for row in self._conn.execute(query)
        ]


def _views(text: str | None, sexes: dict[int, Sex]) -> tuple[ViewFact, ...]:
    if not text:
        return ()
    result = []
    for item in loads(text):
        sex = sexes.get(int(item["party_id"]), Sex.UNKNOWN)
        answers = {
            name: Answer(item.get(name, Answer.NOT_ASKED.value))
            for name in ("fair_process", "fair_outcome", "resolved")
        }
        result.append(ViewFact(sex, **answers))
    return tuple(result)
