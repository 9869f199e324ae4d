"""Justice actors and referrals."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    String,
    and_,
    func,
    literal_column,
    select,
    type_coerce,
)

from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.referral_board import (
    BoardCounts,
    BoardFilter,
    BoardLine,
    BoardRow,
    ReferralFact,
)
from desktop.domain.model.referrals import (
    Consent,
    ConsentMethod,
    Direction,
    FeedbackVia,
    JusticeActor,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    Urgency,
)
from storage import tables as t
from storage.repositories._common import Repo, loads
from storage.repositories.case_list import scope_clause
from storage.rows import dumps, referral_plain, referral_values
from storage.sealing import Sealer


class SqlActorRepository(Repo):
    def _values(self, actor: JusticeActor) -> dict[str, Any]:
        return {
            "kind": actor.kind,
            "name": actor.name,
            "contact_person": actor.contact_person,
            "phone": actor.phone,
            "area": actor.area,
            "services": actor.services,
            "hours": actor.hours,
            "active": actor.active,
        }

    def add(self, actor: JusticeActor) -> int:
        actor.id = self._insert(t.actors, self._values(actor), {}, restricted=False)
        return actor.id

    def update(self, actor: JusticeActor) -> None:
        if actor.id is None:
            raise ValueError("Only a stored actor can be updated.")
        self._update(t.actors, actor.id, self._values(actor), {}, restricted=False)

    def get(self, actor_id: int) -> JusticeActor | None:
        row = self._conn.execute(select(t.actors).where(t.actors.c.id == actor_id)).first()
        return None if row is None else _actor(row)

    def all(self) -> list[JusticeActor]:
        query = select(t.actors).order_by(t.actors.c.name.collate("NOCASE"), t.actors.c.id)
        return [_actor(row) for row in self._conn.execute(query)]


def _actor(row: Row[Any]) -> JusticeActor:
    return JusticeActor(
        kind=row.kind,
        name=row.name,
        contact_person=row.contact_person,
        phone=row.phone,
        area=row.area,
        services=row.services,
        hours=row.hours,
        active=bool(row.active),
        id=row.id,
    )


def _witness_column(index: int) -> str:
    return f"consents.{index}.witness"


def consents_to_text(
    sealer: Sealer, referral_id: int, consents: tuple[Consent, ...], restricted: bool
) -> str:
    """Consents as JSON; a witness is a person's name, so it is sealed for restricted cases."""
    items = []
    for index, consent in enumerate(consents):
        witness = consent.witness
        if restricted:
            witness = sealer.seal("referrals", referral_id, _witness_column(index), witness)
        items.append(
            {
                "party_id": consent.party_id,
                "given_on": consent.given_on.isoformat(),
                "method": consent.method.value,
                "witness": witness,
                "purpose": consent.purpose,
            }
        )
    return dumps(items)


def consents_from_text(
    sealer: Sealer, referral_id: int, text: str, restricted: bool
) -> tuple[Consent, ...]:
    consents = []
    for index, item in enumerate(loads(text)):
        witness = str(item["witness"])
        if restricted:
            witness = sealer.open("referrals", referral_id, _witness_column(index), witness)
        consents.append(
            Consent(
                party_id=int(item["party_id"]),
                given_on=date.fromisoformat(item["given_on"]),
                method=ConsentMethod(item["method"]),
                witness=witness,
                purpose=str(item["purpose"]),
            )
        )
    return tuple(consents)


def reseal_consents(sealer: Sealer, referral_id: int, text: str, to_restricted: bool) -> str:
    """Re-encode stored consents when the dispute's restriction changes (needs the key)."""
    sealer.require_key()
    consents = consents_from_text(sealer, referral_id, text, restricted=not to_restricted)
    return consents_to_text(sealer, referral_id, consents, restricted=to_restricted)


r, d, a = t.referrals, t.disputes, t.actors

# Open referrals, written as the partial index ix_referrals_open_sent_on says it (SQLite uses a
# partial index only when the query repeats its condition; bound parameters would not do).
OPEN: ColumnElement[Any] = literal_column(f"referrals.{t.REFERRALS_OPEN}")

# Enum members by value: a dict lookup per cell instead of an enum call (the board reads
# tens of thousands of rows).
_DIRECTION = {member.value: member for member in Direction}
_STATUS = {member.value: member for member in ReferralStatus}
_URGENCY = {member.value: member for member in Urgency}
_OUTCOME = {member.value: member for member in ReferralOutcome}
_from_iso = date.fromisoformat

_BOARD_COLUMNS = (
    r.c.id,
    r.c.dispute_id,
    d.c.number,
    r.c.code,
    r.c.direction,
    r.c.status,
    r.c.urgency,
    r.c.actor_id,
    a.c.name,
    a.c.kind,
    a.c.phone,
    type_coerce(r.c.sent_on, String),
    type_coerce(r.c.due_on, String),
    r.c.created_by,
)
_FROM_BOARD = r.join(d, d.c.id == r.c.dispute_id).join(a, a.c.id == r.c.actor_id)


def board_statement(board_filter: BoardFilter, scope: CaseScope) -> Select[Any]:
    """The board's rows as SQL: open referrals of the cases ``scope`` allows, oldest sent
    first (the partial index's order, so no sort). Open referrals always have ``sent_on``."""
    f = board_filter
    clauses = [OPEN, scope_clause(scope)]
    if f.actor_id is not None:
        clauses.append(r.c.actor_id == f.actor_id)
    if f.created_by is not None:
        clauses.append(r.c.created_by == f.created_by)
    if f.direction is not None:
        clauses.append(r.c.direction == f.direction.value)
    if f.due_before is not None:
        clauses.append(r.c.due_on < f.due_before)
    return (
        select(*_BOARD_COLUMNS)
        .select_from(_FROM_BOARD)
        .where(*clauses)
        .order_by(r.c.sent_on, r.c.id)
    )


# A board row is built by filling a new instance's __dict__: a frozen dataclass's __init__ sets
# each field through object.__setattr__, which cost 2.4 us a row against 0.7 (BoardRow has no
# __post_init__ and no __slots__; the tests compare rows built both ways). The garbage
# collector is paused while the rows are built: the rows make no reference cycles, and its
# passes over the growing heap took half of the time (20,000 rows: 75 ms -> 33 ms).
_new = object.__new__


def _board_rows(rows: Sequence[Sequence[Any]]) -> list[BoardRow]:
    result: list[BoardRow] = []
    append = result.append
    dates: dict[str, date] = {}  # a board has a few hundred distinct dates
    collecting = gc.isenabled()
    gc.disable()
    try:
        for row in rows:
            (rid, dispute_id, number, code, direction, status, urgency, actor_id, name, kind,
             phone, sent_on, due_on, created_by) = row  # fmt: skip
            sent = dates.get(sent_on)
            if sent is None and sent_on is not None:
                sent = dates[sent_on] = _from_iso(sent_on)
            due = dates.get(due_on)
            if due is None and due_on is not None:
                due = dates[due_on] = _from_iso(due_on)
            board_row = _new(BoardRow)
            board_row.__dict__.update(
                referral_id=rid,
                dispute_id=dispute_id,
                number=number,
                code=code or "",
                direction=_DIRECTION[direction],
                status=_STATUS[status],
                urgency=_URGENCY[urgency],
                actor_id=actor_id,
                actor_name=name,
                actor_kind=kind,
                actor_phone=phone,
                sent_on=sent,
                due_on=due,
                created_by=created_by,
            )
            append(board_row)
    finally:
        if collecting:
            gc.enable()
    return result


def _counting(*conditions: Any) -> Any:
    return func.count().filter(and_(*conditions))


class SqlReferralRepository(Repo):
    def add(self, referral: Referral) -> int:
        restricted = self._dispute_restricted(referral.dispute_id)
        values = {**referral_values(referral), "consents": "[]"}
        referral_id = self._insert(t.referrals, values, referral_plain(referral), restricted)
        self._write_consents(referral_id, referral, restricted)
        referral.id = referral_id
        return referral_id

    def update(self, referral: Referral) -> None:
        if referral.id is None:
            raise ValueError("Only a stored referral can be updated.")
        restricted = self._dispute_restricted(referral.dispute_id)
        if restricted:
            self._sealer.require_key()
        self._update(
            t.referrals,
            referral.id,
            referral_values(referral),
            referral_plain(referral),
            restricted,
            extra_where=t.referrals.c.dispute_id == referral.dispute_id,
        )
        self._write_consents(referral.id, referral, restricted)

    def _write_consents(self, referral_id: int, referral: Referral, restricted: bool) -> None:
        text = consents_to_text(self._sealer, referral_id, referral.consents, restricted)
        self._conn.execute(
            t.referrals.update().where(t.referrals.c.id == referral_id).values(consents=text)
        )

    def _one(self, *where: Any) -> Referral | None:
        query = (
            select(t.referrals, t.disputes.c.restricted)
            .join(t.disputes, t.disputes.c.id == t.referrals.c.dispute_id)
            .where(*where)
        )
        row = self._conn.execute(query).first()
        return None if row is None else self._referral(row, bool(row.restricted))

    def get(self, referral_id: int) -> Referral | None:
        return self._one(t.referrals.c.id == referral_id)

    def by_code(self, code: str) -> Referral | None:
        return self._one(t.referrals.c.code == code) if code else None

    def for_dispute(self, dispute_id: int) -> list[Referral]:
        query = (
            select(t.referrals, t.disputes.c.restricted)
            .join(t.disputes, t.disputes.c.id == t.referrals.c.dispute_id)
            .where(t.referrals.c.dispute_id == dispute_id)
            .order_by(t.referrals.c.id)
        )
        return [self._referral(row, bool(row.restricted)) for row in self._conn.execute(query)]

    def board(self, board_filter: BoardFilter, scope: CaseScope) -> list[BoardRow]:
        # The DBAPI's tuples (no SQLAlchemy Row for each: the columns need no processing),
        # fetched with the garbage collector paused as _board_rows pauses it.
        result = self._conn.execute(board_statement(board_filter, scope))
        collecting = gc.isenabled()
        gc.disable()
        try:
            return _board_rows(result.cursor.fetchall())
        finally:
            if collecting:
                gc.enable()
            result.close()

    def board_lines(
        self, board_filter: BoardFilter, scope: CaseScope, today: date
    ) -> list[BoardLine]:
        from storage.repositories.board_lines import read_board_lines

        return read_board_lines(self._conn, board_filter, scope, today)

    def board_counts(self, today: date, scope: CaseScope) -> BoardCounts:
        out = r.c.direction == Direction.OUT.value
        sent = r.c.status == ReferralStatus.SENT.value
        query = (
            select(
                _counting(out, sent),
                _counting(out, ~sent),
                _counting(out, r.c.due_on < today),
                _counting(r.c.direction == Direction.IN.value),
            )
            .select_from(r.join(d, d.c.id == r.c.dispute_id))
            .where(OPEN, scope_clause(scope))
        )
        waiting, outcome, overdue, owed = self._conn.execute(query).one()
        return BoardCounts(waiting, outcome, overdue, owed)

    def facts(self, first: date, last: date) -> list[ReferralFact]:
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
            .select_from(r.join(a, a.c.id == r.c.actor_id))
            .where(r.c.sent_on.between(first, last))
            .order_by(r.c.sent_on, r.c.id)
        )
        return [
            ReferralFact(
                _DIRECTION[direction],
                kind,
                _STATUS[status],
                sent_on,
                feedback_on,
                None if outcome is None else _OUTCOME[outcome],
                dispute_id,
            )
            for direction, kind, status, sent_on, feedback_on, outcome, dispute_id in (
                self._conn.execute(query)
            )
        ]

    def _optional(self, rid: int, column: str, stored: str | None, restricted: bool) -> str:
        """A text column added by migration 0005: NULL in older rows, read as nothing."""
        return "" if stored is None else self._open(t.referrals, rid, column, stored, restricted)

    def _referral(self, row: Row[Any], restricted: bool) -> Referral:
        rid = int(row.id)
        return Referral(
            dispute_id=row.dispute_id,
            actor_id=row.actor_id,
            direction=Direction(row.direction),
            reason=self._open(t.referrals, rid, "reason", row.reason, restricted),
            urgency=Urgency(row.urgency),
            status=ReferralStatus(row.status),
            shared_fields=tuple(loads(row.shared_fields)),
            consents=consents_from_text(self._sealer, rid, row.consents, restricted),
            code=row.code or "",
            sent_on=row.sent_on,
            due_on=row.due_on,
            feedback=self._open(t.referrals, rid, "feedback", row.feedback, restricted),
            feedback_on=row.feedback_on,
            id=rid,
            created_by=row.created_by,
            created_on=row.created_on,
            acknowledged_on=row.acknowledged_on,
            decided_on=row.decided_on,
            completed_on=row.completed_on,
            withdrawn_on=row.withdrawn_on,
            status_reason=self._optional(rid, "status_reason", row.status_reason, restricted),
            outcome=None if row.outcome is None else ReferralOutcome(row.outcome),
            feedback_via=None if row.feedback_via is None else FeedbackVia(row.feedback_via),
            feedback_from=self._optional(rid, "feedback_from", row.feedback_from, restricted),
            consent_override=self._optional(
                rid, "consent_override", row.consent_override, restricted
            ),
            their_reference=self._optional(rid, "their_reference", row.their_reference, restricted),
        )
