"""Read-only queries of the hub for its totals (desktop/domain/services/hub_totals.py): the
current exports' cells of one table, with each committee's region."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection

from desktop.domain.services.hub_totals import StoredCell
from storage.hub import tables as t


@dataclass(frozen=True)
class TableCells:
    """One table's cells in the hub's current exports, and how those exports describe it."""

    name: str
    dimensions: tuple[str, ...]  # () when no current export holds the table
    threshold: int  # the highest of the exports' thresholds (0 when none)
    cells: tuple[StoredCell, ...]


def table_cells(conn: Connection, name: str, periods: Iterable[str] = ()) -> TableCells:
    """The cells of table ``name`` in every current export (of ``periods`` when given)."""
    wanted = sorted(set(periods))
    described = (
        sa.select(t.export_tables.c.dimensions, sa.func.max(t.export_tables.c.threshold))
        .join(t.exports, t.exports.c.id == t.export_tables.c.export_id)
        .where(t.export_tables.c.name == name, t.exports.c.current.is_(True))
        .group_by(t.export_tables.c.dimensions)
    )
    query = (
        sa.select(
            t.committees.c.pseudonym,
            t.committees.c.region,
            t.cells.c.period,
            t.cells.c.code1,
            t.cells.c.code2,
            t.cells.c.value,
        )
        .join(t.committees, t.committees.c.id == t.cells.c.committee_id)
        .join(t.exports, t.exports.c.id == t.cells.c.export_id)
        .where(t.cells.c.table_name == name, t.exports.c.current.is_(True))
        .order_by(t.committees.c.pseudonym, t.cells.c.period, t.cells.c.code1, t.cells.c.code2)
    )
    if wanted:
        described = described.where(t.exports.c.period.in_(wanted))
        query = query.where(t.cells.c.period.in_(wanted))
    shapes = conn.execute(described).all()
    dimensions = tuple(shapes[0][0].split(",")) if shapes else ()
    threshold = max((int(row[1]) for row in shapes), default=0)
    cells = tuple(
        StoredCell(
            r.pseudonym,
            r.region,
            r.period,
            r.code1,
            r.code2,
            None if r.value is None else int(r.value),
        )
        for r in conn.execute(query)
    )
    return TableCells(name, dimensions, threshold, cells)
