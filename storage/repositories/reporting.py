"""What the anonymised export counts, read in a few Core queries over codes, bands and dates.

Never a sealed column (names, phones, villages, narrative, notes, terms) and never a case
number: restricted cases are counted like any other, without the restricted-case key.

The export itself counts the cases in the database (``case_counts``, in case_counts.py);
``case_facts`` gives the same cases one fact each (the tests hold the two together). It reads
the period's cases through the received_on and closed_on indexes (a UNION, not an OR that
SQLite answers by walking every closed case), with their parties, in one query whose rows come
from the driver as plain tuples; the few distinct months and views are made once and shared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, case, exists, func, select

from desktop.domain.model.dispute import Channel, Displacement, PartyRole, Sex, Status
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
from desktop.domain.model.proceedings import Answer, FollowUpResult
from desktop.domain.model.referral_board import ReferralFact
from desktop.domain.model.referrals import Direction, ReferralOutcome, ReferralStatus
from storage import tables as t
from storage.repositories._common import Repo, loads
from storage.repositories.case_counts import case_counts, period_cases

d, o, p = t.disputes, t.outcomes, t.parties
ENDED = (Status.CLOSED.value, Status.WITHDRAWN.value)
KEPT = {
    FollowUpResult.COMPLIED.value: Compliance.KEPT,
    FollowUpResult.PARTLY.value: Compliance.PARTLY,
    FollowUpResult.BREACHED.value: Compliance.BREACHED,
}
SEXES = {s.value: s for s in Sex}
DISPLACEMENTS = {s.value: s for s in Displacement}
CHANNELS = {c.value: c for c in Channel}
STATUSES = {s.value: s for s in Status}
ANSWERS = {a.value: a for a in Answer}
QUESTIONS = ("fair_process", "fair_outcome", "resolved")
COMPLAINANT, RESPONDENT = PartyRole.COMPLAINANT.value, PartyRole.RESPONDENT.value

NOT_CHECKED, NO_AGREEMENT = Compliance.NOT_CHECKED.value, Compliance.NO_AGREEMENT.value
COMPLIANCE = {
    **KEPT,
    NOT_CHECKED: Compliance.NOT_CHECKED,
    NO_AGREEMENT: Compliance.NO_AGREEMENT,
}
PARTY = 9  # the first party column of a case row (_case_rows)
# What the facts need of a case's parties: the first complainant (sex, age band,
# displacement), the first respondent (sex, age band), whether any party has a disability,
# whether every party consented to reporting, and each party's sex by id (for the views).
People = tuple[tuple[Sex, str, Displacement], tuple[Sex, str], bool, bool, dict[int, Sex]]
NO_COMPLAINANT = (Sex.UNKNOWN, UNKNOWN, Displacement.UNKNOWN)
NO_RESPONDENT = (Sex.UNKNOWN, UNKNOWN)


class SqlReportingQueries(Repo):
    def case_facts(self, first: date, last: date) -> list[CaseFact]:
        rows = _tuples(self._conn, _case_rows(first, last))
        facts = []
        months: dict[tuple[int, int], Period] = {}
        views_of = _ViewReader()

        def month(day: date) -> Period:
            key = (day.year, day.month)
            if key not in months:
                months[key] = Period.of_day(day)
            return months[key]

        for group in _grouped(rows).values():
            _, received, channel, category, status, kind, closed_text, views, kept = group[0][
                :PARTY
            ]
            received_on = _day(received)
            closed_on = _day(closed_text) if closed_text is not None else None
            closed_in, resolution = None, None
            if closed_on is not None and first <= closed_on <= last and status in ENDED:
                closed_in = month(closed_on)
                resolution = ResolutionBand.of((closed_on - received_on).days)
            closed = closed_in is not None
            complainant, respondent, disability, consented, sexes = _people(group)
            facts.append(
                CaseFact(
                    category=category,
                    channel=CHANNELS[channel],
                    status=STATUSES[status],
                    complainant_sex=complainant[0],
                    complainant_age=complainant[1],
                    respondent_sex=respondent[0],
                    respondent_age=respondent[1],
                    disability=disability,
                    displacement=complainant[2],
                    received_in=month(received_on) if first <= received_on <= last else None,
                    closed_in=closed_in,
                    outcome=kind if closed else None,
                    resolution=resolution,
                    compliance=COMPLIANCE[kept] if closed else Compliance.NO_AGREEMENT,
                    views=views_of(views, sexes) if closed else (),
                    consented=consented,
                )
            )
        return facts

    def case_counts(
        self, first: date, last: date, tables: Mapping[str, tuple[Population, tuple[str, ...]]]
    ) -> CaseCounts:
        return case_counts(self._conn, first, last, tables)

    def referral_facts(self, first: date, last: date) -> list[ReferralFact]:
        r, a = t.referrals, t.actors
        refused = exists().where(p.c.dispute_id == r.c.dispute_id, p.c.consent_reporting.is_(False))
        query = (
            select(
                r.c.direction,
                a.c.kind,
                r.c.status,
                r.c.sent_on,
                r.c.feedback_on,
                r.c.outcome,
                r.c.dispute_id,
            )
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
                dispute_id=row.dispute_id,
            )
            for row in self._conn.execute(query)
        ]


def _case_rows(first: date, last: date) -> Select[Any]:
    """One row per party of each case of the period (a case without parties: one row, party
    columns NULL), in no particular order: the case's codes and dates, its outcome, what
    became of its agreement when it was closed in the period (a follow-up result, or
    not_checked, or no_agreement), then the party's codes."""
    cases = period_cases(first, last)
    g, f = t.agreements, t.follow_ups
    closed = and_(o.c.closed_on.between(first, last), d.c.status.in_(ENDED))
    latest = (
        select(f.c.result)
        .where(f.c.dispute_id == d.c.id, f.c.result.in_(list(KEPT)))
        .order_by(f.c.done_on.desc(), f.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    agreement = case(
        (
            closed,
            case(
                (exists().where(g.c.dispute_id == d.c.id), func.coalesce(latest, NOT_CHECKED)),
                else_=NO_AGREEMENT,
            ),
        ),
        else_=None,
    )
    return select(
        d.c.id,
        d.c.received_on,
        d.c.channel,
        d.c.category,
        d.c.status,
        o.c.kind,
        o.c.closed_on,
        o.c.views,
        agreement,
        p.c.id,
        p.c.role,
        p.c.sex,
        p.c.age_band,
        p.c.disability,
        p.c.displacement,
        p.c.consent_reporting,
    ).select_from(
        cases.join(d, d.c.id == cases.c.id)
        .outerjoin(o, o.c.dispute_id == d.c.id)
        .outerjoin(p, p.c.dispute_id == d.c.id)
    )


def _tuples(conn: Connection, query: Select[Any]) -> list[Any]:
    """The rows of ``query`` as the driver gives them, in this transaction: plain tuples,
    dates as ISO text and booleans as 0 or 1 (SQLAlchemy's rows and type processing cost as
    much as the read itself at 40,000 rows). The query's only values are dates and codes of
    our own enums, written into the SQL."""
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    driver = conn.connection.driver_connection
    assert driver is not None
    return list(driver.execute(sql).fetchall())


def _grouped(rows: Sequence[Any]) -> dict[int, list[Any]]:
    """Rows by their first column."""
    groups: dict[int, list[Any]] = {}
    for row in rows:
        group = groups.get(row[0])
        if group is None:
            groups[row[0]] = [row]
        else:
            group.append(row)
    return groups


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _people(rows: list[Any]) -> People:
    """The first complainant and respondent (lowest party id), any disability, everyone's
    consent and each party's sex, from a case's rows (its party columns start at PARTY), in
    any order."""
    complainant: tuple[Sex, str, Displacement] | None = None
    respondent: tuple[Sex, str] | None = None
    first_complainant = first_respondent = 0
    disability, consented = False, True
    sexes: dict[int, Sex] = {}
    for row in rows:
        party_id, role, sex, band, disabled, displaced, consent = row[PARTY:]
        if party_id is None:  # a case without parties
            continue
        who = SEXES[sex]
        sexes[party_id] = who
        disability = disability or bool(disabled)
        consented = consented and bool(consent)
        if role == COMPLAINANT and (complainant is None or party_id < first_complainant):
            complainant = (who, band or UNKNOWN, DISPLACEMENTS[displaced])
            first_complainant = party_id
        elif role == RESPONDENT and (respondent is None or party_id < first_respondent):
            respondent = (who, band or UNKNOWN)
            first_respondent = party_id
    return (
        complainant or NO_COMPLAINANT,
        respondent or NO_RESPONDENT,
        disability,
        consented,
        sexes,
    )


class _ViewReader:
    """The parties' views of a closed case as facts; the few distinct facts are made once."""

    def __init__(self) -> None:
        self._made: dict[tuple[Sex, Answer, Answer, Answer], ViewFact] = {}

    def __call__(self, text: str | None, sexes: dict[int, Sex]) -> tuple[ViewFact, ...]:
        if not text:
            return ()
        result = []
        for item in loads(text):
            sex = sexes.get(int(item["party_id"]), Sex.UNKNOWN)
            answers = tuple(_answer(item.get(name, Answer.NOT_ASKED.value)) for name in QUESTIONS)
            key = (sex, *answers)
            fact = self._made.get(key)  # type: ignore[arg-type]
            if fact is None:
                fact = self._made[key] = ViewFact(sex, *answers)  # type: ignore[index]
            result.append(fact)
        return tuple(result)


def _answer(value: str) -> Answer:
    return ANSWERS.get(value) or Answer(value)
