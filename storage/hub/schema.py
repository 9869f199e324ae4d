"""Hub schema upgrades: Alembic from code, with the hub's own scripts and version table."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from storage.schema import SchemaTooNew

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "hub_alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("No hub migrations are shipped.")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()


def known_revision(revision: str) -> bool:
    """Whether this version of Suluhu ships the hub migration ``revision``."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return revision in {script.revision for script in scripts.walk_revisions()}


def needs_upgrade(engine: Engine) -> bool:
    current = current_revision(engine)
    if current is None:
        return True
    if not known_revision(current):
        raise SchemaTooNew()
    return current != head_revision()


def upgrade(engine: Engine) -> None:
    """Every pending hub migration, in one transaction."""
    if not needs_upgrade(engine):
        return
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
