"""The first schema: committee, users, disputes and their proceedings, actors, referrals,
audit log, drafts and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-12-01

Self-contained on purpose: it must create this schema forever, whatever storage/tables.py says
later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _text(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.Text, nullable=nullable)


def _flag(name: str) -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean, nullable=False)


def _dispute_fk(table: str) -> sa.Column[int]:
    return sa.Column(
        "dispute_id",
        sa.Integer,
        sa.ForeignKey("disputes.id", ondelete="CASCADE", name=f"fk_{table}_dispute_id_disputes"),
        nullable=False,
    )


def _index(table: str, *columns: str, unique: bool = False) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns), unique=unique)


def upgrade() -> None:
    op.create_table(
        "committee",
        sa.Column("id", sa.Integer, nullable=False),
        _text("name"),
        sa.Column("code", sa.String(5), nullable=False),
        _text("area"),
        sa.Column("language", sa.String(16), nullable=False),
        _text("non_mediable"),
        sa.Column("auto_lock_minutes", sa.Integer, nullable=False),
        _flag("approvals_required"),
        sa.PrimaryKeyConstraint("id", name="pk_committee"),
        sa.CheckConstraint("id = 1", name="ck_committee_single_row"),
    )
    op.create_table(
        "users",
        _id(),
        sa.Column("username", sa.Text(collation="NOCASE"), nullable=False),
        _text("display_name"),
        sa.Column("role", sa.String(32), nullable=False),
        _flag("active"),
        _flag("restricted_access"),
        _flag("must_change_passphrase"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "actors",
        _id(),
        sa.Column("kind", sa.String(64), nullable=False),
        _text("name"),
        _text("contact_person"),
        _text("phone"),
        _text("area"),
        _text("services"),
        _text("hours"),
        _flag("active"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "disputes",
        _id(),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        _text("area"),
        _text("description"),
        _text("risk_flags"),
        _flag("restricted"),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column(
            "created_by",
            sa.Integer,
            sa.ForeignKey("users.id", ondelete="SET NULL", name="fk_disputes_created_by_users"),
        ),
        sa.Column(
            "referred_by_actor",
            sa.Integer,
            sa.ForeignKey("actors.id", name="fk_disputes_referred_by_actor_actors"),
        ),
        _text("referred_by_reference"),
        _text("created_at"),
        _text("updated_at"),
        sa.UniqueConstraint("number", name="uq_disputes_number"),
        sqlite_autoincrement=True,
    )
    for column in ("received_on", "status", "category", "created_by"):
        _index("disputes", column)

    op.create_table(
        "dispute_assignees",
        sa.Column(
            "dispute_id",
            sa.Integer,
            sa.ForeignKey(
                "disputes.id", ondelete="CASCADE", name="fk_dispute_assignees_dispute_id_disputes"
            ),
            nullable=False,
        ),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey(
                "users.id", ondelete="CASCADE", name="fk_dispute_assignees_user_id_users"
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("dispute_id", "user_id", name="pk_dispute_assignees"),
    )
    _index("dispute_assignees", "user_id")

    op.create_table(
        "parties",
        _id(),
        _dispute_fk("parties"),
        sa.Column("role", sa.String(32), nullable=False),
        _text("name"),
        _text("name_key", nullable=True),
        sa.Column("sex", sa.String(16), nullable=False),
        sa.Column("age", sa.Integer),
        sa.Column("age_band", sa.String(32)),
        _flag("disability"),
        sa.Column("displacement", sa.String(16), nullable=False),
        _text("phone"),
        _text("village"),
        _flag("consent_reporting"),
        sqlite_autoincrement=True,
    )
    _index("parties", "dispute_id")
    _index("parties", "name_key")

    op.create_table(
        "hearings",
        _id(),
        _dispute_fk("hearings"),
        sa.Column("held_on", sa.Date, nullable=False),
        _text("mediators"),
        _text("parties_present"),
        _text("notes"),
        _text("next_step"),
        sa.Column("next_date", sa.Date),
        sqlite_autoincrement=True,
    )
    _index("hearings", "dispute_id")
    _index("hearings", "next_date")

    op.create_table(
        "agreements",
        _id(),
        _dispute_fk("agreements"),
        _text("terms"),
        sa.Column("agreed_on", sa.Date, nullable=False),
        _text("signatories"),
        sa.Column("compliance_due", sa.Date),
        sqlite_autoincrement=True,
    )
    _index("agreements", "dispute_id")

    op.create_table(
        "follow_ups",
        _id(),
        _dispute_fk("follow_ups"),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("done_on", sa.Date),
        sa.Column("result", sa.String(16)),
        _text("note"),
        sqlite_autoincrement=True,
    )
    _index("follow_ups", "dispute_id")
    _index("follow_ups", "due_on")

    op.create_table(
        "outcomes",
        _id(),
        _dispute_fk("outcomes"),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("closed_on", sa.Date, nullable=False),
        _text("note"),
        _text("views"),
        sa.UniqueConstraint("dispute_id", name="uq_outcomes_dispute_id"),
        sqlite_autoincrement=True,
    )
    _index("outcomes", "closed_on")

    op.create_table(
        "referrals",
        _id(),
        _dispute_fk("referrals"),
        sa.Column(
            "actor_id",
            sa.Integer,
            sa.ForeignKey("actors.id", name="fk_referrals_actor_id_actors"),
            nullable=False,
        ),
        sa.Column("direction", sa.String(8), nullable=False),
        _text("reason"),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _text("shared_fields"),
        _text("consents"),
        sa.Column("code", sa.String(64)),
        sa.Column("sent_on", sa.Date),
        sa.Column("due_on", sa.Date),
        _text("feedback"),
        sa.Column("feedback_on", sa.Date),
        sa.UniqueConstraint("code", name="uq_referrals_code"),
        sqlite_autoincrement=True,
    )
    for column in ("dispute_id", "actor_id", "status", "due_on"):
        _index("referrals", column)

    op.create_table(
        "audit",
        sa.Column("seq", sa.Integer, primary_key=True),
        _text("at"),
        _text("username"),
        sa.Column("action", sa.String(64), nullable=False),
        _text("subject"),
        _text("detail"),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sqlite_autoincrement=True,
    )
    for verb in ("update", "delete"):
        op.execute(
            f"CREATE TRIGGER audit_no_{verb} BEFORE {verb.upper()} ON audit "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )

    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, nullable=False),
        _text("username"),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        _text("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_drafts"),
        sa.UniqueConstraint("username", "kind", name="uq_drafts_username_kind"),
    )

    op.execute(
        "CREATE VIRTUAL TABLE dispute_search USING fts5("
        "number, names, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute("INSERT INTO dispute_search(dispute_search, rank) VALUES ('secure-delete', 1)")


def downgrade() -> None:
    raise NotImplementedError("Suluhu does not downgrade: restore the backup made before.")
