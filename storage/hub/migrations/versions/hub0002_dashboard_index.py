"""The dashboard's index: its sums (storage/hub/queries.py) read the cells of a few tables
grouped by code and committee or period; with every column they read in one index, in the order
they group by, the database sums 1,000 exports without touching the table or sorting.

Revision ID: hub0002
Revises: hub0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "hub0002"
down_revision = "hub0001"
branch_labels = None
depends_on = None

COLUMNS = ["table_name", "code1", "code2", "committee_id", "period", "value", "suppressed"]


def upgrade() -> None:
    op.create_index("ix_cells_dashboard", "cells", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_cells_dashboard", table_name="cells")
