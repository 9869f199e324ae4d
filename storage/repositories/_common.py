"""Helpers shared by the repositories: JSON columns, sealed columns, timestamps."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, Table, insert, select, update

from desktop.domain.errors import NotFound
from storage import tables as t
from storage.rows import dumps as dumps  # re-exported: the encoders live in storage.rows
from storage.rows import name_key as name_key
from storage.sealing import Sealer


def loads(text: str) -> Any:
    return json.loads(text)


def int_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(item) for item in loads(text))


def utcnow() -> datetime:
    return datetime.now(UTC)


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


class Repo:
    """A repository on the unit of work's connection."""

    def __init__(self, conn: Connection, sealer: Sealer) -> None:
        self._conn = conn
        self._sealer = sealer

    def _dispute_restricted(self, dispute_id: int) -> bool:
        restricted = self._conn.scalar(
            select(t.disputes.c.restricted).where(t.disputes.c.id == dispute_id)
        )
        if restricted is None:
            raise NotFound(f"Dispute {dispute_id} does not exist.")
        return bool(restricted)

    def _sealed(self, table: Table, row_id: int, plain: Mapping[str, str]) -> dict[str, str]:
        return {name: self._sealer.seal(table.name, row_id, name, v) for name, v in plain.items()}

    def _insert(
        self,
        table: Table,
        values: Mapping[str, Any],
        plain: Mapping[str, str],
        restricted: bool,
    ) -> int:
        """Insert a row whose ``plain`` columns are sealed when ``restricted``.

        Sealing binds the row id, so a restricted row is inserted with empty sealed columns and
        updated with the sealed values in the same transaction: no plaintext is ever written.
        """
        if restricted:
            self._sealer.require_key()
            blanks = dict.fromkeys(plain, "")
            result = self._conn.execute(insert(table), {**values, **blanks})
            row_id = _new_id(result)
            self._conn.execute(
                update(table)
                .where(table.primary_key.c[0] == row_id)
                .values(self._sealed(table, row_id, plain))
            )
            return row_id
        # Values as parameters of one cached statement (not .values(): a new statement whose
        # cache key covers every value, which cost more than the insert itself).
        result = self._conn.execute(insert(table), {**values, **plain})
        return _new_id(result)

    def _update(
        self,
        table: Table,
        row_id: int,
        values: Mapping[str, Any],
        plain: Mapping[str, str],
        restricted: bool,
        *,
        extra_where: Any = None,
    ) -> None:
        """Update a row, sealing ``plain`` when ``restricted``; NotFound when no row matched."""
        stored = self._sealed(table, row_id, plain) if restricted else dict(plain)
        statement = update(table).where(table.primary_key.c[0] == row_id)
        if extra_where is not None:
            statement = statement.where(extra_where)
        result = self._conn.execute(statement.values({**values, **stored}))
        if result.rowcount != 1:
            raise NotFound(f"{table.name} row {row_id} does not exist.")

    def _open(self, table: Table, row_id: int, column: str, stored: str, restricted: bool) -> str:
        if not restricted:
            return stored
        return self._sealer.open(table.name, row_id, column, stored)

    def _convert(
        self, table: Table, row_id: int, column: str, stored: str, to_restricted: bool
    ) -> str:
        """Seal a plain value, or reveal a sealed one, when a dispute's restriction changes."""
        if to_restricted:
            return self._sealer.seal(table.name, row_id, column, stored)
        return self._sealer.reveal(table.name, row_id, column, stored)
