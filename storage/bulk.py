"""Writing many whole cases fast: the demo workspace, a committee's existing register.

The repositories write one row per statement and read back each new id; the bulk loader writes a
batch of cases with one executemany per table. It allocates the ids itself, so children name
their parents without a round trip: at the start of each batch's transaction it reads, per
table, the highest id ever used (``sqlite_sequence``, as AUTOINCREMENT never reuses an id, or
``max(id)`` if higher) and counts on from there. Another writer committing in between makes the
batch fail (SQLite refuses to upgrade a stale read transaction in WAL mode) rather than collide.

It writes what the repositories write (the same encodings, from :mod:`storage.rows`):
``parties.name_key`` and the ``dispute_search`` row only for disputes that are not restricted,
the sealed columns of restricted disputes sealed under the same additional data
(``table:row_id:column``), sealed before the insert since the id is known. Timestamps are the
batch's time. No audit event: the caller records one for the whole load. The case-number
counters (``case_counters``) are raised to the batch's numbers in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, text
from sqlalchemy.sql.expression import TableClause

from desktop.domain.model.records import CaseRecord
from storage import rows
from storage import tables as t
from storage.repositories._common import utcnow
from storage.repositories.disputes import raise_counters
from storage.repositories.referrals import consents_to_text
from storage.sealing import Sealer

DEFAULT_BATCH = 2000

# In foreign-key order: parents first.
_TABLES: tuple[Table, ...] = (
    t.disputes,
    t.dispute_assignees,
    t.parties,
    t.hearings,
    t.agreements,
    t.follow_ups,
    t.outcomes,
    t.referrals,
)
_WITH_IDS = tuple(table for table in _TABLES if table is not t.dispute_assignees)


def next_ids(conn: Connection) -> dict[str, int]:
    """The next unused id of every case table: above anything AUTOINCREMENT has handed out."""
    sequence = {
        name: seq for name, seq in conn.execute(text("SELECT name, seq FROM sqlite_sequence"))
    }
    result = {}
    for table in _WITH_IDS:
        highest = conn.scalar(select(func.max(table.c.id))) or 0
        result[table.name] = max(int(highest), int(sequence.get(table.name) or 0)) + 1
    return result


class _Batch:
    """The rows of one batch, table by table, with the ids handed out so far."""

    def __init__(self, sealer: Sealer, ids: dict[str, int], now: datetime) -> None:
        self.sealer, self.ids, self.now = sealer, ids, now
        self.rows: dict[str, list[dict[str, Any]]] = {table.name: [] for table in _TABLES}
        self.search: list[dict[str, Any]] = []

    def _take(self, table: str) -> int:
        row_id = self.ids[table]
        self.ids[table] = row_id + 1
        return row_id

    def _row(
        self, table: str, values: Mapping[str, Any], plain: Mapping[str, str], restricted: bool
    ) -> int:
        row_id = self._take(table)
        if restricted:
            seal = self.sealer.seal
            plain = {name: seal(table, row_id, name, value) for name, value in plain.items()}
        self.rows[table].append({"id": row_id, **values, **plain})
        return row_id

    def add(self, record: CaseRecord) -> None:
        dispute = record.dispute
        restricted = dispute.restricted
        if restricted:
            self.sealer.require_key()
        dispute_id = self.ids["disputes"]
        party_ids = [self.ids["parties"] + index for index in range(len(dispute.parties))]
        record.bind(dispute_id, party_ids)
        values = {**rows.dispute_values(dispute), "created_at": self.now, "updated_at": self.now}
        self._row("disputes", values, rows.dispute_plain(dispute), restricted)
        self.rows["dispute_assignees"].extend(rows.assignee_rows(dispute_id, dispute.assigned))
        for party in dispute.parties:
            party_values = rows.party_values(dispute_id, party, restricted)
            self._row("parties", party_values, rows.party_plain(party), restricted)
        if not restricted:
            names = rows.search_names(dispute)
            self.search.append({"rowid": dispute_id, "number": dispute.number, "names": names})
        for hearing in record.hearings:
            hearing.id = self._row(
                "hearings", rows.hearing_values(hearing), rows.hearing_plain(hearing), restricted
            )
        for agreement in record.agreements:
            values = rows.agreement_values(agreement)
            agreement.id = self._row(
                "agreements", values, rows.agreement_plain(agreement), restricted
            )
        for follow_up in record.follow_ups:
            values = rows.follow_up_values(follow_up)
            follow_up.id = self._row(
                "follow_ups", values, rows.follow_up_plain(follow_up), restricted
            )
        outcome = record.outcome
        if outcome is not None:
            outcome.id = self._row(
                "outcomes", rows.outcome_values(outcome), rows.outcome_plain(outcome), restricted
            )
        for referral in record.referrals:
            referral_id = self.ids["referrals"]
            consents = consents_to_text(self.sealer, referral_id, referral.consents, restricted)
            values = {**rows.referral_values(referral), "consents": consents}
            referral.id = self._row("referrals", values, rows.referral_plain(referral), restricted)

    def write(self, conn: Connection) -> None:
        for table in _TABLES:
            insert_many(conn, table, self.rows[table.name])
        insert_many(conn, t.dispute_search, self.search)


def insert_many(conn: Connection, table: TableClause, values: list[dict[str, Any]]) -> None:
    """``conn.execute(insert(table), values)`` for rows that all have the same keys in the same
    order, without SQLAlchemy's per-row parameter handling (which costs more than SQLite's
    insert): the statement is compiled once and each row goes through the columns' own bind
    processors (dates and timestamps to ISO text, booleans to integers), so the stored values
    are the same."""
    if not values:
        return
    dialect = conn.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(values[0]))
    names = list(compiled.positiontup or ())  # the bound parameters, in statement order
    if len(names) != len(values[0]):
        raise ValueError(f"Not every value has a column in {table.name}.")
    statement = str(compiled)
    processors = [
        (index, processor)
        for index, name in enumerate(names)
        if (processor := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
    ]
    row_of = itemgetter(*names)
    params: list[tuple[Any, ...]] = []
    append = params.append
    for row in values:
        if len(row) != len(names):
            raise ValueError(f"Rows for {table.name} differ in their columns.")
        encoded = list(row_of(row)) if len(names) > 1 else [row_of(row)]
        for index, processor in processors:
            encoded[index] = processor(encoded[index])
        append(tuple(encoded))
    conn.exec_driver_sql(statement, params)


class BulkLoader:
    """Loads :class:`CaseRecord` values into the database of ``engine``; ``sealer`` must hold
    the restricted-case key if any record is restricted (else that batch fails whole, with
    :class:`storage.sealing.RestrictedKeyRequired`)."""

    def __init__(self, engine: Engine, sealer: Sealer) -> None:
        self._engine = engine
        self._sealer = sealer

    def load(
        self,
        records: Iterable[CaseRecord],
        *,
        batch: int = DEFAULT_BATCH,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Write ``records`` in batches, one transaction each, and return how many were
        written. Records are bound to their new ids (see :mod:`desktop.domain.model.records`).
        ``cancelled`` is asked before each batch; ``progress`` gets the running total after
        each commit. An error rolls back the batch being written and propagates; the batches
        before it stay."""
        if batch < 1:
            raise ValueError("The batch size must be at least 1.")
        source = iter(records)
        written = 0
        while not (cancelled is not None and cancelled()):
            chunk = list(islice(source, batch))
            if not chunk:
                break
            self._write(chunk)
            written += len(chunk)
            if progress is not None:
                progress(written)
        return written

    def _write(self, chunk: list[CaseRecord]) -> None:
        if any(record.bound for record in chunk):
            raise ValueError("A case record can be loaded once only.")
        with self._engine.begin() as conn:
            pending = _Batch(self._sealer, next_ids(conn), utcnow())
            for record in chunk:
                pending.add(record)
            pending.write(conn)
            raise_counters(conn, (record.dispute.number for record in chunk))


if TYPE_CHECKING:
    from desktop.domain.ports import CaseLoader

    def _implements_port(loader: BulkLoader) -> CaseLoader:
        return loader
