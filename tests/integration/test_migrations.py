"""Alembic migrations on real encrypted files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, text

from storage import schema, tables
from storage.engine import open_engine

FTS_TABLES = tables.DISPUTE_SEARCH_TABLES


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def engine(tmp_path: Path, key: bytes) -> Iterator[Engine]:
    engine = open_engine(tmp_path / "cases.db", key, create=True)
    yield engine
    engine.dispose()


def table_names(conn: Connection) -> set[str]:
    query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    return set(conn.exec_driver_sql(query).scalars())


def structure(conn: Connection) -> dict[str, object]:
    """Columns, indexes, foreign keys and triggers of every table, as SQLite reports them."""
    shape: dict[str, object] = {}
    for name in sorted(table_names(conn) - FTS_TABLES - {"alembic_version"}):
        columns = conn.exec_driver_sql(f"PRAGMA table_info({name})").all()
        foreign = conn.exec_driver_sql(f"PRAGMA foreign_key_list({name})").all()
        indexes = {}
        for index in conn.exec_driver_sql(f"PRAGMA index_list({name})").all():
            info = conn.exec_driver_sql(f"PRAGMA index_info({index[1]})").all()
            key = index[1] if not index[1].startswith("sqlite_autoindex") else index[3]
            indexes[str(key) + str([row[2] for row in info])] = (index[2], index[3])
        shape[name] = (
            [tuple(row) for row in columns],
            sorted(tuple(row[2:]) for row in foreign),
            indexes,
        )
    triggers = "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    shape["triggers"] = conn.exec_driver_sql(triggers).all()
    return shape


def test_fresh_database_needs_upgrade(engine: Engine) -> None:
    assert schema.current_revision(engine) is None
    assert schema.needs_upgrade(engine)


def test_upgrade_creates_the_schema_of_tables_metadata(engine: Engine) -> None:
    schema.upgrade(engine)
    assert schema.current_revision(engine) == schema.head_revision() == "0007"
    assert not schema.needs_upgrade(engine)
    with engine.connect() as conn:
        names = table_names(conn)
        assert names == set(tables.metadata.tables) | FTS_TABLES | {"alembic_version"}
        context = MigrationContext.configure(
            conn, opts={"include_name": schema.include_name, "compare_type": True}
        )
        assert compare_metadata(context, tables.metadata) == []


def test_the_comparison_would_notice_a_difference(engine: Engine) -> None:
    schema.upgrade(engine)
    changed = sa.MetaData()
    for table in tables.metadata.tables.values():
        table.to_metadata(changed)
    sa.Table("parties", changed, sa.Column("nickname", sa.Text), extend_existing=True)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": schema.include_name})
        diffs = compare_metadata(context, changed)
    assert [diff[0] for diff in diffs] == ["add_column"]


def test_migration_matches_create_all_structurally(engine: Engine, tmp_path: Path) -> None:
    schema.upgrade(engine)
    reference = open_engine(tmp_path / "reference.db", os.urandom(32), create=True)
    try:
        tables.metadata.create_all(reference)
        with engine.connect() as migrated, reference.connect() as created:
            assert structure(migrated) == structure(created)
    finally:
        reference.dispose()


def test_search_index_is_fts5_with_secure_delete(engine: Engine) -> None:
    schema.upgrade(engine)
    with engine.connect() as conn:
        sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'dispute_search'"
        ).scalar_one()
        assert "fts5" in sql and "remove_diacritics 2" in sql
        setting = conn.exec_driver_sql(
            "SELECT v FROM dispute_search_config WHERE k = 'secure-delete'"
        ).scalar_one()
        assert setting == 1


def test_upgrade_twice_is_a_no_op(engine: Engine) -> None:
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            tables.committee.insert().values(
                id=1,
                name="Kibera",
                code="KBR",
                area="Nairobi",
                language="en",
                non_mediable="[]",
                auto_lock_minutes=5,
                approvals_required=False,
            )
        )
        before = conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master").all()
    schema.upgrade(engine)
    with engine.begin() as conn:  # even when forced
        command.upgrade(schema.alembic_config(conn), "head")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master").all() == before
        assert conn.execute(text("SELECT name FROM committee")).scalar_one() == "Kibera"
    assert schema.current_revision(engine) == "0007"


def test_a_failing_migration_leaves_nothing_behind(engine: Engine, tmp_path: Path) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0099_broken.py").write_text(
        "from alembic import op\n"
        "import sqlalchemy as sa\n"
        "revision = '0099'\n"
        f"down_revision = '{schema.head_revision()}'\n"
        "branch_labels = depends_on = None\n"
        "def upgrade():\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute('INSERT INTO no_such_table VALUES (1)')\n"
        "def downgrade():\n"
        "    pass\n"
    )
    with pytest.raises(sa.exc.OperationalError), engine.begin() as conn:
        config = schema.alembic_config(conn)
        config.set_main_option("script_location", str(scripts))
        command.upgrade(config, "head")
    with engine.connect() as conn:
        assert table_names(conn) == set()  # every earlier revision rolled back with it
    assert schema.current_revision(engine) is None


def test_a_database_from_a_newer_version_is_refused(engine: Engine) -> None:
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(schema.SchemaTooNew):
        schema.needs_upgrade(engine)
