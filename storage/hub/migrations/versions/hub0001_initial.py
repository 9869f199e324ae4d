"""The hub's first schema: committees, exports, export_tables, cells (storage/hub/tables.py).

Revision ID: hub0001
Revises:
Create Date: 2026-12-02

Self-contained on purpose: it does not import storage.hub.tables, which will change.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "hub0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "committees",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("pseudonym", sa.String(16), nullable=False),
        sa.Column("fingerprint", sa.String(80), nullable=False),
        sa.Column("display_name", sa.String(200), server_default="", nullable=False),
        sa.Column("region", sa.String(200), server_default="", nullable=False),
        sa.Column("active", sa.Boolean, server_default=sa.true(), nullable=False),
        sa.Column("registered_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_committees"),
        sa.UniqueConstraint("pseudonym", name="uq_committees_pseudonym"),
    )
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("committee_id", sa.Integer, nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("export_id", sa.String(36), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(80), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
        sa.ForeignKeyConstraint(
            ["committee_id"], ["committees.id"], name="fk_exports_committee_id_committees"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_exports"),
        sa.UniqueConstraint("committee_id", "period", "sequence", name="uq_exports_sequence"),
        sa.UniqueConstraint("export_id", name="uq_exports_export_id"),
        sa.UniqueConstraint("file_sha256", name="uq_exports_file_sha256"),
    )
    op.create_table(
        "export_tables",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("export_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("population", sa.String(32), nullable=False),
        sa.Column("dimensions", sa.String(200), nullable=False),
        sa.Column("threshold", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["export_id"], ["exports.id"], name="fk_export_tables_export_id_exports"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_export_tables"),
        sa.UniqueConstraint("export_id", "name", name="uq_export_tables_name"),
    )
    op.create_index("ix_export_tables_export_id", "export_tables", ["export_id"])
    op.create_table(
        "cells",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("export_id", sa.Integer, nullable=False),
        sa.Column("committee_id", sa.Integer, nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("code1", sa.String(40), nullable=False),
        sa.Column("code2", sa.String(40), nullable=False),
        sa.Column("value", sa.Integer, nullable=True),
        sa.Column("suppressed", sa.Boolean, nullable=False),
        sa.CheckConstraint("(value IS NULL) = suppressed", name="ck_cells_value_or_suppressed"),
        sa.ForeignKeyConstraint(
            ["committee_id"], ["committees.id"], name="fk_cells_committee_id_committees"
        ),
        sa.ForeignKeyConstraint(["export_id"], ["exports.id"], name="fk_cells_export_id_exports"),
        sa.PrimaryKeyConstraint("id", name="pk_cells"),
    )
    op.create_index("ix_cells_export_id", "cells", ["export_id"])
    op.create_index("ix_cells_period_table", "cells", ["period", "table_name"])


def downgrade() -> None:
    raise NotImplementedError("Suluhu does not downgrade: restore the backup made before.")
