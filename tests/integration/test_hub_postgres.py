"""A hub on PostgreSQL (docs/hub.md, "PostgreSQL"): `suluhu hub init --url`, reopening, the
password from the keyring or typed (never in a file or a log line), one-line messages for what
goes wrong, and the same schema as the SQLite hub. The server: tests/hub_backends.py."""

from __future__ import annotations

import io
import json
import logging
import socket
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from keyring.backends.fail import Keyring as FailKeyring

from desktop.domain.model.export_tables import Period
from desktop.domain.services.hub_import import Imported, ImportOptions
from storage.hub import backend, schema
from storage.hub import tables as t
from storage.hub.store import HubError, HubFolder, HubStore
from tests.hub_backends import HubMaker, ServerDatabases, postgres_admin_url
from tests.hub_support import HUB_PASSPHRASE, demo_exports
from tests.support import CHEAP_KDF, MemoryKeyring, with_keyring

OCTOBER = Period.month(2026, 10)
TOFU = ImportOptions(accept_new_keys=True)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return demo_exports(tmp_path_factory.mktemp("committee"), [OCTOBER], cases=60)[OCTOBER.label]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerDatabases]:
    databases = ServerDatabases(postgres_admin_url())
    try:
        yield databases
    finally:
        databases.drop_all()


def bare(url: sa.URL) -> str:
    return url._replace(password=None).set(drivername="postgresql").render_as_string(False)


def no_password_anywhere(folder: Path, password: str) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            assert password.encode() not in path.read_bytes(), path


def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    from desktop import cli as command_line

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # never a prompt
    capsys.readouterr()
    code = command_line.run(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- creating and opening --------------------------------------------------------------------


def test_init_with_a_url_makes_the_tables_on_the_server_and_keeps_no_password(
    server: ServerDatabases,
    tmp_path: Path,
    export: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with_keyring(monkeypatch, FailKeyring())  # type: ignore[no-untyped-call]
    url = server.create()
    password = str(url.password)
    folder = tmp_path / "hub"
    monkeypatch.setenv("SULUHU_PASSPHRASE", password)
    code, out, err = cli(
        monkeypatch, capsys, "hub", "init", "--hub", str(folder), "--url", bare(url)
    )
    assert code == 0, err
    assert "on the PostgreSQL database postgresql://suluhu" in out or bare(url) in out
    assert "asked for each time" in out
    assert sorted(p.name for p in folder.iterdir()) == ["hub.json"]
    info = json.loads((folder / "hub.json").read_text())
    assert info == {"format": 1, "kind": "hub", "backend": "postgresql", "url": bare(url)}
    engine = sa.create_engine(url)
    try:
        assert schema.current_revision(engine) == schema.head_revision()
        assert set(sa.inspect(engine).get_table_names()) >= {t.name for t in t.HUB_TABLES}
    finally:
        engine.dispose()

    # reopened by `hub import`, the password typed (here: SULUHU_PASSPHRASE)
    (tmp_path / "a.suluhu-export").write_bytes(export)
    args = (
        "hub",
        "import",
        "--hub",
        str(folder),
        "--accept-new-keys",
        str(tmp_path / "a.suluhu-export"),
    )
    code, out, err = cli(monkeypatch, capsys, *args)
    assert code == 0 and ": imported C-" in out, (out, err)
    with HubFolder(folder).open(password) as store:
        assert [e.period for e in store.exports()] == [OCTOBER]
    no_password_anywhere(folder, password)


def test_a_password_in_the_url_goes_to_the_keyring_and_opens_the_hub_without_asking(
    server: ServerDatabases,
    tmp_path: Path,
    export: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ring = MemoryKeyring()
    with_keyring(monkeypatch, ring)
    url = server.create()
    password = str(url.password)
    folder = tmp_path / "hub"
    monkeypatch.delenv("SULUHU_PASSPHRASE", raising=False)
    full = url.set(drivername="postgresql").render_as_string(hide_password=False)
    code, out, err = cli(monkeypatch, capsys, "hub", "init", "--hub", str(folder), "--url", full)
    assert code == 0, err
    assert "kept in the system keyring" in out and password not in out
    assert ring.entries == {("suluhu-hub", bare(url)): password}
    assert json.loads((folder / "hub.json").read_text())["url"] == bare(url)
    no_password_anywhere(folder, password)

    hub = HubFolder(folder)
    assert hub.backend_kind() == "postgresql" and not hub.needs_passphrase()
    (tmp_path / "a.suluhu-export").write_bytes(export)
    args = (
        "hub",
        "import",
        "--hub",
        str(folder),
        "--accept-new-keys",
        str(tmp_path / "a.suluhu-export"),
    )
    code, out, err = cli(monkeypatch, capsys, *args)  # no SULUHU_PASSPHRASE, no terminal
    assert code == 0 and ": imported C-" in out, (out, err)
    with hub.open(None) as store:
        assert len(store.committees()) == 1


def test_a_password_in_the_url_without_a_keyring_is_refused_and_nothing_is_made(
    server: ServerDatabases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_keyring(monkeypatch, FailKeyring())  # type: ignore[no-untyped-call]
    url = server.create()
    full = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with pytest.raises(HubError, match="leave the password out of the URL") as raised:
        HubFolder(tmp_path / "hub").create_on_server(full)
    assert str(url.password) not in str(raised.value)
    assert not (tmp_path / "hub").exists()
    engine = sa.create_engine(url)
    try:
        assert sa.inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


# -- what goes wrong, in one line ------------------------------------------------------------


def test_a_wrong_password_is_said_so_and_logged_nowhere(
    server: ServerDatabases, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = server.create()
    folder = HubFolder(tmp_path / "hub")
    folder.create_on_server(bare(url), str(url.password))
    with pytest.raises(HubError) as raised:
        folder.open("not-the-password-7f3a")
    message = str(raised.value)
    assert message.startswith("The hub server's password for ") and "is wrong" in message
    assert "\n" not in message and "not-the-password-7f3a" not in message
    assert str(url.password) not in caplog.text and "not-the-password-7f3a" not in caplog.text
    with folder.open(str(url.password)) as store:  # the right one still opens it
        assert store.committees() == []


def test_an_unreachable_server_and_a_missing_database_are_said_so(
    server: ServerDatabases, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    nowhere = server.admin.set(port=port, database="hub_nowhere")
    with pytest.raises(HubError, match="could not be reached") as raised:
        HubFolder(tmp_path / "a").create_on_server(bare(nowhere), str(nowhere.password))
    assert f"127.0.0.1:{port}/hub_nowhere" in str(raised.value)
    missing = server.admin.set(database="hub_never_created")
    with pytest.raises(HubError, match="hub_never_created does not exist"):
        HubFolder(tmp_path / "b").create_on_server(bare(missing), str(missing.password))
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_a_schema_newer_than_this_app_is_refused(server: ServerDatabases, tmp_path: Path) -> None:
    url = server.create()
    folder = HubFolder(tmp_path / "hub")
    folder.create_on_server(bare(url), str(url.password))
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE hub_alembic_version SET version_num = 'hub9999'"))
    finally:
        engine.dispose()
    with pytest.raises(HubError, match="newer version of Suluhu"):
        folder.open(str(url.password))


def test_a_url_that_is_not_postgresql_is_refused(tmp_path: Path) -> None:
    for url, words in (
        ("mysql://u@h/db", "starts with postgresql://"),
        ("postgresql://h/db", "needs a user, a host and a database"),
        ("not a url", "not a database URL"),
        ("postgresql://hub@h/db?password=hunter2", "leave the password out"),
        ("postgresql://hub@hub.example.org/db", "sslmode=require"),
        ("postgresql://hub@hub.example.org/db?sslmode=prefer", "sslmode=require"),
        ("postgresql://hub@h/db?sslmode=require&passfile=/tmp/p", "leave the password out"),
    ):
        with pytest.raises(HubError, match=words):
            HubFolder(tmp_path / "hub").create_on_server(url, "x")
    assert not (tmp_path / "hub").exists()


# -- the same hub on both backends ------------------------------------------------------------


def test_the_schema_matches_the_tables_exactly(hub: HubStore) -> None:
    """Alembic's own comparison of the migrated database with storage/hub/tables.py finds
    nothing: the types (Boolean), the check constraint and the unique constraints are there."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with hub.engine.connect() as conn:
        opts = {"compare_type": True, "version_table": schema.VERSION_TABLE}
        context = MigrationContext.configure(conn, opts=opts)
        assert compare_metadata(context, t.metadata) == []
        inspector = sa.inspect(conn)
        uniques = {u["name"] for u in inspector.get_unique_constraints("exports")}
        assert uniques >= {"uq_exports_sequence", "uq_exports_export_id"}
        columns = {c["name"]: c["type"] for c in inspector.get_columns("cells")}
        assert columns["suppressed"].python_type is bool


def test_the_check_constraint_holds(hub: HubStore) -> None:
    row = {"pseudonym": "C-0000000001", "fingerprint": "f", "registered_at": "2026-10-01"}
    with hub.engine.begin() as conn:
        committee = conn.execute(sa.insert(t.committees).values(row).returning(t.committees.c.id))
        committee_id = committee.scalar_one()
        export = conn.execute(
            sa.insert(t.exports).values(
                committee_id=committee_id, period="2026-10", export_id="e", sequence=1,
                file_sha256="0" * 64, fingerprint="f", imported_at="x", current=True,
            ).returning(t.exports.c.id)
        ).scalar_one()  # fmt: skip
    cell = {"export_id": export, "committee_id": committee_id, "period": "2026-10"}
    cell |= {"table_name": "x", "code1": "a", "code2": ""}
    for value, suppressed in ((None, False), (3, True)):
        with pytest.raises(sa.exc.IntegrityError), hub.engine.begin() as conn:
            conn.execute(
                sa.insert(t.cells).values(cell | {"value": value, "suppressed": suppressed})
            )
    with hub.engine.begin() as conn:
        conn.execute(sa.insert(t.cells).values(cell | {"value": None, "suppressed": True}))


def test_a_committee_and_period_have_at_most_one_current_export(hub: HubStore) -> None:
    row = {"pseudonym": "C-0000000002", "fingerprint": "f", "registered_at": "2026-10-01"}
    with hub.engine.begin() as conn:
        committee = conn.execute(sa.insert(t.committees).values(row).returning(t.committees.c.id))
        committee_id = committee.scalar_one()

    def export(number: int, current: bool) -> dict[str, object]:
        return {
            "committee_id": committee_id, "period": "2026-10", "export_id": f"e{number}",
            "sequence": number, "file_sha256": f"{number:064d}", "fingerprint": "f",
            "imported_at": "x", "current": current,
        }  # fmt: skip

    with hub.engine.begin() as conn:
        conn.execute(sa.insert(t.exports).values(export(1, False)))
        conn.execute(sa.insert(t.exports).values(export(2, True)))
    with pytest.raises(sa.exc.IntegrityError), hub.engine.begin() as conn:
        conn.execute(sa.insert(t.exports).values(export(3, True)))  # a second current one


def test_the_migration_to_one_current_export_keeps_the_latest_of_a_race(
    hub: HubStore, export: bytes
) -> None:
    from alembic import command

    assert isinstance(hub.import_bytes(export, ImportOptions(accept_new_keys=True)), Imported)
    with hub.engine.begin() as conn:  # back to before the index, and a race's second current
        command.downgrade(schema.alembic_config(conn), "hub0003")
        first = conn.execute(sa.select(t.exports)).one()._mapping
        conn.execute(
            sa.insert(t.exports).values(
                {**{k: v for k, v in first.items() if k != "id"}, "export_id": "e2",
                 "sequence": 2, "file_sha256": "2" * 64}
            )
        )  # fmt: skip
        command.upgrade(schema.alembic_config(conn), "head")
    assert [(e.sequence, e.current) for e in hub.exports()] == [(1, False), (2, True)]
    with hub.engine.connect() as conn:  # the cells of the one no longer current are gone
        held = conn.execute(sa.select(sa.func.count()).select_from(t.cells)).scalar_one()
    assert held == 0


def test_the_same_imports_give_the_same_digest_on_both_backends(
    server: ServerDatabases, tmp_path: Path, export: bytes
) -> None:
    def fixed() -> datetime:
        return datetime(2026, 11, 3, 9, 30, tzinfo=UTC)

    lite = HubFolder(tmp_path / "lite", kdf=CHEAP_KDF)
    lite.create(HUB_PASSPHRASE)
    url = server.create()
    pg = HubFolder(tmp_path / "pg")
    pg.create_on_server(bare(url), str(url.password))
    digests = []
    for folder, secret in ((lite, HUB_PASSPHRASE), (pg, str(url.password))):
        with folder.open(secret, now=fixed) as store:
            assert isinstance(store.import_bytes(export, TOFU), Imported)
            assert store.cell_count() > 0
            digests.append(store.digest())
    assert digests[0] == digests[1]


def test_a_second_hub_of_the_same_backend_is_separate(make_hub: HubMaker, export: bytes) -> None:
    first, second = make_hub(), make_hub()
    first.import_bytes(export, TOFU)
    assert first.cell_count() > 0 and second.cell_count() == 0
    assert backend.backend_of({"backend": make_hub.backend}) == make_hub.backend


def test_a_server_password_is_kept_only_for_a_server_hub_with_a_keyring(
    make_hub: HubMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = make_hub.folder()
    server = hub.backend_kind() == "postgresql"
    with_keyring(monkeypatch, FailKeyring())  # type: ignore[no-untyped-call]
    assert not hub.can_remember_password()
    assert hub.remember_password(make_hub.secret) is False and hub.needs_passphrase()
    ring = MemoryKeyring()
    with_keyring(monkeypatch, ring)
    assert hub.can_remember_password() is server
    assert hub.remember_password(make_hub.secret) is server
    if not server:  # a SQLite hub's passphrase is never written anywhere
        assert ring.entries == {} and hub.needs_passphrase()
        return
    assert list(ring.entries.values()) == [make_hub.secret] and not hub.needs_passphrase()
    with hub.open(None) as store:
        assert store.committees() == []


def test_the_window_asks_when_the_keyrings_password_no_longer_opens_the_hub(
    make_hub: HubMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.hub_command import first_hub
    from desktop.workspace import HubWorkspace

    hub = make_hub.folder()
    with_keyring(monkeypatch, MemoryKeyring())
    asked: list[str] = []

    def ask(problem: str) -> HubWorkspace | None:
        asked.append(problem)
        return None  # the officer cancels

    if hub.backend_kind() != "postgresql":  # a SQLite hub's passphrase is always asked for
        assert not hub.remember_password(make_hub.secret)
        assert first_hub(hub, None, ask) is None and asked == [""]
        return
    assert hub.remember_password("changed-on-the-server")
    assert first_hub(hub, None, ask) is None
    assert len(asked) == 1 and "password" in asked[0] and "is wrong" in asked[0]
    assert "changed-on-the-server" not in asked[0]
    assert hub.remember_password(make_hub.secret)  # the right one: opened without asking
    opened = first_hub(hub, None, ask)
    assert opened is not None and len(asked) == 1
    opened.close()


def test_a_terminal_command_types_the_password_when_the_keyrings_no_longer_opens_the_hub(
    make_hub: HubMaker,
    tmp_path: Path,
    export: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import getpass

    folder = make_hub.folder()
    with_keyring(monkeypatch, MemoryKeyring())
    monkeypatch.delenv("SULUHU_PASSPHRASE", raising=False)
    (tmp_path / "a.suluhu-export").write_bytes(export)
    args = ("hub", "import", "--hub", str(folder.folder), "--accept-new-keys")
    server = folder.backend_kind() == "postgresql"
    if server:
        assert folder.remember_password("changed-on-the-server")
        code, out, err = cli(monkeypatch, capsys, *args, str(tmp_path / "a.suluhu-export"))
        assert code != 0 and "password" in err and "is wrong" in err  # no terminal: it says so
    prompts: list[str] = []

    def typed(prompt: str = "") -> str:  # the officer at a terminal
        prompts.append(prompt)
        return make_hub.secret

    monkeypatch.setattr(getpass, "getpass", typed)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    from desktop import cli as command_line

    capsys.readouterr()
    code = command_line.run([*args, str(tmp_path / "a.suluhu-export")])
    out, err = capsys.readouterr()
    assert code == 0 and ": imported C-" in out, (out, err)
    assert prompts == (["The hub server's password: "] if server else ["Passphrase: "])
    if server:
        assert "is wrong" in err and "changed-on-the-server" not in err + out
    monkeypatch.setenv("SULUHU_PASSPHRASE", make_hub.secret)  # it wins over the keyring
    code, out, err = cli(monkeypatch, capsys, *args, str(tmp_path / "a.suluhu-export"))
    assert code == 0 and ": duplicate" in out.casefold(), (out, err)
