"""The hub's storage tests on both backends (docs/hub.md, "PostgreSQL").

Fixtures (re-exported by tests/integration/conftest.py and tests/ui/conftest.py):

- ``hub``: a fresh, open :class:`storage.hub.store.HubStore`, once on SQLCipher and once on
  PostgreSQL (the test runs twice: ``test_x[sqlite]``, ``test_x[postgresql]``);
- ``make_hub``: a :class:`HubMaker` for more hubs of the same backend in the same test
  (``make_hub()`` gives another open store, ``make_hub.folder()`` a created, unopened folder
  and ``make_hub.secret`` what opens it);
- ``hub_backend``: "sqlite" or "postgresql".

The PostgreSQL param needs a server: env ``SULUHU_TEST_POSTGRES_URL`` names a role that may
create databases (``eval "$(.ci/postgres)"`` starts one on loopback). Each hub gets its own new
database ``hub_<random>``, dropped after the test. Without the variable the PostgreSQL params
are skipped, saying why, unless ``SULUHU_REQUIRE_POSTGRES=1`` (CI): then they fail.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage.hub.store import HubFolder, HubStore
from tests.support import CHEAP_KDF

URL_VARIABLE = "SULUHU_TEST_POSTGRES_URL"
REQUIRE_VARIABLE = "SULUHU_REQUIRE_POSTGRES"
BACKENDS = ["sqlite", "postgresql"]
HUB_PASSPHRASE = "blue-heron-copper-kettle"  # the SQLite hubs' (as tests/hub_support.py)


def postgres_admin_url() -> sa.URL:
    """The test server's URL (a CREATEDB role); skips, or fails when it is required."""
    text = os.environ.get(URL_VARIABLE, "").strip()
    if not text:
        reason = (
            f"{URL_VARIABLE} is not set: no PostgreSQL server for the hub's tests "
            '(run `eval "$(.ci/postgres)"` as root to start one)'
        )
        if os.environ.get(REQUIRE_VARIABLE) == "1":
            pytest.fail(f"{REQUIRE_VARIABLE}=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return sa.make_url(text).set(drivername="postgresql+psycopg")


class ServerDatabases:
    """Databases made on the test server for one test, dropped at its end."""

    def __init__(self, admin: sa.URL) -> None:
        self.admin = admin
        self._engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
        self.made: list[str] = []

    def create(self) -> sa.URL:
        """A new empty database; its URL (with the role's password)."""
        name = f"hub_{secrets.token_hex(6)}"
        with self._engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        self.made.append(name)
        return self.admin.set(database=name)

    def drop_all(self) -> None:
        with self._engine.connect() as conn:
            for name in self.made:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._engine.dispose()


class HubMaker:
    """Fresh hubs of one backend for one test; every store it opens is closed at the end."""

    def __init__(self, backend: str, root: Path, databases: ServerDatabases | None) -> None:
        self.backend = backend
        self._root = root
        self._databases = databases
        self._stores: list[HubStore] = []
        self._count = 0
        self.last_url: sa.URL | None = None  # the last server database made (with password)

    @property
    def secret(self) -> str:
        """What opens this backend's hubs: the SQLite passphrase or the server's password."""
        if self._databases is None:
            return HUB_PASSPHRASE
        return str(self._databases.admin.password or "")

    def database(self) -> sa.URL:
        """A new empty database on the test server (PostgreSQL only), with its password."""
        assert self._databases is not None, "a server database on the sqlite backend"
        self.last_url = self._databases.create()
        return self.last_url

    def folder(self, name: str | None = None) -> HubFolder:
        """A new hub folder, created (its own new database on PostgreSQL), not opened."""
        self._count += 1
        folder = HubFolder(self._root / (name or f"hub{self._count}"), kdf=CHEAP_KDF)
        if self._databases is None:
            folder.create(HUB_PASSPHRASE)
        else:
            url = self.database()
            bare = url._replace(password=None).set(drivername="postgresql")
            folder.create_on_server(bare.render_as_string(hide_password=False), self.secret)
        return folder

    def open(self, folder: HubFolder) -> HubStore:
        store = folder.open(self.secret)
        self._stores.append(store)
        return store

    def __call__(self, name: str | None = None) -> HubStore:
        """A new hub, open (closed after the test)."""
        return self.open(self.folder(name))

    def close_all(self) -> None:
        for store in self._stores:
            store.close()


@pytest.fixture(params=BACKENDS)
def hub_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_hub(hub_backend: str, tmp_path: Path) -> Iterator[HubMaker]:
    databases = ServerDatabases(postgres_admin_url()) if hub_backend == "postgresql" else None
    maker = HubMaker(hub_backend, tmp_path / "hubs", databases)
    try:
        yield maker
    finally:
        maker.close_all()
        if databases is not None:
            databases.drop_all()


@pytest.fixture
def hub(make_hub: HubMaker) -> HubStore:
    """A fresh open hub store, on SQLite and on PostgreSQL."""
    return make_hub()
