"""The bulk loader on real SQLCipher files: what it writes reads back through the repositories
as generated, matches what the repositories themselves write, and batches are all or nothing."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from desktop.demo import demo_actors, demo_users, generate_cases
from desktop.domain.model.committee import Committee
from desktop.domain.model.proceedings import Agreement, FollowUp, Hearing
from desktop.domain.model.records import UNSET_DISPUTE, CaseRecord
from desktop.domain.model.referrals import Referral
from desktop.domain.taxonomy import default_taxonomy
from storage import schema
from storage.bulk import BulkLoader
from storage.engine import open_engine
from storage.repositories import SqlDisputeRepository
from storage.repositories._common import name_key
from storage.sealing import REDACTED, SEALED_COLUMNS, RestrictedKeyRequired, Sealer, is_sealed
from storage.unit_of_work import SqlUnitOfWork

RESTRICTED_KEY = os.urandom(32)
TODAY = date(2026, 3, 10)
COMMITTEE = Committee("Kibera Peace Committee", "KBR", "Nairobi > Kibera")
CASE_TABLES = (
    "disputes", "dispute_assignees", "parties", "hearings", "agreements", "follow_ups",
    "outcomes", "referrals",
)  # fmt: skip


def new_engine(path: Path) -> Engine:
    engine = open_engine(path, os.urandom(32), create=True)
    schema.upgrade(engine)
    return engine


def cases(engine: Engine, count: int, seed: int = 11) -> list[CaseRecord]:
    """The demo's users and actors, stored, and ``count`` cases generated for them."""
    taxonomy = default_taxonomy()
    with SqlUnitOfWork(engine, Sealer(RESTRICTED_KEY)) as work:
        users = [(work.users.add(user), user.restricted_access) for user in demo_users()]
        actors = [work.actors.add(actor) for actor in demo_actors(seed, taxonomy)]
        work.commit()
    members = [user_id for user_id, _ in users]
    focal = [user_id for user_id, restricted in users if restricted]
    return list(
        generate_cases(
            count, seed, taxonomy, COMMITTEE, members, actors, TODAY,
            restricted_member_ids=focal,
        )
    )  # fmt: skip


def raw(engine: Engine, sql: str) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(text(sql)))


def read_back(work: SqlUnitOfWork, dispute_id: int) -> CaseRecord:
    dispute = work.disputes.get(dispute_id)
    assert dispute is not None
    return CaseRecord(
        dispute,
        work.hearings.for_dispute(dispute_id),
        work.agreements.for_dispute(dispute_id),
        work.follow_ups.for_dispute(dispute_id),
        work.outcomes.for_dispute(dispute_id),
        work.referrals.for_dispute(dispute_id),
    )


def localised(record: CaseRecord) -> CaseRecord:
    """A stored case in the generator's form: no ids, parties referred to by index."""
    r = copy.deepcopy(record)
    index = {party.id: i for i, party in enumerate(r.dispute.parties)}
    r.dispute.id = None
    for party in r.dispute.parties:
        party.id = party.dispute_id = None
    children: list[Hearing | Agreement | FollowUp | Referral] = [
        *r.hearings,
        *r.agreements,
        *r.follow_ups,
        *r.referrals,
    ]
    for child in children:
        child.id, child.dispute_id = None, UNSET_DISPUTE
    for hearing in r.hearings:
        hearing.parties_present = tuple(index[i] for i in hearing.parties_present)
    for agreement in r.agreements:
        agreement.signatories = tuple(index[i] for i in agreement.signatories)
    for referral in r.referrals:
        for consent in referral.consents:
            consent.party_id = index[consent.party_id]
    if r.outcome is not None:
        r.outcome.id, r.outcome.dispute_id = None, UNSET_DISPUTE
        for view in r.outcome.views:
            view.party_id = index[view.party_id]
    return r


def in_stored_order(record: CaseRecord) -> CaseRecord:
    """The repositories list children by date, then id (the order they were added)."""
    r = copy.deepcopy(record)
    r.hearings.sort(key=lambda h: h.held_on)
    r.agreements.sort(key=lambda a: a.agreed_on)
    r.follow_ups.sort(key=lambda f: f.due_on)
    return r


def redacted(record: CaseRecord) -> CaseRecord:
    """What a user without the restricted key reads of a restricted case."""
    r = copy.deepcopy(record)
    if not r.dispute.restricted:
        return r
    r.dispute.description = REDACTED
    for party in r.dispute.parties:
        party.name = party.phone = party.village = REDACTED
    for hearing in r.hearings:
        hearing.notes = hearing.next_step = REDACTED
    for agreement in r.agreements:
        agreement.terms = REDACTED
    for follow_up in r.follow_ups:
        follow_up.note = REDACTED
    if r.outcome is not None:
        r.outcome.note = REDACTED
    for referral in r.referrals:
        for column in SEALED_COLUMNS["referrals"]:  # reason, feedback, status_reason...
            setattr(referral, column, REDACTED)
        referral.consents = tuple(replace(c, witness=REDACTED) for c in referral.consents)
    return r


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, list[Any]]]:
    """300 demo cases loaded in batches of 64: (engine, [(generated, loaded record)])."""
    engine = new_engine(tmp_path_factory.mktemp("bulk") / "cases.db")
    records = cases(engine, 300)
    generated = copy.deepcopy(records)
    progress: list[int] = []
    loader = BulkLoader(engine, Sealer(RESTRICTED_KEY))
    assert loader.load(records, batch=64, progress=progress.append) == 300
    assert progress == [64, 128, 192, 256, 300]
    yield engine, list(zip(generated, records, strict=True))
    engine.dispose()


def test_every_case_reads_back_as_generated(loaded: tuple[Engine, list[Any]]) -> None:
    engine, pairs = loaded
    assert sum(generated.dispute.restricted for generated, _ in pairs) >= 5
    with SqlUnitOfWork(engine, Sealer(RESTRICTED_KEY)) as work:
        assert work.disputes.count() == len(pairs)
        for generated, record in pairs:
            assert record.dispute.id is not None
            stored = read_back(work, record.dispute.id)
            assert stored == in_stored_order(record)  # the loader's ids were the ones used
            assert localised(stored) == in_stored_order(generated)


def test_without_the_key_restricted_cases_read_redacted(loaded: tuple[Engine, list[Any]]) -> None:
    engine, pairs = loaded
    with SqlUnitOfWork(engine, Sealer(None)) as work:
        for generated, record in pairs:
            assert record.dispute.id is not None
            stored = localised(read_back(work, record.dispute.id))
            assert stored == redacted(in_stored_order(generated))


def test_restricted_cases_are_sealed_and_not_indexed(loaded: tuple[Engine, list[Any]]) -> None:
    engine, _ = loaded
    for name, phone, village, key, restricted in raw(
        engine,
        "SELECT p.name, p.phone, p.village, p.name_key, d.restricted "
        "FROM parties p JOIN disputes d ON d.id = p.dispute_id",
    ):
        if restricted:
            assert all(is_sealed(value) for value in (name, phone, village))
            assert key is None
        else:
            assert not is_sealed(name) and key == name_key(name)
    indexed = {row[0] for row in raw(engine, "SELECT rowid FROM dispute_search")}
    visible = {row[0] for row in raw(engine, "SELECT id FROM disputes WHERE NOT restricted")}
    assert indexed == visible
    assert raw(engine, "SELECT count(*) FROM audit") == [(0,)]


def test_search_finds_open_parties_and_never_restricted_ones(
    loaded: tuple[Engine, list[Any]],
) -> None:
    engine, pairs = loaded
    open_case = next(r for _, r in pairs if not r.dispute.restricted)
    hidden = next(r for _, r in pairs if r.dispute.restricted)
    with SqlUnitOfWork(engine, Sealer(RESTRICTED_KEY)) as work:
        assert isinstance(work.disputes, SqlDisputeRepository)
        found = work.disputes.search(open_case.dispute.parties[1].name, limit=10_000)
        assert open_case.dispute.id in found
        for party in hidden.dispute.parties:
            assert hidden.dispute.id not in work.disputes.search(party.name, limit=10_000)
        assert work.disputes.search(hidden.dispute.number) == []


def _plain_rows(engine: Engine, table: str) -> list[dict[str, Any]]:
    """Rows in id order, sealed values opened, consents decoded, timestamps left out."""
    sealer = Sealer(RESTRICTED_KEY)
    order = "dispute_id, position" if table == "dispute_assignees" else "rowid"
    rows = []
    for row in raw(engine, f"SELECT * FROM {table} ORDER BY {order}"):
        values = dict(row._mapping)
        for name, value in values.items():
            if isinstance(value, str) and is_sealed(value):
                values[name] = ("sealed", sealer.open(table, values["id"], name, value))
        if table == "referrals":
            consents = json.loads(values["consents"])
            for index, item in enumerate(consents):
                if is_sealed(item["witness"]):
                    column = f"consents.{index}.witness"
                    item["witness"] = sealer.open(table, values["id"], column, item["witness"])
            values["consents"] = consents
        values.pop("created_at", None)
        values.pop("updated_at", None)
        rows.append(values)
    return rows


def _add_through_repositories(engine: Engine, records: list[CaseRecord]) -> None:
    """What the use cases would store, one repository call at a time."""
    with SqlUnitOfWork(engine, Sealer(RESTRICTED_KEY)) as work:
        for record in copy.deepcopy(records):
            dispute_id = work.disputes.add(record.dispute)
            ids = [party.id for party in record.dispute.parties if party.id is not None]
            for hearing in record.hearings:
                present = tuple(ids[i] for i in hearing.parties_present)
                work.hearings.add(replace(hearing, dispute_id=dispute_id, parties_present=present))
            for agreement in record.agreements:
                signed = tuple(ids[i] for i in agreement.signatories)
                work.agreements.add(replace(agreement, dispute_id=dispute_id, signatories=signed))
            for follow_up in record.follow_ups:
                work.follow_ups.add(replace(follow_up, dispute_id=dispute_id))
            if record.outcome is not None:
                views = [replace(v, party_id=ids[v.party_id]) for v in record.outcome.views]
                work.outcomes.save(replace(record.outcome, dispute_id=dispute_id, views=views))
            for referral in record.referrals:
                consents = tuple(replace(c, party_id=ids[c.party_id]) for c in referral.consents)
                work.referrals.add(replace(referral, dispute_id=dispute_id, consents=consents))
        work.commit()


def test_the_loader_writes_what_the_repositories_write(tmp_path: Path) -> None:
    bulk, single = new_engine(tmp_path / "bulk.db"), new_engine(tmp_path / "single.db")
    try:
        records = cases(bulk, 80)
        assert records == cases(single, 80)
        assert any(r.dispute.restricted and r.referrals for r in records)
        _add_through_repositories(single, records)
        BulkLoader(bulk, Sealer(RESTRICTED_KEY)).load(records, batch=30)
        for table in CASE_TABLES:
            assert _plain_rows(bulk, table) == _plain_rows(single, table), table
        search = "SELECT rowid, number, names FROM dispute_search ORDER BY rowid"
        assert raw(bulk, search) == raw(single, search)
    finally:
        bulk.dispose()
        single.dispose()


def test_a_cancelled_load_keeps_only_whole_batches(tmp_path: Path) -> None:
    engine = new_engine(tmp_path / "cases.db")
    try:
        records = cases(engine, 200)
        progress: list[int] = []
        loader = BulkLoader(engine, Sealer(RESTRICTED_KEY))
        done = loader.load(
            records, batch=40, progress=progress.append, cancelled=lambda: len(progress) >= 2
        )
        assert done == 80 and progress == [40, 80]
        assert raw(engine, "SELECT count(*), max(id) FROM disputes") == [(80, 80)]
        expected = sum(len(r.dispute.parties) for r in records[:80])
        assert raw(engine, "SELECT count(*) FROM parties") == [(expected,)]
        assert records[80].dispute.id is None  # never read from the source
    finally:
        engine.dispose()


def test_a_failure_loses_only_the_batch_being_written(tmp_path: Path) -> None:
    engine = new_engine(tmp_path / "cases.db")
    try:
        records = cases(engine, 100)

        def source() -> Iterator[CaseRecord]:
            yield from records[:70]
            raise OSError("the power went")

        with pytest.raises(OSError):
            BulkLoader(engine, Sealer(RESTRICTED_KEY)).load(source(), batch=30)
        assert raw(engine, "SELECT count(*) FROM disputes") == [(60,)]
        for table in ("hearings", "follow_ups", "referrals"):
            orphans = f"SELECT count(*) FROM {table} WHERE dispute_id > 60"
            assert raw(engine, orphans) == [(0,)]
    finally:
        engine.dispose()


def test_restricted_cases_need_the_key_and_fail_their_whole_batch(tmp_path: Path) -> None:
    engine = new_engine(tmp_path / "cases.db")
    try:
        records = cases(engine, 120)
        first_restricted = next(i for i, r in enumerate(records) if r.dispute.restricted)
        with pytest.raises(RestrictedKeyRequired):
            BulkLoader(engine, Sealer(None)).load(records, batch=1000)
        assert raw(engine, "SELECT count(*) FROM disputes") == [(0,)]
        assert first_restricted < 120
    finally:
        engine.dispose()


def test_ids_continue_after_existing_and_deleted_cases(tmp_path: Path) -> None:
    engine = new_engine(tmp_path / "cases.db")
    try:
        records = cases(engine, 10)
        loader = BulkLoader(engine, Sealer(RESTRICTED_KEY))
        loader.load(records[:5])
        with engine.begin() as conn:  # the newest case is deleted: its id is never reused
            conn.execute(text("DELETE FROM dispute_search WHERE rowid = 5"))
            conn.execute(text("DELETE FROM disputes WHERE id = 5"))
        loader.load(records[5:])
        assert [r.dispute.id for r in records] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        ids = [row[0] for row in raw(engine, "SELECT id FROM disputes ORDER BY id")]
        assert ids == [1, 2, 3, 4, 6, 7, 8, 9, 10]
        with pytest.raises(ValueError):
            loader.load(records[:1])  # a record is loaded once
    finally:
        engine.dispose()
