"""The export-signing key and the export log.

- ``signing_key``: the workspace's Ed25519 key pair (one row, raw 32-byte keys). The private key
  is kept only here, inside the encrypted database, so it travels with backups and is never in
  a file of its own. This migration makes the key for every workspace that has none, existing
  ones and (as ``create`` runs every migration) new ones alike.
- ``export_log``: every export saved (export id, period, sequence, who, when, the file's
  SHA-256); a period and sequence are used once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Self-contained on purpose, like 0001.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    keys = op.create_table(
        "signing_key",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("private_key", sa.LargeBinary, nullable=False),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_signing_key"),
        sa.CheckConstraint("id = 1", name="ck_signing_key_single_row"),
    )
    op.create_table(
        "export_log",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("export_id", sa.String(36), nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("username", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_export_log"),
        sa.UniqueConstraint("export_id", name="uq_export_log_export_id"),
        sa.UniqueConstraint("period", "sequence", name="uq_export_log_period_sequence"),
        sqlite_autoincrement=True,
    )
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    op.bulk_insert(
        keys,
        [
            {
                "id": 1,
                "private_key": private.private_bytes_raw(),
                "public_key": public,
                "created_at": datetime.now(UTC).isoformat(),
            }
        ],
    )


def downgrade() -> None:
    raise NotImplementedError("Suluhu does not downgrade: restore the backup made before.")
