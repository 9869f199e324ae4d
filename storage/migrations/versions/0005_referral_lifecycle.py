"""The referral lifecycle: who made a referral and when, the date of each step (acknowledged,
accepted or declined, completed, withdrawn), why it was declined or withdrawn, what the actor did,
how and from whom the latest feedback came, why details went out without consent, and the
actor's own reference; plus a partial index of the open referrals for the referral board,
which replaces the plain index on status.

Old rows stay valid: the new dates are filled from what the row already says (``created_on``
from ``sent_on``; the step of its status from ``feedback_on``), the new text columns stay NULL,
which the repository reads as "nothing recorded". They cannot be filled with '' because the
text columns are sealed for restricted cases and a migration has no restricted-case key;
every write after the migration stores text (sealed when restricted).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Self-contained on purpose, like 0001.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _columns() -> list[sa.Column[object]]:
    return [
        sa.Column(
            "created_by",
            sa.Integer,
            sa.ForeignKey("users.id", ondelete="SET NULL", name="fk_referrals_created_by_users"),
        ),
        sa.Column("created_on", sa.Date),
        sa.Column("acknowledged_on", sa.Date),
        sa.Column("decided_on", sa.Date),
        sa.Column("completed_on", sa.Date),
        sa.Column("withdrawn_on", sa.Date),
        sa.Column("status_reason", sa.Text),
        sa.Column("outcome", sa.String(16)),
        sa.Column("feedback_via", sa.String(16)),
        sa.Column("feedback_from", sa.Text),
        sa.Column("consent_override", sa.Text),
        sa.Column("their_reference", sa.Text),
    ]


# The open statuses (desktop.domain.model.referrals.OPEN_STATUSES) as literals: SQLite uses a
# partial index only for a query whose WHERE clause repeats its condition term for term.
OPEN = "status IN ('sent', 'acknowledged', 'accepted')"


def upgrade() -> None:
    # A foreign key added by ALTER TABLE ADD COLUMN is not read back with its ON DELETE (SQLite
    # keeps it inline in the column), so the table is rebuilt with a table-level constraint.
    # Dropping the old table drops its AUTOINCREMENT high-water mark: it is put back, so a
    # referral id is never used twice.
    conn = op.get_bind()
    high = conn.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = 'referrals'").scalar()
    with op.batch_alter_table(
        "referrals", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ) as batch:
        for column in _columns():
            batch.add_column(column)
    if high is not None:
        op.execute(
            sa.text(
                "UPDATE sqlite_sequence SET seq = max(seq, :high) WHERE name = 'referrals'"
            ).bindparams(high=high)
        )
        op.execute(
            sa.text(
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'referrals', :high "
                "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'referrals')"
            ).bindparams(high=high)
        )
    op.execute("UPDATE referrals SET created_on = sent_on")
    op.execute("UPDATE referrals SET acknowledged_on = feedback_on WHERE status = 'acknowledged'")
    op.execute(
        "UPDATE referrals SET decided_on = feedback_on WHERE status IN ('accepted', 'declined')"
    )
    op.execute("UPDATE referrals SET completed_on = feedback_on WHERE status = 'completed'")
    op.create_index("ix_referrals_created_by", "referrals", ["created_by"])
    # Every lookup by status is for the open referrals, which the partial index below holds in
    # the board's order; with the plain index there, SQLite took it and sorted (twice as slow).
    op.drop_index("ix_referrals_status", table_name="referrals")
    op.create_index(
        "ix_referrals_open_sent_on", "referrals", ["sent_on"], sqlite_where=sa.text(OPEN)
    )


def downgrade() -> None:
    raise NotImplementedError("Suluhu does not downgrade: restore the backup made before.")
