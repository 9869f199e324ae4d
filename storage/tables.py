"""The schema as SQLAlchemy Core tables. Migrations (storage/migrations) create it; this module
describes it for queries and for the test that compares the two.

Conventions: dates are ``Date`` (ISO text in SQLite), timestamps are ISO-8601 text that keeps
the time zone (:class:`IsoDateTime`), enums are their string values, tuples and sets are JSON
text, ids never get reused (``AUTOINCREMENT``) so an id named in the audit log or in a sealed
value's additional data means one record forever. Columns listed in
:data:`storage.sealing.SEALED_COLUMNS` hold sealed text for restricted disputes.

The full-text index ``dispute_search`` is an FTS5 virtual table and so is not in ``metadata``:
:data:`DISPUTE_SEARCH_DDL` creates it and :data:`dispute_search` queries it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    Date,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    column,
    event,
    table,
    text,
)
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import TypeDecorator


class IsoDateTime(TypeDecorator[datetime]):
    """A datetime stored as ``isoformat()`` text, so time zone and microseconds survive (the
    audit hash covers ``at.isoformat()``)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

committee = Table(
    "committee",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("code", String(5), nullable=False),
    Column("area", Text, nullable=False),
    Column("language", String(16), nullable=False),
    Column("non_mediable", Text, nullable=False),  # JSON list of category codes
    Column("auto_lock_minutes", Integer, nullable=False),
    Column("approvals_required", Boolean, nullable=False),
    CheckConstraint("id = 1", name="single_row"),
    # Migration 0006: letters and exports.
    Column("contact", Text, nullable=False, server_default=""),
    Column("pseudonym", Text, nullable=False, server_default=""),
    Column("export_cadence", String(16), nullable=False, server_default="monthly"),
    Column("export_threshold", Integer, nullable=False, server_default="5"),
    Column("export_sensitive_threshold", Integer, nullable=False, server_default="10"),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", Text(collation="NOCASE"), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("restricted_access", Boolean, nullable=False),
    Column("must_change_passphrase", Boolean, nullable=False),
    sqlite_autoincrement=True,
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("contact_person", Text, nullable=False),
    Column("phone", Text, nullable=False),
    Column("area", Text, nullable=False),
    Column("services", Text, nullable=False),
    Column("hours", Text, nullable=False),
    Column("active", Boolean, nullable=False),
    sqlite_autoincrement=True,
)

disputes = Table(
    "disputes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(64), nullable=False, unique=True),
    Column("received_on", Date, nullable=False, index=True),
    Column("channel", String(32), nullable=False),
    Column("category", String(64), nullable=False, index=True),
    Column("area", Text, nullable=False),
    Column("description", Text, nullable=False),  # sealed when restricted
    Column("risk_flags", Text, nullable=False),  # JSON list
    Column("restricted", Boolean, nullable=False),
    Column("status", String(32), nullable=False, index=True),
    Column("created_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("referred_by_actor", Integer, ForeignKey("actors.id")),
    Column("referred_by_reference", Text, nullable=False),
    Column("created_at", IsoDateTime, nullable=False),
    Column("updated_at", IsoDateTime, nullable=False),
    sqlite_autoincrement=True,
)

dispute_assignees = Table(
    "dispute_assignees",
    metadata,
    Column(
        "dispute_id",
        Integer,
        ForeignKey("disputes.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "user_id",
        Integer,
        ForeignKey("users.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
    Column("position", Integer, nullable=False),
)

parties = Table(
    "parties",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "dispute_id",
        Integer,
        ForeignKey("disputes.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("role", String(32), nullable=False),
    Column("name", Text, nullable=False),  # sealed when restricted
    # casefolded name for duplicate checks; NULL for restricted disputes
    Column("name_key", Text, index=True),
    Column("sex", String(16), nullable=False),
    Column("age", Integer),
    Column("age_band", String(32)),
    Column("disability", Boolean, nullable=False),
    Column("displacement", String(16), nullable=False),
    Column("phone", Text, nullable=False),  # sealed when restricted
    Column("village", Text, nullable=False),  # sealed when restricted
    Column("consent_reporting", Boolean, nullable=False),
    # Migration 0006: the committee member (user id) this party is a relative of.
    Column("related_member", Integer),
    sqlite_autoincrement=True,
)


def _dispute_fk() -> Column[int]:
    return Column(
        "dispute_id",
        Integer,
        ForeignKey("disputes.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


hearings = Table(
    "hearings",
    metadata,
    Column("id", Integer, primary_key=True),
    _dispute_fk(),
    Column("held_on", Date, nullable=False),
    Column("mediators", Text, nullable=False),  # JSON list of user ids
    Column("parties_present", Text, nullable=False),  # JSON list of party ids
    Column("notes", Text, nullable=False),  # sealed when restricted
    Column("next_step", Text, nullable=False),  # sealed when restricted
    Column("next_date", Date, index=True),
    sqlite_autoincrement=True,
)

agreements = Table(
    "agreements",
    metadata,
    Column("id", Integer, primary_key=True),
    _dispute_fk(),
    Column("terms", Text, nullable=False),  # sealed when restricted
    Column("agreed_on", Date, nullable=False),
    Column("signatories", Text, nullable=False),  # JSON list of party ids
    Column("compliance_due", Date),
    sqlite_autoincrement=True,
)

follow_ups = Table(
    "follow_ups",
    metadata,
    Column("id", Integer, primary_key=True),
    _dispute_fk(),
    Column("due_on", Date, nullable=False, index=True),
    Column("done_on", Date),
    Column("result", String(16)),
    Column("note", Text, nullable=False),  # sealed when restricted
    sqlite_autoincrement=True,
)

outcomes = Table(
    "outcomes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "dispute_id",
        Integer,
        ForeignKey("disputes.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("kind", String(64), nullable=False),
    Column("closed_on", Date, nullable=False, index=True),
    Column("note", Text, nullable=False),  # sealed when restricted
    Column("views", Text, nullable=False),  # JSON list of party views
    sqlite_autoincrement=True,
)

referrals = Table(
    "referrals",
    metadata,
    Column("id", Integer, primary_key=True),
    _dispute_fk(),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
    Column("direction", String(8), nullable=False),
    Column("reason", Text, nullable=False),  # sealed when restricted
    Column("urgency", String(16), nullable=False),
    Column("status", String(16), nullable=False),  # index: ix_referrals_open_sent_on (0005)
    Column("shared_fields", Text, nullable=False),  # JSON list
    Column("consents", Text, nullable=False),  # JSON list; witness sealed when restricted
    Column("code", String(64), unique=True),  # NULL when the referral has no code yet
    Column("sent_on", Date),
    Column("due_on", Date, index=True),
    Column("feedback", Text, nullable=False),  # sealed when restricted
    Column("feedback_on", Date),
    sqlite_autoincrement=True,
)

audit = Table(
    "audit",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("at", IsoDateTime, nullable=False),
    Column("username", Text, nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    sqlite_autoincrement=True,
)

drafts = Table(
    "drafts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", Text, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("updated_at", IsoDateTime, nullable=False),
    UniqueConstraint("username", "kind"),
)

Index("ix_disputes_created_by", disputes.c.created_by)
# Restricted cases are found by number only (their names are not in dispute_search).
Index(
    "ix_disputes_restricted_number",
    disputes.c.number,
    sqlite_where=text("restricted = 1"),
)

# Migration 0002: approval requests (see desktop/domain/model/approvals.py), and the audit
# events of one case found by subject (a case's timeline).
approvals = Table(
    "approvals",
    metadata,
    Column("id", Integer, primary_key=True),
    _dispute_fk(),
    Column("kind", String(32), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("requested_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("requested_at", IsoDateTime, nullable=False),
    Column("payload", Text, nullable=False),  # JSON: codes, ids and dates only
    Column("note", Text, nullable=False),  # sealed when restricted
    Column("reason", Text, nullable=False),  # sealed when restricted
    Column("decided_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("decided_at", IsoDateTime),
    Column("comment", Text, nullable=False),  # sealed when restricted
    sqlite_autoincrement=True,
)
Index("ix_audit_subject", audit.c.subject)

# The audit log is append-only for the application; the hash chain catches anyone else.
AUDIT_TRIGGERS = (
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
)


@event.listens_for(audit, "after_create")
def _audit_triggers(target: Table, connection: Connection, **kw: Any) -> None:
    """So ``metadata.create_all`` (tests, tools) matches what the migration creates."""
    for statement in AUDIT_TRIGGERS:
        connection.exec_driver_sql(statement)


# Case number and party names of non-restricted disputes, rowid = dispute id. Maintained by the
# dispute repository. secure-delete makes FTS5 remove a deleted entry's tokens from the index at
# once (not at the next merge), so names of a case that becomes restricted do not linger.
DISPUTE_SEARCH_DDL = (
    "CREATE VIRTUAL TABLE dispute_search USING fts5("
    "number, names, tokenize = 'unicode61 remove_diacritics 2')",
    "INSERT INTO dispute_search(dispute_search, rank) VALUES ('secure-delete', 1)",
)
DISPUTE_SEARCH_TABLES = frozenset(
    {"dispute_search"}
    | {f"dispute_search_{part}" for part in ("data", "idx", "content", "docsize", "config")}
)

dispute_search: TableClause = table(
    "dispute_search", column("rowid", Integer), column("number"), column("names")
)

# Migration 0004: the highest sequence ever used per case-number prefix ("KBR-2026-" -> 42), so
# the next number is one primary-key read. Kept by every write of a dispute (the repository and
# the bulk loader call storage.repositories.disputes.raise_counters).
case_counters = Table(
    "case_counters",
    metadata,
    Column("prefix", Text, primary_key=True),
    Column("last", Integer, nullable=False),
)

# Migration 0005: the referral lifecycle (desktop/domain/model/referrals.py). The four text
# columns are sealed when restricted; they are NULL ("nothing recorded") only in rows from
# before 0005, which had no key to seal them. The board reads the open referrals, oldest sent
# first, from a partial index: a query must repeat REFERRALS_OPEN literally to use it. 0005
# drops the plain index on status, which SQLite preferred (then sorted): the board's query
# took twice as long, the counts 2.5 times (20,000 open referrals).
for _column in (
    Column("created_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_on", Date),
    Column("acknowledged_on", Date),
    Column("decided_on", Date),
    Column("completed_on", Date),
    Column("withdrawn_on", Date),
    Column("status_reason", Text),  # sealed when restricted
    Column("outcome", String(16)),
    Column("feedback_via", String(16)),
    Column("feedback_from", Text),  # sealed when restricted
    Column("consent_override", Text),  # sealed when restricted
    Column("their_reference", Text),  # sealed when restricted
):
    referrals.append_column(_column)
REFERRALS_OPEN = "status IN ('sent', 'acknowledged', 'accepted')"
Index("ix_referrals_created_by", referrals.c.created_by)
Index("ix_referrals_open_sent_on", referrals.c.sent_on, sqlite_where=text(REFERRALS_OPEN))

# Migration 0007: the workspace's Ed25519 export-signing key (one row; the private key never
# leaves the encrypted database) and the log of every export (docs/export-format.md).
signing_key = Table(
    "signing_key",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("private_key", LargeBinary, nullable=False),  # raw, 32 bytes
    Column("public_key", LargeBinary, nullable=False),  # raw, 32 bytes
    Column("created_at", IsoDateTime, nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)
export_log = Table(
    "export_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("export_id", String(36), nullable=False, unique=True),
    Column("period", String(8), nullable=False),  # "2026-03" or "2026-Q1"
    Column("sequence", Integer, nullable=False),
    Column("username", Text, nullable=False),
    Column("created_at", IsoDateTime, nullable=False),
    Column("file_sha256", String(64), nullable=False),
    UniqueConstraint("period", "sequence"),
    sqlite_autoincrement=True,
)
