"""The hub's dashboard over REAL exports of two committees (storage/hub/queries.py summing in
SQL, desktop/domain/services/hub_dashboard.py on top), on each hub backend: programme totals
are the sums of the published cells, "at least" where a part was suppressed; a corrected
export replaces the earlier one; and `suluhu hub report --table ... --csv`."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path
from typing import NamedTuple

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.domain.model.export_tables import SUPPRESSED, Period
from desktop.domain.model.hub_dashboard import DashboardFilters
from desktop.domain.services.hub_import import Imported, ImportOptions
from desktop.domain.services.hub_totals import ALL
from storage import export_file
from storage.export_file import VerifiedExport
from storage.hub.store import HubStore
from storage.hub.workspace import HubSession
from tests.hub_support import HUB_PASSPHRASE, as_committee, demo_exports, new_hub

SEPTEMBER, OCTOBER = Period.month(2026, 9), Period.month(2026, 10)
ONE, TWO = "C-00000000A1", "C-00000000B2"
TOFU = ImportOptions(accept_new_keys=True)


class Files(NamedTuple):
    one: dict[str, bytes]  # period label -> committee ONE's export
    two: dict[str, bytes]
    two_key: Ed25519PrivateKey
    base: dict[str, bytes]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    base = demo_exports(tmp_path_factory.mktemp("committee"), [SEPTEMBER, OCTOBER], cases=600)
    keys = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()

    def signed(key: Ed25519PrivateKey, pseudonym: str) -> dict[str, bytes]:
        return {
            label: as_committee(data, key, committee=pseudonym, export_id=str(uuid.uuid4()))
            for label, data in base.items()
        }

    return Files(signed(keys[0], ONE), signed(keys[1], TWO), keys[1], base)


def load(hub: HubStore, *exports: bytes) -> None:
    for data in exports:
        assert isinstance(hub.import_bytes(data, TOFU), Imported)


def combined_codes(exports: list[VerifiedExport], name: str) -> list[set[str]]:
    """Per dimension, the codes any of ``exports`` put into its "combined" row or column."""
    found: list[set[str]] = [set(), set()]
    for export in exports:
        for index, codes in enumerate(export.tables.table(name).combined):
            found[index] |= set(codes)
    return found


def test_programme_totals_are_the_published_sums_and_at_least_where_a_part_was_suppressed(
    hub: HubStore, files: Files
) -> None:
    load(hub, *files.one.values(), *files.two.values())
    dashboard = HubSession(Path("."), hub).dashboard(DashboardFilters())
    assert (dashboard.committees, dashboard.exports) == (2, 4)
    assert dashboard.periods == ("2026-09", "2026-10")
    statuses: set[str] = set()
    exports = [export_file.verify_bytes(b) for b in (*files.one.values(), *files.two.values())]
    for table in dashboard.tables:
        # a row or column some export put into "combined" is only "at least" at the hub
        combined = combined_codes(exports, table.name)
        parts = [
            hub.cells(committee, period, table.name)
            for committee in (ONE, TWO)
            for period in (SEPTEMBER, OCTOBER)
        ]
        keys = set().union(*parts)
        assert set(table.cells) == keys, table.name
        for key in keys:
            values = [part.get(key, 0) for part in parts]
            published = sum(v for v in values if v is not SUPPRESSED)
            cell = table.cells[key]
            statuses.add(cell.status)
            assert cell.total.known == published, (table.name, key)
            partial = SUPPRESSED in values or key[0] in combined[0] or key[1] in combined[1]
            assert cell.total.includes_suppressed == partial, (table.name, key)
            if not cell.hidden and not partial:
                assert (cell.status, cell.value) == ("exact", published)
    assert {"exact", "at_least"} <= statuses  # the demo data has both
    received = dashboard.table("received_by_category_and_sex")
    assert received is not None
    assert dashboard.programme.received == received.cell(ALL, ALL)
    assert sum(p.received.total.known for p in dashboard.trend) == received.cell(ALL, ALL).value
    # the two committees' exports are the same tables: each committee has half
    halves = {s.name: s.received.value for s in dashboard.committee_rows}
    assert halves == {ONE: dashboard.programme.received.value // 2} | {
        TWO: dashboard.programme.received.value // 2
    }


def test_a_corrected_export_replaces_the_earlier_one_in_the_totals(
    hub: HubStore, files: Files
) -> None:
    load(hub, files.one["2026-10"], files.two["2026-10"])
    before = hub.dashboard(DashboardFilters()).table("received_by_category_and_sex")
    assert before is not None
    # committee TWO corrects October: sequence 2 holds other counts (September's tables)
    corrected = as_committee(
        files.base["2026-09"],
        files.two_key,
        committee=TWO,
        period=OCTOBER,
        sequence=2,
        export_id=str(uuid.uuid4()),
    )
    hub.import_bytes(corrected, TOFU)
    after = hub.dashboard(DashboardFilters())
    table = after.table("received_by_category_and_sex")
    assert table is not None and after.exports == 2
    one = hub.cells(ONE, OCTOBER, table.name)[(ALL, ALL)]
    two = hub.cells(TWO, OCTOBER, table.name)[(ALL, ALL)]
    assert isinstance(one, int) and isinstance(two, int) and one != two
    assert table.cell(ALL, ALL).total.known == one + two
    assert before.cell(ALL, ALL).total.known == 2 * one


def test_filters_reach_the_sql(hub: HubStore, files: Files) -> None:
    load(hub, *files.one.values(), *files.two.values())
    hub.update_committee(TWO, "Synthetic committee two", "Coast", True)
    whole = hub.dashboard(DashboardFilters())
    october = hub.dashboard(DashboardFilters(periods=frozenset({"2026-10"})))
    coast = hub.dashboard(DashboardFilters(regions=frozenset({"Coast"})))
    assert (october.exports, october.periods) == (2, ("2026-10",))
    assert (coast.committees, coast.exports) == (1, 2)
    assert [s.label for s in coast.committee_rows] == ["Synthetic committee two"]
    assert coast.choices == whole.choices and "Coast" in whole.choices.regions
    assert [r.name for r in whole.regions] == ["Coast", ""]
    name = "received_by_category_and_sex"
    october_total = october.table(name)
    assert october_total is not None
    expected = sum(hub.cells(c, OCTOBER, name)[(ALL, ALL)] for c in (ONE, TWO))  # type: ignore[misc]
    assert october_total.cell(ALL, ALL).total.known == expected
    assert whole.missing_for == hub.dashboard(DashboardFilters()).missing_for


def test_the_cli_writes_one_table_as_csv(
    tmp_path: Path,
    files: Files,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop import cli

    with new_hub(tmp_path / "hub") as store:
        load(store, *files.one.values(), *files.two.values())
        expected = store.dashboard(DashboardFilters()).table("received_by_category_and_sex")
    assert expected is not None
    monkeypatch.setenv("SULUHU_PASSPHRASE", HUB_PASSPHRASE)
    out = tmp_path / "received.csv"
    argv = ["hub", "report", "--hub", str(tmp_path / "hub")]
    code = cli.run([*argv, "--table", "received_by_category_and_sex", "--csv", str(out)])
    assert code == 0, capsys.readouterr()
    assert "2 committees, 2 periods" in capsys.readouterr().out
    rows = list(csv.reader(out.open()))
    assert rows[0] == ["category", "complainant_sex", "value", "status"]
    written = {(r[0], r[1]): (r[2], r[3]) for r in rows[1:]}
    for (code1, code2), (value, status) in written.items():
        cell = expected.cell(code1, code2)
        assert status == cell.status
        assert value == ("" if cell.value is None else str(cell.value))
    assert {s for _, s in written.values()} >= {"exact", "at_least"}
    assert len(written) == (len(expected.rows) + 1) * (len(expected.columns) + 1)


def test_a_committee_count_below_the_hubs_threshold_is_summed_as_suppressed_in_sql(
    hub: HubStore, files: Files
) -> None:
    """Committee TWO raised its threshold to 10 for the table; ONE published a 7 in it under
    its own 5. The database's sums count ONE's 7 as suppressed, in every view."""
    import sqlalchemy as sa

    from storage.hub import tables as t

    load(hub, files.one["2026-10"], files.two["2026-10"])
    name = "received_by_category"
    with hub.engine.begin() as conn:
        ids = dict(conn.execute(sa.select(t.committees.c.pseudonym, t.committees.c.id)).all())
        conn.execute(
            sa.update(t.export_tables)
            .where(t.export_tables.c.name == name)
            .where(t.export_tables.c.export_id.in_(
                sa.select(t.exports.c.id).where(t.exports.c.committee_id == ids[TWO])
            ))
            .values(threshold=10)
        )  # fmt: skip
        exact = conn.execute(
            sa.select(t.cells.c.id, t.cells.c.code1)
            .where(t.cells.c.committee_id == ids[ONE], t.cells.c.table_name == name)
            .where(t.cells.c.value >= 10, t.cells.c.code1 != ALL)
        ).first()
        assert exact is not None
        conn.execute(sa.update(t.cells).where(t.cells.c.id == exact.id).values(value=7))
    code = exact.code1
    two_alone = hub.dashboard(DashboardFilters(committees=frozenset({TWO}))).table(name)
    both = hub.dashboard(DashboardFilters()).table(name)
    assert both is not None and two_alone is not None
    cell = both.cell(code, "")
    assert cell.total.includes_suppressed  # ONE's 7 is not in it as a number
    assert cell.total.known == two_alone.cell(code, "").total.known  # so no view gives 7 away
