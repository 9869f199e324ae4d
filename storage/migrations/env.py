"""Alembic environment: migrations run only on a connection handed over by storage.schema.

There is no URL and no alembic.ini: the database is encrypted, so only code holding the key
can open it. ``storage.schema.upgrade(engine)`` opens the transaction and passes the connection
in ``config.attributes["connection"]``; every migration then runs inside that one transaction
(SQLite has transactional DDL), so an upgrade applies completely or not at all.

Developers generate a new revision from code, e.g.::

    cfg = storage.schema.alembic_config(connection)
    alembic.command.revision(cfg, message="...", autogenerate=True, rev_id="0002")
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.tables import DISPUTE_SEARCH_TABLES, metadata


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave the FTS5 virtual table and its shadow tables out of autogenerate."""
    return not (type_ == "table" and name in DISPUTE_SEARCH_TABLES)


def run() -> None:
    if context.is_offline_mode():
        raise RuntimeError("Suluhu migrations run online, on an open encrypted connection.")
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("Run migrations through storage.schema.upgrade(engine).")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        transactional_ddl=True,
        render_as_batch=True,  # SQLite alters tables by copy-and-move
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
