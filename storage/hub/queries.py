"""Read-only queries of the hub for its totals (desktop/domain/services/hub_totals.py): the
current exports' cells of one table, with each committee's region; and the dashboard's sums
(:class:`DashboardQueries`, the port of desktop/domain/services/hub_source.py)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection

from desktop.domain.services.hub_source import GroupBy, SourceCommittee, SourceExport, SummedCell
from desktop.domain.services.hub_totals import StoredCell, Total
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


# -- the dashboard's source (desktop/domain/services/hub_source.py) ---------------------------


class DashboardQueries:
    """The hub's data for ``build_dashboard``, summed by the database (portable SQL: SQLite,
    SQLCipher and PostgreSQL). ``cells`` holds only the current exports' cells (an import
    removes those of the export it replaces)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._ids: dict[str, int] | None = None

    def _committee_ids(self) -> dict[str, int]:
        if self._ids is None:
            rows = self.conn.execute(sa.select(t.committees.c.pseudonym, t.committees.c.id))
            self._ids = {str(r.pseudonym): int(r.id) for r in rows}
        return self._ids

    def committees(self) -> list[SourceCommittee]:
        rows = self.conn.execute(sa.select(t.committees).order_by(t.committees.c.pseudonym))
        return [
            SourceCommittee(str(r.pseudonym), str(r.display_name), str(r.region), bool(r.active))
            for r in rows
        ]

    def exports(self) -> list[SourceExport]:
        query = (
            sa.select(t.committees.c.pseudonym, t.exports.c.period)
            .join(t.committees, t.committees.c.id == t.exports.c.committee_id)
            .where(t.exports.c.current.is_(True))
            .order_by(t.committees.c.pseudonym, t.exports.c.period)
        )
        return [SourceExport(str(r.pseudonym), str(r.period)) for r in self.conn.execute(query)]

    def thresholds(self, tables: Collection[str]) -> dict[str, int]:
        query = (
            sa.select(t.export_tables.c.name, sa.func.max(t.export_tables.c.threshold))
            .join(t.exports, t.exports.c.id == t.export_tables.c.export_id)
            .where(t.exports.c.current.is_(True), t.export_tables.c.name.in_(sorted(tables)))
            .group_by(t.export_tables.c.name)
        )
        return {str(name): int(top) for name, top in self.conn.execute(query)}

    def codes(self, tables: Collection[str]) -> list[tuple[str, str, str]]:
        c = t.cells.c
        query = (
            sa.select(c.table_name, c.code1, c.code2)
            .where(c.table_name.in_(sorted(tables)))
            .group_by(c.table_name, c.code1, c.code2)
        )
        return [(str(r[0]), str(r[1]), str(r[2])) for r in self.conn.execute(query)]

    def sums(
        self,
        tables: Collection[str],
        committees: Collection[str] | None,
        periods: Collection[str] | None,
        by: GroupBy,
    ) -> list[SummedCell]:
        c = t.cells.c
        group = c.committee_id if by == "committee" else c.period
        any_suppressed = sa.func.max(sa.case((c.suppressed, 1), else_=0))
        query = (
            sa.select(group, c.table_name, c.code1, c.code2, sa.func.sum(c.value), any_suppressed)
            .where(c.table_name.in_(sorted(tables)))
            .group_by(c.table_name, c.code1, c.code2, group)  # ix_cells_dashboard's order
        )
        ids = self._committee_ids()
        if committees is not None:
            query = query.where(c.committee_id.in_(sorted(ids[p] for p in committees if p in ids)))
        if periods is not None:
            query = query.where(c.period.in_(sorted(periods)))
        names = {v: k for k, v in ids.items()}
        return [
            SummedCell(
                names.get(r[0], "") if by == "committee" else str(r[0]),
                str(r[1]),
                str(r[2]),
                str(r[3]),
                Total(int(r[4] or 0), bool(r[5])),
            )
            for r in self.conn.execute(query)
        ]
