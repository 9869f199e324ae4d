"""The hub database's tables (its own metadata: never mixed with a committee workspace's).

- ``committees``: pseudonym, the trusted key's fingerprint, a display name and region typed in
  by the programme office, active.
- ``exports``: every export file imported, every sequence of a committee and period; only the
  highest is ``current``.
- ``export_tables``: per current export, each table's population, dimensions, threshold and
  the codes it combined (JSON per dimension; ``""``: unknown, imported before hub0003).
- ``cells``: the current exports' counts: one row per cell and total (a total has ``*`` for the
  dimension it sums over, as in the export's CSV); ``value`` is NULL when ``suppressed``.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

committees = sa.Table(
    "committees",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("pseudonym", sa.String(16), nullable=False, unique=True),
    sa.Column("fingerprint", sa.String(80), nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False, server_default=""),
    sa.Column("region", sa.String(200), nullable=False, server_default=""),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("registered_at", sa.String(32), nullable=False),
)

exports = sa.Table(
    "exports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("committee_id", sa.Integer, sa.ForeignKey("committees.id"), nullable=False),
    sa.Column("period", sa.String(8), nullable=False),
    sa.Column("export_id", sa.String(36), nullable=False, unique=True),
    sa.Column("sequence", sa.Integer, nullable=False),
    sa.Column("file_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("fingerprint", sa.String(80), nullable=False),
    sa.Column("imported_at", sa.String(32), nullable=False),
    sa.Column("current", sa.Boolean, nullable=False),
    sa.UniqueConstraint("committee_id", "period", "sequence", name="uq_exports_sequence"),
)
# at most one current export per committee and period (migration hub0004)
sa.Index(
    "uq_exports_current",
    exports.c.committee_id,
    exports.c.period,
    unique=True,
    sqlite_where=exports.c.current,
    postgresql_where=exports.c.current,
)

export_tables = sa.Table(
    "export_tables",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("export_id", sa.Integer, sa.ForeignKey("exports.id"), nullable=False, index=True),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("population", sa.String(32), nullable=False),
    sa.Column("dimensions", sa.String(200), nullable=False),  # comma-separated, 1 or 2
    sa.Column("threshold", sa.Integer, nullable=False),
    # JSON of the per-dimension codes combined; "" = unknown (imported before hub0003)
    sa.Column("combined", sa.Text, nullable=False, server_default=""),
    sa.UniqueConstraint("export_id", "name", name="uq_export_tables_name"),
)

cells = sa.Table(
    "cells",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("export_id", sa.Integer, sa.ForeignKey("exports.id"), nullable=False, index=True),
    sa.Column("committee_id", sa.Integer, sa.ForeignKey("committees.id"), nullable=False),
    sa.Column("period", sa.String(8), nullable=False),
    sa.Column("table_name", sa.String(64), nullable=False),
    sa.Column("code1", sa.String(40), nullable=False),
    sa.Column("code2", sa.String(40), nullable=False),  # "" for one-way tables
    sa.Column("value", sa.Integer, nullable=True),
    sa.Column("suppressed", sa.Boolean, nullable=False),
    sa.CheckConstraint("(value IS NULL) = suppressed", name="value_or_suppressed"),
    sa.Index("ix_cells_period_table", "period", "table_name"),
    sa.Index(  # the dashboard's sums (storage/hub/queries.py; migration hub0002)
        "ix_cells_dashboard",
        "table_name",
        "code1",
        "code2",
        "committee_id",
        "period",
        "value",
        "suppressed",
    ),  # fmt: skip
)

HUB_TABLES = (committees, exports, export_tables, cells)
