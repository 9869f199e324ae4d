"""Alembic environment of the hub database: its own scripts and its own version table
(``hub_alembic_version``), run only on a connection handed over by storage.hub.schema, in one
transaction. The same scripts run on SQLCipher and on PostgreSQL (storage/hub/backend.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.hub.tables import metadata

VERSION_TABLE = "hub_alembic_version"


def run() -> None:
    if context.is_offline_mode():
        raise RuntimeError("Hub migrations run online, on an open connection.")
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("Run hub migrations through storage.hub.schema.upgrade(engine).")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        transactional_ddl=True,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
