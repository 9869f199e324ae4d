"""The export's case tables counted inside SQLite (ReportingQueries.case_counts): one statement
reads the period's cases once into a small table of codes (one row per case, in memory) and
counts it per table, so no Python object is made per case (docs/exports.md, "Speed").

It gives exactly what counting the period's CaseFacts gives (storage/repositories/reporting.py
reads those; tests/integration/test_reporting_query.py compares the two): the first
complainant and respondent are the parties of that role with the lowest id, "disability" is
"yes" when any party has one, a case counts only when every party consented, a case is closed
in the period when its outcome's date is in it and its status is closed or withdrawn, and the
agreement of a closed case is the result of its latest follow-up (by date, then id).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Connection,
    Integer,
    Select,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    literal_column,
    select,
    union,
    union_all,
)

from desktop.domain.model.dispute import PartyRole, Status
from desktop.domain.model.export_tables import (
    UNKNOWN,
    CaseCounts,
    Compliance,
    Population,
    ResolutionBand,
)
from desktop.domain.model.proceedings import Answer, FollowUpResult
from storage import tables as t

d, o, p = t.disputes, t.outcomes, t.parties
ENDED = (Status.CLOSED.value, Status.WITHDRAWN.value)
KEPT = {
    FollowUpResult.COMPLIED.value: Compliance.KEPT.value,
    FollowUpResult.PARTLY.value: Compliance.PARTLY.value,
    FollowUpResult.BREACHED.value: Compliance.BREACHED.value,
}
NOT_CONSENTED = "not_consented"  # the row of the statement counting the cases left out
# name -> (population, dimensions); referral tables are counted in the domain, from the facts
Tables = Mapping[str, tuple[Population, tuple[str, ...]]]


def period_cases(first: date, last: date) -> CTE:
    """The ids of the cases received from first to last, or closed or withdrawn (with an
    outcome) from first to last: a UNION of two index searches (received_on, closed_on).
    Each outcome's case status is looked up by id, so SQLite walks the period's outcomes, not
    every closed case."""
    received = select(d.c.id.label("id")).where(d.c.received_on.between(first, last))
    status = select(d.c.status).where(d.c.id == o.c.dispute_id).scalar_subquery()
    closed = select(o.c.dispute_id.label("id")).where(
        o.c.closed_on.between(first, last), status.in_(ENDED)
    )
    return union(received, closed).cte("period_cases")


def _people(cases: CTE) -> Any:
    """Per case: every party consented (0/1), any disability (0/1), and the ids of the first
    complainant and the first respondent (the lowest of the role)."""

    def first(role: PartyRole) -> ColumnElement[Any]:
        return func.min(case((p.c.role == role.value, p.c.id)))

    return (
        select(
            cases.c.id,
            func.min(cast(p.c.consent_reporting, Integer)).label("consented"),
            func.max(cast(p.c.disability, Integer)).label("disability"),
            first(PartyRole.COMPLAINANT).label("complainant"),
            first(PartyRole.RESPONDENT).label("respondent"),
        )
        .join(p, p.c.dispute_id == cases.c.id)
        .group_by(cases.c.id)
        .subquery("people")
    )


def _days_band(days: ColumnElement[Any]) -> ColumnElement[str]:
    bands = [(7, ResolutionBand.DAYS_0_7), (30, ResolutionBand.DAYS_8_30)]
    bands.append((90, ResolutionBand.DAYS_31_90))
    return case(
        *((days <= limit, band.value) for limit, band in bands),
        else_=ResolutionBand.DAYS_91_PLUS.value,
    )


def _agreement(closed: ColumnElement[bool]) -> ColumnElement[Any]:
    g, f = t.agreements, t.follow_ups
    latest = (
        select(f.c.result)
        .where(f.c.dispute_id == d.c.id, f.c.result.in_(list(KEPT)))
        .order_by(f.c.done_on.desc(), f.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    kept = case(KEPT, value=latest, else_=Compliance.NOT_CHECKED.value)
    agreed = case(
        (exists().where(g.c.dispute_id == d.c.id), kept), else_=Compliance.NO_AGREEMENT.value
    )
    return case((closed, agreed), else_=None)


def _facts(first: date, last: date) -> CTE:
    """One row of codes per case of the period (kept in memory: temp_store is MEMORY)."""
    cases = period_cases(first, last)
    people = _people(cases)
    closed = and_(o.c.closed_on.between(first, last), d.c.status.in_(ENDED))
    days = func.julianday(o.c.closed_on) - func.julianday(d.c.received_on)
    unknown = literal(UNKNOWN)
    complainant, respondent = p.alias("complainant"), p.alias("respondent")
    return (
        select(
            d.c.id,
            d.c.category,
            d.c.channel,
            d.c.status,
            func.coalesce(complainant.c.sex, unknown).label("complainant_sex"),
            func.coalesce(complainant.c.age_band, unknown).label("complainant_age"),
            func.coalesce(respondent.c.sex, unknown).label("respondent_sex"),
            func.coalesce(respondent.c.age_band, unknown).label("respondent_age"),
            case((people.c.disability == 1, "yes"), else_="no").label("disability"),
            func.coalesce(complainant.c.displacement, unknown).label("displacement"),
            o.c.kind.label("outcome"),
            _days_band(days).label("resolution_time"),
            _agreement(closed).label("agreement"),
            o.c.views,
            d.c.received_on.between(first, last).label("received"),
            case((closed, 1), else_=0).label("closed"),
            func.coalesce(people.c.consented, 1).label("consented"),
        )
        .select_from(
            cases.join(d, d.c.id == cases.c.id)
            .outerjoin(o, o.c.dispute_id == d.c.id)
            .outerjoin(people, people.c.id == d.c.id)
            .outerjoin(complainant, complainant.c.id == people.c.complainant)
            .outerjoin(respondent, respondent.c.id == people.c.respondent)
        )
        .cte("facts")
        .prefix_with("MATERIALIZED")
    )


def _views(facts: CTE) -> CTE:
    """One row per party view of the consented cases closed in the period."""
    item = func.json_each(facts.c.views).table_valued("value").alias("item")

    def answer(name: str) -> ColumnElement[Any]:
        return func.coalesce(func.json_extract(item.c.value, f"$.{name}"), Answer.NOT_ASKED.value)

    party_id = cast(func.json_extract(item.c.value, "$.party_id"), Integer)
    return (
        select(
            func.coalesce(p.c.sex, UNKNOWN).label("party_sex"),
            answer("fair_process").label("fair_process"),
            answer("fair_outcome").label("fair_outcome"),
            answer("resolved").label("problem_resolved"),
        )
        .select_from(
            facts.join(item, literal_column("1") == 1).outerjoin(
                p, and_(p.c.id == party_id, p.c.dispute_id == facts.c.id)
            )
        )
        .where(facts.c.closed == 1, facts.c.consented == 1)
        .cte("views")
        .prefix_with("MATERIALIZED")
    )


def counts_statement(first: date, last: date, tables: Tables) -> Select[Any]:
    """Rows (table name, code, code or NULL, count), and (NOT_CONSENTED, NULL, NULL, count)."""
    facts = _facts(first, last)
    views = _views(facts)
    parts: list[Select[Any]] = [
        select(literal(NOT_CONSENTED), literal(None), literal(None), func.count()).where(
            facts.c.consented == 0
        )  # type: ignore[list-item]
    ]
    for name, (population, dims) in tables.items():
        if population is Population.PARTY_VIEWS:
            source, where = views, []
        elif population is Population.RECEIVED:
            source, where = facts, [facts.c.received, facts.c.consented == 1]
        elif population is Population.CLOSED:
            source, where = facts, [facts.c.closed == 1, facts.c.consented == 1]
        else:
            raise ValueError(f"The database does not count {population.value} tables.")
        columns = [source.c[dim] for dim in dims]
        second = columns[1] if len(columns) == 2 else literal(None)
        parts.append(
            select(literal(name), columns[0], second, func.count())
            .select_from(source)
            .where(*where)
            .group_by(*columns)
        )
    return union_all(*parts)  # type: ignore[return-value]


def case_counts(conn: Connection, first: date, last: date, tables: Tables) -> CaseCounts:
    counts: dict[str, dict[tuple[str, ...], int]] = {name: {} for name in tables}
    not_consented = 0
    for name, code, second, count in conn.execute(counts_statement(first, last, tables)):
        if name == NOT_CONSENTED:
            not_consented = int(count)
            continue
        key = (str(code),) if len(tables[name][1]) == 1 else (str(code), str(second))
        counts[name][key] = int(count)
    return CaseCounts(counts, not_consented)
