"""Read-only queries of the hub: the dashboard's sums (:class:`DashboardQueries`, the port of
desktop/domain/services/hub_source.py)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import sqlalchemy as sa
from sqlalchemy import Connection

from desktop.domain.services.hub_source import (
    CombinedCodes,
    GroupBy,
    SourceCommittee,
    SourceExport,
    SummedCell,
)
from desktop.domain.services.hub_totals import Total
from storage.hub import tables as t
from storage.hub.combined import parse_combined


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
        floors: Mapping[str, int],
    ) -> list[SummedCell]:
        c = t.cells.c
        group = c.committee_id if by == "committee" else c.period
        floor = sa.case(dict(floors), value=c.table_name, else_=0) if floors else sa.literal(0)
        small = sa.and_(c.value > 0, c.value < floor)  # below the hub's threshold: suppressed
        any_suppressed = sa.func.max(sa.case((c.suppressed, 1), (small, 1), else_=0))
        kept = sa.func.sum(sa.case((small, None), else_=c.value))
        query = (
            sa.select(group, c.table_name, c.code1, c.code2, kept, any_suppressed)
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

    def combined(
        self,
        tables: Collection[str],
        committees: Collection[str] | None,
        periods: Collection[str] | None,
    ) -> list[CombinedCodes]:
        e, x = t.export_tables.c, t.exports.c
        query = (
            sa.select(t.committees.c.pseudonym, e.name, e.combined, x.period)
            .join(t.exports, x.id == e.export_id)
            .join(t.committees, t.committees.c.id == x.committee_id)
            .where(x.current.is_(True), e.name.in_(sorted(tables)))
            .distinct()
        )
        if committees is not None:
            query = query.where(t.committees.c.pseudonym.in_(sorted(committees)))
        if periods is not None:
            query = query.where(x.period.in_(sorted(periods)))
        return [
            CombinedCodes(str(r[0]), str(r[1]), parse_combined(str(r[2])), str(r[3]))
            for r in self.conn.execute(query)
        ]
