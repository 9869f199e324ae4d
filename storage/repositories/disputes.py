"""Disputes with their parties and assignees, and the full-text index over them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, text, update

from desktop.domain.model.dispute import (
    Channel,
    Displacement,
    Dispute,
    Party,
    PartyRole,
    RiskFlag,
    Sex,
    Status,
)
from storage import tables as t
from storage.repositories._common import Repo, loads, utcnow
from storage.repositories.referrals import reseal_consents
from storage.rows import (
    assignee_rows,
    dispute_plain,
    dispute_values,
    name_key,
    party_plain,
    party_values,
    search_names,
)
from storage.sealing import SEALED_COLUMNS

_CHILD_TABLES = (t.hearings, t.agreements, t.follow_ups, t.outcomes, t.referrals)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_DIGITS = "0123456789"
_SEQUENCE_MAX = 2**63 - 1  # SQLite's largest integer; CAST(... AS INTEGER) stops there too


def counter_of(number: str) -> tuple[str, int] | None:
    """``(prefix, sequence)`` of a case number that ends in ASCII digits after a non-empty
    prefix ("KBR-2026-0042" -> ("KBR-2026-", 42)), else None ("KBR-2026-IMPORTED")."""
    prefix = number.rstrip(_DIGITS)
    if not prefix or len(prefix) == len(number):
        return None
    return prefix, min(int(number[len(prefix) :]), _SEQUENCE_MAX)


def raise_counters(conn: Connection, numbers: Iterable[str]) -> None:
    """Raise each prefix's counter in ``case_counters`` to the highest sequence among
    ``numbers`` (never lower it: a number once used is not handed out again), in the caller's
    transaction. Every path that writes a dispute's number calls this."""
    highest: dict[str, int] = {}
    for number in numbers:
        counter = counter_of(number)
        if counter is not None:
            prefix, sequence = counter
            highest[prefix] = max(sequence, highest.get(prefix, 0))
    if highest:
        rows = [{"prefix": prefix, "last": last} for prefix, last in highest.items()]
        conn.execute(_RAISE_COUNTER, rows)


_RAISE_COUNTER = text(
    "INSERT INTO case_counters (prefix, last) VALUES (:prefix, :last) "
    "ON CONFLICT (prefix) DO UPDATE SET last = max(last, excluded.last)"
)


class SqlDisputeRepository(Repo):
    """Disputes. Restricted ones have their description and their parties' name, phone and
    village sealed, are absent from ``dispute_search`` and have no ``name_key``."""

    #: set when an update made a dispute restricted; the unit of work then checkpoints the WAL
    #: so the plaintext it replaced does not linger in old WAL frames.
    became_restricted = False

    # -- writing -------------------------------------------------------------------------------

    def add(self, dispute: Dispute) -> int:
        if dispute.restricted:
            self._sealer.require_key()
        now = utcnow()
        values = {**dispute_values(dispute), "created_at": now, "updated_at": now}
        dispute_id = self._insert(t.disputes, values, dispute_plain(dispute), dispute.restricted)
        dispute.id = dispute_id
        raise_counters(self._conn, [dispute.number])
        # A new id (AUTOINCREMENT never reuses one) has no assignee or search row to replace.
        self._write_assignees(dispute_id, dispute.assigned, replace=False)
        for party in dispute.parties:
            self._insert_party(dispute_id, party, dispute.restricted)
        self._index(dispute_id, dispute, replace=False)
        return dispute_id

    def update(self, dispute: Dispute) -> None:
        if dispute.id is None:
            raise ValueError("Only a stored dispute can be updated.")
        dispute_id = dispute.id
        was_restricted = self._dispute_restricted(dispute_id)
        if was_restricted or dispute.restricted:
            self._sealer.require_key()
        values = {**dispute_values(dispute), "updated_at": utcnow()}
        self._update(t.disputes, dispute_id, values, dispute_plain(dispute), dispute.restricted)
        raise_counters(self._conn, [dispute.number])
        self._write_assignees(dispute_id, dispute.assigned)
        self._sync_parties(dispute_id, dispute.parties, dispute.restricted)
        if was_restricted != dispute.restricted:
            self._reseal_children(dispute_id, dispute.restricted)
            self.became_restricted = self.became_restricted or dispute.restricted
        self._index(dispute_id, dispute)

    def _write_assignees(
        self, dispute_id: int, assigned: tuple[int, ...], *, replace: bool = True
    ) -> None:
        if replace:
            self._conn.execute(
                delete(t.dispute_assignees).where(t.dispute_assignees.c.dispute_id == dispute_id)
            )
        rows = assignee_rows(dispute_id, assigned)
        if rows:
            self._conn.execute(insert(t.dispute_assignees), rows)

    def _insert_party(self, dispute_id: int, party: Party, restricted: bool) -> None:
        values = party_values(dispute_id, party, restricted)
        party.id = self._insert(t.parties, values, party_plain(party), restricted)
        party.dispute_id = dispute_id

    def _sync_parties(self, dispute_id: int, parties: list[Party], restricted: bool) -> None:
        stored = set(
            self._conn.scalars(select(t.parties.c.id).where(t.parties.c.dispute_id == dispute_id))
        )
        kept = {party.id for party in parties if party.id is not None}
        gone = stored - kept
        if gone:
            self._conn.execute(delete(t.parties).where(t.parties.c.id.in_(gone)))
        for party in parties:
            if party.id is None:
                self._insert_party(dispute_id, party, restricted)
                continue
            self._update(
                t.parties,
                party.id,
                party_values(dispute_id, party, restricted),
                party_plain(party),
                restricted,
                extra_where=t.parties.c.dispute_id == dispute_id,
            )
            party.dispute_id = dispute_id

    def _reseal_children(self, dispute_id: int, to_restricted: bool) -> None:
        """Seal (or reveal) the dispute's hearings, agreements, follow-ups, outcome and
        referrals when its restriction changes."""
        for table in _CHILD_TABLES:
            columns = SEALED_COLUMNS[table.name]
            extra = ("consents",) if table is t.referrals else ()
            query = select(table.c.id, *(table.c[name] for name in columns + extra)).where(
                table.c.dispute_id == dispute_id
            )
            for row in self._conn.execute(query).all():
                row_id = int(row.id)
                new = {
                    name: self._convert(table, row_id, name, value, to_restricted)
                    for name in columns
                    if (value := getattr(row, name)) is not None  # NULL: none recorded (0005)
                }
                if extra:
                    new["consents"] = reseal_consents(
                        self._sealer, row_id, row.consents, to_restricted
                    )
                self._conn.execute(update(table).where(table.c.id == row_id).values(new))

    def _index(self, dispute_id: int, dispute: Dispute, *, replace: bool = True) -> None:
        search = t.dispute_search
        if replace:
            self._conn.execute(delete(search).where(search.c.rowid == dispute_id))
        if dispute.restricted:
            return
        names = search_names(dispute)
        self._conn.execute(
            insert(search), {"rowid": dispute_id, "number": dispute.number, "names": names}
        )

    # -- reading -------------------------------------------------------------------------------

    def get(self, dispute_id: int) -> Dispute | None:
        row = self._conn.execute(select(t.disputes).where(t.disputes.c.id == dispute_id)).first()
        if row is None:
            return None
        restricted = bool(row.restricted)
        assigned = self._conn.scalars(
            select(t.dispute_assignees.c.user_id)
            .where(t.dispute_assignees.c.dispute_id == dispute_id)
            .order_by(t.dispute_assignees.c.position)
        )
        party_rows = self._conn.execute(
            select(t.parties).where(t.parties.c.dispute_id == dispute_id).order_by(t.parties.c.id)
        )
        return Dispute(
            number=row.number,
            received_on=row.received_on,
            channel=Channel(row.channel),
            category=row.category,
            area=row.area,
            description=self._open(
                t.disputes, dispute_id, "description", row.description, restricted
            ),
            risk_flags=frozenset(RiskFlag(flag) for flag in loads(row.risk_flags)),
            assigned=tuple(assigned),
            restricted=restricted,
            status=Status(row.status),
            parties=[self._party(party_row, restricted) for party_row in party_rows],
            id=row.id,
            created_by=row.created_by,
            referred_by_actor=row.referred_by_actor,
            referred_by_reference=row.referred_by_reference,
        )

    def _party(self, row: Row[Any], restricted: bool) -> Party:
        party_id = int(row.id)

        def field(name: str) -> str:
            return self._open(t.parties, party_id, name, getattr(row, name), restricted)

        return Party(
            role=PartyRole(row.role),
            name=field("name"),
            sex=Sex(row.sex),
            age=row.age,
            age_band=row.age_band,
            disability=bool(row.disability),
            displacement=Displacement(row.displacement),
            phone=field("phone"),
            village=field("village"),
            consent_reporting=bool(row.consent_reporting),
            related_member=row.related_member,
            id=party_id,
            dispute_id=row.dispute_id,
        )

    def next_sequence(self, prefix: str) -> int:
        """1 + the highest sequence ever stored after ``prefix`` (a case number is ``prefix`` +
        all digits): one primary-key read of ``case_counters``, which every write of a
        dispute keeps (taking the maximum over the year's numbers cost 17 ms a save at
        100,000 cases). ``prefix`` must not end in a digit, as the counters are keyed by a
        number without its trailing digits."""
        if not prefix or prefix[-1] in _DIGITS:
            raise ValueError("A case-number prefix is required, and it must not end in a digit.")
        counters = t.case_counters
        last = self._conn.scalar(select(counters.c.last).where(counters.c.prefix == prefix))
        return int(last or 0) + 1

    def ids_with_party_names(self, names: Sequence[str], since: date) -> list[int]:
        """Ids of disputes received on or after ``since`` with a party whose name equals one of
        ``names``, compared casefolded (after NFC and whitespace collapsing).

        Non-restricted disputes are matched in SQL on the indexed ``name_key``. Restricted
        disputes have sealed names that SQL cannot compare: they are matched only when this
        unit of work holds the restricted key (their names are opened and compared in Python);
        without the key they are never returned, so a duplicate check cannot reveal them.
        """
        keys = {name_key(name) for name in names} - {""}
        if not keys:
            return []
        joined = t.parties.join(t.disputes, t.disputes.c.id == t.parties.c.dispute_id)
        recent = t.disputes.c.received_on >= since
        found = set(
            self._conn.scalars(
                select(t.disputes.c.id)
                .select_from(joined)
                .where(recent, t.disputes.c.restricted.is_(False), t.parties.c.name_key.in_(keys))
            )
        )
        if self._sealer.has_key:
            sealed = self._conn.execute(
                select(t.parties.c.id, t.parties.c.dispute_id, t.parties.c.name)
                .select_from(joined)
                .where(recent, t.disputes.c.restricted.is_(True))
            )
            for party_id, dispute_id, stored in sealed:
                if name_key(self._sealer.open("parties", party_id, "name", stored)) in keys:
                    found.add(dispute_id)
        return sorted(found)

    def count(self) -> int:
        return int(self._conn.scalar(select(func.count()).select_from(t.disputes)) or 0)

    def search(self, query: str, limit: int = 200) -> list[int]:
        """Ids of non-restricted disputes whose number or party names contain words starting
        with every word of ``query`` (diacritics and case ignored), best match first.

        User text never reaches FTS5 syntax: each word becomes a quoted prefix term.
        """
        words = _TOKEN.findall(query)
        if not words:
            return []
        match = " ".join(f'"{word}"*' for word in words)
        rows = self._conn.execute(
            text(
                "SELECT rowid FROM dispute_search WHERE dispute_search MATCH :match "
                "ORDER BY rank LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        )
        return [int(row[0]) for row in rows]
