"""A hub folder (docs/hub.md): ``keys.json`` (key slots, as a committee workspace has: one
passphrase slot and one recovery slot), ``hub.db`` (SQLCipher) and ``hub.json`` (a marker, no
data); or only ``hub.json`` naming a PostgreSQL server (storage/hub/backend.py).
:class:`HubStore` imports export files into it, each in one transaction."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from desktop.domain.model.export_tables import SUPPRESSED, Cell, ExportTables, Period, Table
from desktop.domain.model.hub import (
    HubState,
    ImportedExport,
    IncomingExport,
    RegisteredCommittee,
)
from desktop.domain.services.hub_import import (
    Decision,
    Imported,
    ImportOptions,
    Refused,
    decide,
)
from desktop.domain.services.hub_registry import committee_details
from desktop.workspace import ImportStopped
from storage.hub import backend
from storage.hub import tables as t
from storage.hub.backend import DATABASE, INFO, KEYS
from storage.hub.backend import HubError as HubError
from storage.hub.combined import combined_json
from storage.hub.reader import MAX_BYTES, read_export, verify_export
from storage.lock import WorkspaceBusy, acquire_lock, release_lock

if TYPE_CHECKING:
    from desktop.domain.model.hub_dashboard import Dashboard, DashboardFilters

ALL = "*"  # a total's code, as in the export's CSV

Now = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class HubFolder:
    """A hub folder before it is opened (the backends: storage/hub/backend.py)."""

    def __init__(self, folder: Path, kdf: object | None = None) -> None:
        self.folder = folder
        self._kdf = kdf

    def exists(self) -> bool:
        return (self.folder / KEYS).is_file() or self.backend_kind() == backend.POSTGRESQL

    def backend_kind(self) -> backend.Backend:
        """Where the database is: "sqlite" (hub.db, the default) or "postgresql" (a server)."""
        return backend.backend_of(backend.read_info(self.folder / INFO))

    def needs_passphrase(self) -> bool:
        """False only for a server hub whose password the OS keyring holds."""
        return backend.needs_password(backend.read_info(self.folder / INFO))

    def can_remember_password(self) -> bool:
        """Whether a typed password can be kept for next time: a server hub, with a system
        keyring on this computer."""
        info = backend.read_info(self.folder / INFO)
        return backend.backend_of(info) == backend.POSTGRESQL and backend.keyring_available()

    def remember_password(self, password: str) -> bool:
        """Keep a server hub's password in the system keyring (call it once the hub opened
        with it); False when it could not be kept (a SQLite hub's passphrase never is)."""
        info = backend.read_info(self.folder / INFO)
        if backend.backend_of(info) != backend.POSTGRESQL:
            return False
        return backend.store_password(backend.server_of(info), password)

    def create(self, passphrase: str) -> str:
        """Make the folder's key slots and database; return the recovery key to write down."""
        self._check_empty()
        return backend.create_sqlite_hub(self.folder, passphrase, self._kdf)

    def create_on_server(self, url: str, password: str | None = None) -> backend.ServerHub:
        """Make this folder a hub on the PostgreSQL database at ``url``."""
        self._check_empty()
        return backend.create_server_hub(self.folder, url, password)

    def open(self, passphrase: str | None, now: Now = _utc_now) -> HubStore:
        """Unlock the hub: SQLite with its passphrase; a server hub with ``passphrase`` as the
        server's password, or (None) the one the OS keyring holds."""
        if not self.exists():
            raise HubError(f"There is no hub at {self.folder}. Create one with `suluhu hub init`.")
        info = backend.read_info(self.folder / INFO)
        if backend.backend_of(info) == backend.POSTGRESQL:
            return HubStore(backend.open_server_engine(info, passphrase), now)
        return self.open_keyed(backend.sqlite_key(self.folder / KEYS, passphrase), now)

    def open_keyed(self, key: bytes, now: Now = _utc_now) -> HubStore:
        """A SQLite hub opened with its database key. One process at a time: the store holds
        the folder's lock (storage/lock.py) until it is closed, so a restore never replaces
        the database under an open window or command."""
        with hub_lock(self.folder):
            engine = backend.open_sqlite_keyed(self.folder, key)
            store = HubStore(engine, now, on_close=lambda: release_lock(self.folder))
            acquire_lock(self.folder)  # held by the store (counted: this block's is let go)
            return store

    def recover(self, recovery_key: str, new_passphrase: str, now: Now = _utc_now) -> HubStore:
        """Open a SQLite hub with its recovery key, give it ``new_passphrase``, and open it."""
        if not self.exists():
            raise HubError(f"There is no hub at {self.folder}. Create one with `suluhu hub init`.")
        info = backend.read_info(self.folder / INFO)
        if backend.backend_of(info) == backend.POSTGRESQL:
            raise HubError("A hub on a PostgreSQL server has no recovery key: its server does.")
        backend.recover_sqlite_hub(self.folder, recovery_key, new_passphrase)
        return self.open(new_passphrase, now)

    def _check_empty(self) -> None:
        if self.exists() or (self.folder / DATABASE).exists():
            raise HubError(f"{self.folder} already holds a hub; it was left untouched.")


class HubStore:
    """An open hub database."""

    def __init__(
        self, engine: Engine, now: Now = _utc_now, on_close: Callable[[], None] | None = None
    ) -> None:
        self.engine = engine
        self._now = now
        self._on_close = on_close

    def close(self) -> None:
        self.engine.dispose()
        if self._on_close is not None:
            on_close, self._on_close = self._on_close, None
            on_close()

    def __enter__(self) -> HubStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- importing --------------------------------------------------------------------------

    def import_file(
        self, path: Path, options: ImportOptions, max_bytes: int = MAX_BYTES
    ) -> Decision:
        """Read, verify, decide and apply one file: wholly, in one transaction, or not at all."""
        incoming = read_export(path, max_bytes)
        return (
            incoming if isinstance(incoming, Refused) else self.import_verified(incoming, options)
        )

    def import_bytes(self, data: bytes, options: ImportOptions) -> Decision:
        incoming = verify_export(data)
        return (
            incoming if isinstance(incoming, Refused) else self.import_verified(incoming, options)
        )

    def import_verified(self, incoming: IncomingExport, options: ImportOptions) -> Decision:
        try:
            return self.import_many([incoming], options)[0]
        except ImportStopped as stopped:  # one file: nothing was imported, say why
            raise stopped.cause from None

    def import_files(
        self, paths: Sequence[Path], options: ImportOptions, max_bytes: int = MAX_BYTES
    ) -> list[Decision]:
        """Several files, as :meth:`import_many` (each read and verified in turn)."""
        return self.import_many((read_export(p, max_bytes) for p in paths), options)

    def import_many(
        self, items: Iterable[IncomingExport | Refused], options: ImportOptions
    ) -> list[Decision]:
        """Decide and apply each verified export in turn, each in its own savepoint (a file
        wholly or not at all), all in one transaction committed once at the end: a batch
        costs one flush to disk, and nothing is reported imported before it is durable. When
        one file fails midway, the files before it are still committed and the error is
        raised (ImportStopped); when the failure took the whole transaction with it (SQLite
        rolls everything back on a full disk or an I/O error), none of them is reported."""
        decisions: list[Decision] = []
        failure: BaseException | None = None
        lost = False
        with self.engine.begin() as conn:
            for incoming in items:
                if isinstance(incoming, Refused):
                    decisions.append(incoming)
                    continue
                try:
                    with conn.begin_nested():
                        state = _state_for(conn, incoming.manifest.committee)
                        decision = decide(state, incoming, options, self._now())
                        if isinstance(decision, Imported):
                            _apply(conn, decision, incoming)
                except sa.exc.IntegrityError:  # another laptop saved the same committee just now
                    failure = HubError(
                        "another import of the same committee was saved at the same moment; "
                        "import this file again"
                    )
                    break
                except Exception as error:  # its savepoint is rolled back; keep the others
                    failure = _first_cause(error)
                    lost = not _transaction_open(conn)
                    break
                decisions.append(decision)
        if failure is not None:
            kept = [] if lost else decisions
            raise ImportStopped(kept, None, failure, kept=not lost, at=len(decisions)) from failure
        return decisions

    # -- the committee registry ---------------------------------------------------------------

    def update_committee(
        self, pseudonym: str, display_name: str, region: str, active: bool
    ) -> None:
        """Name a committee, place it in a region, mark it (in)active: the registry's rules
        (desktop/domain/services/hub_registry.py) checked against the other committees in the
        same transaction (a ValidationError names the field)."""
        others = sa.select(t.committees.c.display_name, t.committees.c.region).where(
            t.committees.c.pseudonym != pseudonym
        )
        with self.engine.begin() as conn:
            rows = conn.execute(others).all()
            details = committee_details(
                pseudonym,
                display_name,
                region,
                active,
                taken_names=[r.display_name for r in rows if r.display_name],
                regions=[r.region for r in rows if r.region],
            )
            done = conn.execute(
                sa.update(t.committees)
                .where(t.committees.c.pseudonym == pseudonym)
                .values(display_name=details.display_name, region=details.region, active=active)
            )
            if done.rowcount != 1:
                raise HubError(f"This hub does not know the committee {pseudonym}.")

    # -- reading ----------------------------------------------------------------------------

    def committees(self) -> list[RegisteredCommittee]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.committees).order_by(t.committees.c.pseudonym))
            return [_committee(row) for row in rows]

    def exports(self, committee: str | None = None) -> list[ImportedExport]:
        with self.engine.connect() as conn:
            return _exports(conn, committee)

    def cell_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(t.cells)).scalar_one())

    def cells(self, committee: str, period: Period, table: str) -> dict[tuple[str, str], Cell]:
        """The current counts of one table: (code1, code2) -> count or SUPPRESSED."""
        query = (
            sa.select(t.cells.c.code1, t.cells.c.code2, t.cells.c.value, t.cells.c.suppressed)
            .join(t.committees, t.committees.c.id == t.cells.c.committee_id)
            .where(
                t.committees.c.pseudonym == committee,
                t.cells.c.period == period.label,
                t.cells.c.table_name == table,
            )
        )
        with self.engine.connect() as conn:
            return {
                (r.code1, r.code2): SUPPRESSED if r.suppressed else int(r.value)
                for r in conn.execute(query)
            }

    def dashboard(self, filters: DashboardFilters) -> Dashboard:
        """The dashboard for ``filters`` as of today (the store's clock), summed by the
        database (storage/hub/queries.py, desktop/domain/services/hub_dashboard.py)."""
        from desktop.domain.services.hub_dashboard import build_dashboard
        from storage.hub.queries import DashboardQueries

        with self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":  # one snapshot for every query of it
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():  # an import committing meanwhile is wholly in or out
                return build_dashboard(DashboardQueries(conn), filters, self._now().date())

    def digest(self) -> str:
        """SHA-256 over every row of every hub table (for checks that nothing changed)."""
        digest = hashlib.sha256()
        with self.engine.connect() as conn:
            for table in t.HUB_TABLES:
                digest.update(table.name.encode() + b"\0")
                for row in conn.execute(sa.select(table).order_by(*table.primary_key.columns)):
                    digest.update(repr(tuple(row)).encode() + b"\n")
        return digest.hexdigest()


# -- helpers ---------------------------------------------------------------------------------


@contextlib.contextmanager
def hub_lock(folder: Path) -> Iterator[None]:
    """The hub folder's lock, held for the block (HubError when another Suluhu window or
    command has the hub open)."""
    try:
        acquire_lock(folder)
    except WorkspaceBusy:
        raise HubError(
            "This hub is open in another Suluhu window or command. Close it there (or wait "
            "for the command to finish), then try again."
        ) from None
    try:
        yield
    finally:
        release_lock(folder)


def _committee(row: sa.Row[tuple[object, ...]]) -> RegisteredCommittee:
    m = row._mapping
    return RegisteredCommittee(
        str(m["pseudonym"]),
        str(m["fingerprint"]),
        str(m["display_name"]),
        str(m["region"]),
        bool(m["active"]),
    )


def _exports(conn: Connection, committee: str | None) -> list[ImportedExport]:
    query = (
        sa.select(t.exports, t.committees.c.pseudonym)
        .join(t.committees, t.committees.c.id == t.exports.c.committee_id)
        .order_by(t.committees.c.pseudonym, t.exports.c.period, t.exports.c.sequence)
    )
    if committee is not None:
        query = query.where(t.committees.c.pseudonym == committee)
    return [
        ImportedExport(
            r.pseudonym,
            Period.parse(r.period),
            r.export_id,
            r.sequence,
            r.file_sha256,
            datetime.fromisoformat(r.imported_at),
            bool(r.current),
        )
        for r in conn.execute(query)
    ]


def _transaction_open(conn: Connection) -> bool:
    """Whether the database still holds the batch's transaction: SQLite ends it by itself on
    SQLITE_FULL or SQLITE_IOERR (a commit afterwards silently commits nothing)."""
    driver = conn.connection.driver_connection
    open_now = getattr(driver, "in_transaction", None)
    return True if open_now is None else bool(open_now)  # psycopg: savepoints hold


def _first_cause(error: BaseException) -> BaseException:
    """The error that started it (not a savepoint's failed rollback raised while handling)."""
    while error.__context__ is not None and "savepoint" in str(error).lower():
        error = error.__context__
    return error


def _state_for(conn: Connection, pseudonym: str) -> HubState:
    # on PostgreSQL, a second import of the same committee waits here until the first commits
    # (SQLite takes the whole database for a write anyway)
    query = sa.select(t.committees).where(t.committees.c.pseudonym == pseudonym)
    rows = conn.execute(query.with_for_update())
    return HubState(tuple(_committee(r) for r in rows), tuple(_exports(conn, pseudonym)))


def _apply(conn: Connection, decision: Imported, incoming: IncomingExport) -> None:
    export = decision.export
    now = export.imported_at.isoformat()
    if decision.new_committee is not None:
        conn.execute(
            sa.insert(t.committees).values(
                pseudonym=export.committee,
                fingerprint=decision.new_committee.fingerprint,
                registered_at=now,
            )
        )
    if decision.new_key is not None:
        conn.execute(
            sa.update(t.committees)
            .where(t.committees.c.pseudonym == export.committee)
            .values(fingerprint=decision.new_key)
        )
    committee_id = conn.execute(
        sa.select(t.committees.c.id).where(t.committees.c.pseudonym == export.committee)
    ).scalar_one()
    earlier = sa.select(t.exports.c.id).where(
        t.exports.c.committee_id == committee_id,
        t.exports.c.period == export.period.label,
        t.exports.c.current.is_(True),
    )
    old = [row.id for row in conn.execute(earlier)]
    if old:
        conn.execute(sa.delete(t.cells).where(t.cells.c.export_id.in_(old)))
        conn.execute(sa.delete(t.export_tables).where(t.export_tables.c.export_id.in_(old)))
        conn.execute(sa.update(t.exports).where(t.exports.c.id.in_(old)).values(current=False))
    inserted = conn.execute(
        sa.insert(t.exports).values(
            committee_id=committee_id,
            period=export.period.label,
            export_id=export.export_id,
            sequence=export.sequence,
            file_sha256=export.file_sha256,
            fingerprint=incoming.fingerprint,
            imported_at=now,
            current=True,
        )
    )
    assert inserted.inserted_primary_key is not None
    export_row = int(inserted.inserted_primary_key[0])
    _insert_tables(conn, export_row, committee_id, export.period, incoming.tables)


def _insert_tables(
    conn: Connection, export_row: int, committee_id: int, period: Period, tables: ExportTables
) -> None:
    described = [
        {
            "export_id": export_row,
            "name": table.name,
            "population": table.population.value,
            "dimensions": ",".join(table.dimensions),
            "threshold": table.threshold,
            "combined": combined_json(table),
        }
        for table in tables.tables
    ]
    if described:
        conn.execute(sa.insert(t.export_tables), described)
    rows = [
        {
            "export_id": export_row,
            "committee_id": committee_id,
            "period": period.label,
            "table_name": table.name,
            "code1": code1,
            "code2": code2,
            "value": None if cell is SUPPRESSED else int(cell),  # type: ignore[arg-type]
            "suppressed": cell is SUPPRESSED,
        }
        for table in tables.tables
        for code1, code2, cell in _cells(table)
    ]
    if rows:
        conn.execute(sa.insert(t.cells), rows)


def _cells(table: Table) -> Iterable[tuple[str, str, Cell]]:
    """Every cell and total of ``table``, totals with ``*`` for the dimension summed over."""
    keys = table.keys()
    for key in keys:
        yield key[0], key[1] if table.two_way else "", table.cells[key]
    if table.two_way:  # a one-way table's row totals are its cells: stored once, not twice
        for code, cell in table.row_totals.items():
            yield code, ALL, cell
    for code, cell in table.column_totals.items():
        yield ALL, code, cell
    yield ALL, ALL if table.two_way else "", table.total
