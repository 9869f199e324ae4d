"""Which codes each export combined: ``export_tables.combined``, the JSON of the table's
per-dimension member lists of its "combined" row or column (``[["land", "other"], []]``), so the
dashboard knows which codes a "combined" row may hold. ``""`` means unknown: the exports
imported before this migration, read as before (any code of the dimension may be combined).

Revision ID: hub0003
Revises: hub0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "hub0003"
down_revision = "hub0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "export_tables",
        sa.Column("combined", sa.Text, nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("export_tables") as batch:
        batch.drop_column("combined")
