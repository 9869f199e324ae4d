"""The codes each export combined, kept by the hub (migration hub0003, on each backend): an
import stores them exactly as the export says; the dashboard then computes an indicator whose
code no export combined; exports held from before the migration stay "any code may be
combined", as before."""

from __future__ import annotations

import json
import uuid
from typing import NamedTuple

import pytest
import sqlalchemy as sa
from alembic import command
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.domain.model.export_tables import Period
from desktop.domain.model.hub_dashboard import DashboardFilters
from desktop.domain.services.hub_import import Imported, ImportOptions
from desktop.domain.services.indicators import value_of
from storage import export_file
from storage.hub import schema
from storage.hub import tables as t
from storage.hub.store import HubStore
from tests.hub_support import as_committee, demo_exports

SEPTEMBER, OCTOBER = Period.month(2026, 9), Period.month(2026, 10)
TOFU = ImportOptions(accept_new_keys=True)
AGREED = "share_resolved_by_agreement"


class Files(NamedTuple):
    exports: list[bytes]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    base = demo_exports(tmp_path_factory.mktemp("committee"), [SEPTEMBER, OCTOBER], cases=3600)
    made = []
    for pseudonym in ("C-00000000A1", "C-00000000B2"):
        key = Ed25519PrivateKey.generate()
        for data in base.values():
            made.append(as_committee(data, key, committee=pseudonym, export_id=str(uuid.uuid4())))
    return Files(made)


def load(hub: HubStore, files: Files) -> None:
    for data in files.exports:
        assert isinstance(hub.import_bytes(data, TOFU), Imported)


def stored(hub: HubStore) -> dict[str, set[str]]:
    query = sa.select(t.export_tables.c.name, t.export_tables.c.combined)
    with hub.engine.connect() as conn:
        found: dict[str, set[str]] = {}
        for name, text in conn.execute(query):
            found.setdefault(str(name), set()).add(str(text))
    return found


def test_an_import_keeps_the_codes_each_table_combined(hub: HubStore, files: Files) -> None:
    load(hub, files)
    said = stored(hub)
    expected: dict[str, set[str]] = {}
    for data in files.exports:
        for table in export_file.verify_bytes(data).tables.tables:
            codes = [list(c) for c in table.combined]
            expected.setdefault(table.name, set()).add(json.dumps(codes, separators=(",", ":")))
    assert said == expected
    # the demo's small categories are combined somewhere: the column is not all empty lists
    assert any(any(json.loads(text)) for texts in said.values() for text in texts)


def available(hub: HubStore) -> set[tuple[str, str]]:
    programme = hub.dashboard(DashboardFilters()).programme.indicators
    return {(i.name, i.by) for i in programme if i.value is not None}


def test_an_indicator_whose_code_no_export_combined_is_computed(
    hub: HubStore, files: Files
) -> None:
    load(hub, files)
    programme = list(hub.dashboard(DashboardFilters()).programme.indicators)
    # some exports combined small sexes (a "combined" column), none combined "female"
    assert value_of(programme, "cases_received", "combined").value is not None
    for name in ("cases_received", AGREED):
        found = value_of(programme, name, "female")
        assert found.value is not None and found.reason is None, name


def test_exports_imported_before_the_migration_are_read_as_any_code_combined(
    hub: HubStore, files: Files
) -> None:
    load(hub, files)
    before = available(hub)
    with hub.engine.begin() as conn:  # back to hub0002, then up again: the column is ""
        command.downgrade(schema.alembic_config(conn), "hub0002")
        columns = {c["name"] for c in sa.inspect(conn).get_columns("export_tables")}
        assert "combined" not in columns
        command.upgrade(schema.alembic_config(conn), "head")
    assert stored(hub) and all(texts == {""} for texts in stored(hub).values())
    assert schema.current_revision(hub.engine) == schema.head_revision() == "hub0004"
    # "combined" may hold any sex again: the female column may be only part of the women
    after = available(hub)
    assert after < before
    assert ("cases_received", "female") in before - after
