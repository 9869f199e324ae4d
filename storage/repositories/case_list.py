"""The case list query: compact rows for 100,000 cases, filtered and searched in SQL.

One SELECT over ``disputes`` with correlated subqueries for the party and member names gives a
tuple per case. Restricted cases outside the caller's scope are excluded in the WHERE clause, so
their rows, numbers and count never leave SQLite.

Search: the words of the user's text become quoted FTS5 prefix terms (never FTS5 syntax), matched
in ``dispute_search``, which holds case numbers and party names of cases that are not
restricted. Restricted cases are not in that index, by design: they are found by their case
number (each word a prefix of a part of the number), never by a party's name, and only when the
text has a digit (the letters of a number are the committee code, which every case shares; so a
one-letter search never scans the restricted cases).

The list shows the party names of a restricted case as "•••" even to users who may open it:
every view of a restricted case is audited, and a list of names would be an unaudited view of
hundreds of them (and on a shared screen). Opening the case shows them, and is audited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    true,
    type_coerce,
)

from desktop.domain.model.case_list import CaseFilter, CaseRow, CaseScope
from desktop.domain.model.dispute import PartyRole
from storage import tables as t
from storage.repositories._common import Repo
from storage.sealing import REDACTED

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_CHUNK = 500
_SEPARATOR = ", "

d = t.disputes
_p = t.parties.alias("p")
_a = t.dispute_assignees.alias("a")
_u = t.users.alias("u")
_search = t.dispute_search
_MATCH = literal_column("dispute_search").op("MATCH")(bindparam("match", type_=String))
_ID_NO_INDEX = literal_column(f"+{d.name}.{d.c.id.name}", Integer)  # id, hiding its index


def words_of(text: str) -> list[str]:
    """The words of a user's search text (letters and digits; everything else separates)."""
    return _TOKEN.findall(text)


def fts_match(words: Sequence[str]) -> str:
    """An FTS5 query matching rows with a word starting with each of ``words``: each word is a
    quoted string (words hold no quote), so no user text is read as FTS5 syntax."""
    return " ".join(f'"{word}"*' for word in words)


def _names(role: PartyRole) -> Any:
    names = (
        select(func.group_concat(_p.c.name, _SEPARATOR))
        .where(_p.c.dispute_id == d.c.id, _p.c.role == role.value)
        .scalar_subquery()
    )
    return case((d.c.restricted == true(), REDACTED), else_=func.coalesce(names, ""))


def _assigned() -> Any:
    names = (
        select(func.group_concat(_u.c.display_name, _SEPARATOR))
        .select_from(_a.join(_u, _u.c.id == _a.c.user_id))
        .where(_a.c.dispute_id == d.c.id)
        .scalar_subquery()
    )
    return func.coalesce(names, "")


_COLUMNS = (
    d.c.id,
    d.c.number,
    type_coerce(d.c.received_on, String).label("received_on"),
    d.c.category,
    d.c.status,
    d.c.area,
    _names(PartyRole.COMPLAINANT).label("complainants"),
    _names(PartyRole.RESPONDENT).label("respondents"),
    _assigned().label("assigned"),
    type_coerce(d.c.restricted, Integer).label("restricted"),
)  # built once: SQL constructs are immutable, and building them is most of a query's Python


def _assigned_to(user_id: int) -> ColumnElement[bool]:
    return exists().where(
        t.dispute_assignees.c.dispute_id == d.c.id, t.dispute_assignees.c.user_id == user_id
    )


def scope_clause(scope: CaseScope) -> ColumnElement[bool]:
    """The cases ``scope`` allows: every case that is not restricted, and the restricted ones
    the scope names."""
    if scope.all_restricted:
        return true()
    if scope.assigned_user is None:
        return d.c.restricted == false()
    return or_(d.c.restricted == false(), _assigned_to(scope.assigned_user))


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filter_clauses(case_filter: CaseFilter) -> list[ColumnElement[bool]]:
    """The filter's conditions, except its search text."""
    f = case_filter
    clauses: list[ColumnElement[bool]] = []
    if f.statuses:
        clauses.append(d.c.status.in_(sorted(s.value for s in f.statuses)))
    if f.categories:
        clauses.append(d.c.category.in_(sorted(f.categories)))
    if f.area:
        below = _escape_like(f.area) + " > %"
        clauses.append(or_(d.c.area == f.area, d.c.area.like(below, escape="\\")))
    if f.assigned_to is not None:
        clauses.append(_assigned_to(f.assigned_to))
    if f.received_from is not None:
        clauses.append(d.c.received_on >= f.received_from)
    if f.received_to is not None:
        clauses.append(d.c.received_on <= f.received_to)
    if f.restricted is not None:
        clauses.append(d.c.restricted == (true() if f.restricted else false()))
    return clauses


def _number_matches(words: Sequence[str]) -> ColumnElement[bool]:
    """Every word starts the number or a part of it after a "-" (LIKE ignores ASCII case)."""
    return and_(
        *(
            or_(
                d.c.number.like(_escape_like(w) + "%", escape="\\"),
                d.c.number.like("%-" + _escape_like(w) + "%", escape="\\"),
            )
            for w in words
        )
    )


def list_statement(case_filter: CaseFilter, scope: CaseScope) -> Select[Any]:
    """The query for a list without search text (the benchmark runs it raw as its reference)."""
    return select(*_COLUMNS).where(scope_clause(scope), *filter_clauses(case_filter))


@lru_cache(maxsize=32)
def _search_statement(case_filter: CaseFilter, scope: CaseScope, limit: int | None) -> Select[Any]:
    """The indexed search for ``case_filter`` (without its text, which is bound as ``match``)
    within ``scope``, newest first. Only the SQL construct is kept, never rows: building it
    (and its cache key, memoised on the construct) is most of a search's Python."""
    query = (
        select(*_COLUMNS)
        .select_from(_search.join(d, d.c.id == _search.c.rowid))
        .where(_MATCH, scope_clause(scope), *filter_clauses(case_filter))
        .order_by(_search.c.rowid.desc())
    )
    return query if limit is None else query.limit(limit)


class SqlCaseListRepository(Repo):
    def rows(
        self, case_filter: CaseFilter, scope: CaseScope, limit: int | None = None
    ) -> list[CaseRow]:
        words = words_of(case_filter.text)
        if not words:
            return self._fetch(list_statement(case_filter, scope), limit)
        indexed = _search_statement(case_filter.without_text(), scope, limit)
        found = self._rows(indexed, {"match": fts_match(words)})
        numbered = [w for w in words if any(c.isdigit() for c in w)]
        if numbered and (scope.all_restricted or scope.assigned_user is not None):
            # Ordered by "+id" (not an index), SQLite reads the restricted cases' numbers from
            # the partial index ix_disputes_restricted_number (0.7 ms on 100,000 cases); by
            # id, it walks every case for the ORDER BY ... LIMIT (12 ms). (SQLAlchemy's SQLite
            # dialect renders no with_hint, so there is no INDEXED BY.)
            sealed = select(*_COLUMNS).where(
                d.c.restricted == true(),
                _number_matches(words),
                scope_clause(scope),
                *filter_clauses(case_filter),
            )
            found = sorted(found + self._fetch(sealed, limit, by=_ID_NO_INDEX), key=_newest_first)
            found = found[:limit] if limit is not None else found
        return found

    def _fetch(self, query: Select[Any], limit: int | None, by: Any = None) -> list[CaseRow]:
        query = query.order_by((by if by is not None else d.c.id).desc())
        if limit is not None:
            query = query.limit(limit)
        return self._rows(query)

    def _rows(self, query: Select[Any], parameters: dict[str, Any] | None = None) -> list[CaseRow]:
        # straight from the cursor into CaseRows: no list of Row objects held on the way
        return list(map(CaseRow._make, self._conn.execute(query, parameters)))

    def areas(self, scope: CaseScope) -> list[str]:
        query = select(d.c.area).where(scope_clause(scope)).distinct().order_by(d.c.area)
        return [str(area) for area in self._conn.scalars(query)]


def _newest_first(row: CaseRow) -> int:
    return -row.id
