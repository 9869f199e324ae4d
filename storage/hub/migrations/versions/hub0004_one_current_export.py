"""At most one current export per committee and period: a partial unique index on ``exports``
(``committee_id, period WHERE current``), so that two laptops importing the same committee's
corrected exports into one PostgreSQL hub at the same moment can never leave two current
exports (the second import fails and is imported again).

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


def upgrade() -> None:
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
