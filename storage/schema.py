"""Schema upgrades: Alembic, driven from code on an engine that already holds the key.

The lead's start-up sequence: ``if needs_upgrade(engine)``: make a verified backup
(storage/backup.py), then ``upgrade(engine)``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from storage.tables import DISPUTE_SEARCH_TABLES

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class SchemaTooNew(Exception):
    """The database was written by a newer Suluhu than this one."""

    def __init__(self) -> None:
        super().__init__(
            "This database was written by a newer version of Suluhu; update the application."
        )


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """For autogenerate: leave out the FTS5 virtual table and its shadow tables, which
    ``storage.tables.metadata`` does not describe."""
    return not (type_ == "table" and name in DISPUTE_SEARCH_TABLES)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration built in code (no alembic.ini on disk)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("No migrations are shipped.")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database never migrated (new/empty)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """True when the database is behind the shipped migrations (a new, empty database too).

    Raises :class:`SchemaTooNew` when it is at a revision this version does not know.
    """
    current = current_revision(engine)
    if current is None:
        return True
    scripts = ScriptDirectory.from_config(alembic_config())
    if current not in {script.revision for script in scripts.walk_revisions()}:
        raise SchemaTooNew()
    return current != head_revision()


def upgrade(engine: Engine) -> None:
    """Apply every pending migration in one transaction: all of them, or none.

    Migrations run with foreign keys enforced (SQLite cannot switch them off inside a
    transaction); a future migration that rebuilds a referenced table must keep rows valid.
    """
    if not needs_upgrade(engine):
        return
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
