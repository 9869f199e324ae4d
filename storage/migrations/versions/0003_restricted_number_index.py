"""A partial index on the case numbers of restricted cases.

Restricted cases are not in the full-text index (their names are sealed), so the case list
finds them by number with LIKE; without this index every search with a digit scanned the whole
disputes table (measured: the median search keystroke on 100,000 cases went over target).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_disputes_restricted_number",
        "disputes",
        ["number"],
        sqlite_where=sa.text("restricted = 1"),
    )


def downgrade() -> None:
    op.drop_index("ix_disputes_restricted_number", table_name="disputes")
