"""Approval requests (closing a case, overriding do-no-harm, when the committee requires the
chair's approval), and an index on the audit log's subject for a case's timeline.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Self-contained on purpose, like 0001.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _user_fk(column: str) -> sa.Column[int]:
    return sa.Column(
        column,
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="SET NULL", name=f"fk_approvals_{column}_users"),
    )


def upgrade() -> None:
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "dispute_id",
            sa.Integer,
            sa.ForeignKey(
                "disputes.id", ondelete="CASCADE", name="fk_approvals_dispute_id_disputes"
            ),
            nullable=False,
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _user_fk("requested_by"),
        sa.Column("requested_at", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        _user_fk("decided_by"),
        sa.Column("decided_at", sa.Text),
        sa.Column("comment", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_approvals_dispute_id", "approvals", ["dispute_id"])
    op.create_index("ix_approvals_status", "approvals", ["status"])
    op.create_index("ix_audit_subject", "audit", ["subject"])


def downgrade() -> None:
    raise NotImplementedError("Suluhu does not downgrade: restore the backup made before.")
