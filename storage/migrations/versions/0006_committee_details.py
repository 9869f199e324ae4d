"""Committee details for letters and exports, and a party's relation to a committee member.

- ``committee.contact``: a phone number or address printed on referral and feedback letters.
- ``committee.pseudonym``: the committee's name in anonymised exports (random, made here for
  existing workspaces and at setup for new ones), so an export does not carry the committee's
  name.
- ``committee.export_cadence`` ("monthly" or "quarterly", never both: docs/exports.md) and the
  disclosure thresholds (5 and 10 by default; a committee may raise them, never lower them).
- ``parties.related_member``: the user id of a committee member this party is a relative of
  (a conflict of interest when that member is assigned). No foreign key: adding one to the
  largest table would mean rebuilding it; the domain checks the id, and an id whose user was
  removed is simply no conflict.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Self-contained on purpose, like 0001.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("committee") as batch:
        batch.add_column(sa.Column("contact", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("pseudonym", sa.Text, nullable=False, server_default=""))
        batch.add_column(
            sa.Column("export_cadence", sa.String(16), nullable=False, server_default="monthly")
        )
        batch.add_column(
            sa.Column("export_threshold", sa.Integer, nullable=False, server_default="5")
        )
        batch.add_column(
            sa.Column("export_sensitive_threshold", sa.Integer, nullable=False, server_default="10")
        )
    op.execute("UPDATE committee SET pseudonym = 'C-' || upper(hex(randomblob(5)))")
    op.add_column("parties", sa.Column("related_member", sa.Integer))


def downgrade() -> None:
    raise NotImplementedError("Suluhu does not downgrade: restore the backup made before.")
