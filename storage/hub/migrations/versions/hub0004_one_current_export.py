"""At most one current export per committee and period: a partial unique index on ``exports``
(``committee_id, period WHERE current``), so that two laptops importing the same committee's
corrected exports into one PostgreSQL hub at the same moment can never leave two current
exports (the second import fails and is imported again). A hub that a race already left with
two keeps the higher sequence current, as an import would have.

Revision ID: hub0004
Revises: hub0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "hub0004"
down_revision = "hub0003"
branch_labels = None
depends_on = None


def _keep_the_latest() -> None:
    """Before the index: where a race left two current exports of one committee and period,
    the highest sequence stays current and the other's cells go (as an import would do)."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, committee_id, period, sequence FROM exports WHERE current "
            "ORDER BY committee_id, period, sequence DESC"
        )
    ).all()
    seen: set[tuple[int, str]] = set()
    for export_id, committee_id, period, _sequence in rows:
        if (committee_id, period) not in seen:
            seen.add((committee_id, period))
            continue
        for statement in (
            "DELETE FROM cells WHERE export_id = :id",
            "DELETE FROM export_tables WHERE export_id = :id",
            "UPDATE exports SET current = false WHERE id = :id",
        ):
            conn.execute(sa.text(statement), {"id": export_id})


def upgrade() -> None:
    _keep_the_latest()
    current: sa.ColumnClause[bool] = sa.column("current", sa.Boolean)
    op.create_index(
        "uq_exports_current",
        "exports",
        ["committee_id", "period"],
        unique=True,
        sqlite_where=current,
        postgresql_where=current,
    )


def downgrade() -> None:
    op.drop_index("uq_exports_current", table_name="exports")
