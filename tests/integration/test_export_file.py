"""The signed export file on a real workspace (docs/export-format.md): verified by the documented
verifier that uses only `cryptography`, by OpenSSL, and by Suluhu's reader; any byte changed makes
it fail; it holds none of the workspace's names, phones, villages, case numbers or narrative;
a full disk leaves nothing behind."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

from desktop.demo import demo_actors, generate_cases
from desktop.domain.model.export_log import fingerprint, public_key_pem
from desktop.domain.model.export_tables import SUPPRESSED, Period
from desktop.domain.services.export_log import ExportDone, export_key, export_period
from storage import export_file
from storage.export_file import ExportFileError, ExportWriteError, read_verified
from storage.open_workspace import SqlOpenWorkspace
from tests.support import create_workspace, find_planted

DOC = Path(__file__).parents[2] / "docs" / "export-format.md"
OCTOBER = Period.month(2026, 10)


def _block(language: str) -> str:
    found = re.search(rf"```{language}\n(.*?)```", DOC.read_text(), re.S)
    assert found is not None
    return found.group(1)


class Secrets(NamedTuple):
    values: list[str]  # found anywhere, as substrings
    words: list[str]  # found as whole words (a short name is part of many English words)


def whole_words(data: bytes, words: list[str]) -> list[str]:
    text = data.decode("latin-1")
    return [
        w
        for w in words
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(w)}(?![A-Za-z0-9])", text, re.IGNORECASE)
    ]


class Exported:
    def __init__(self, opened: SqlOpenWorkspace, path: Path, done: ExportDone) -> None:
        self.opened, self.path, self.done = opened, path, done
        self.data = path.read_bytes()


def _export(opened: SqlOpenWorkspace, period: Period, path: Path) -> ExportDone:
    return export_period(
        opened.unit_of_work(),
        opened.actor,
        opened.clock,
        opened.taxonomy,
        period,
        opened.export_writer(path),
        app_version="0.1.0",
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SqlOpenWorkspace, Secrets]]:
    """A workspace of 1,200 synthetic cases over three years up to 2026-11-30, with its
    secrets: whole values (names, phones, villages, case numbers) and single words (each part
    of a name, each word of six letters or more of a description)."""
    folder = tmp_path_factory.mktemp("demo")
    workspace, _ = create_workspace(folder / "ws")
    opened = workspace.sign_in("admin", "river-stone-mango-lantern")
    with opened.unit_of_work() as uow:
        actor_ids = [uow.actors.add(a) for a in demo_actors(7, opened.taxonomy)]
        uow.commit()
    records = list(
        generate_cases(
            1200, 3, opened.taxonomy, opened.committee(), [opened.actor.user_id], actor_ids,
            date(2026, 11, 30),
        )
    )  # fmt: skip
    opened.case_loader().load(records)
    values: set[str] = set()
    words: set[str] = set()
    for record in records:
        dispute = record.dispute
        values.add(dispute.number)
        words.update(re.findall(r"[A-Za-z]{6,}", dispute.description))
        for party in dispute.parties:
            values.update(w for w in (party.name, party.phone, party.village) if w)
            words.update(party.name.split())
    try:
        yield opened, Secrets(sorted(values), sorted(words))
    finally:
        opened.close()


@pytest.fixture(scope="module")
def exported(
    demo: tuple[SqlOpenWorkspace, Secrets], tmp_path_factory: pytest.TempPathFactory
) -> Exported:
    opened, _ = demo
    path = tmp_path_factory.mktemp("out") / "october.suluhu-export"
    return Exported(opened, path, _export(opened, OCTOBER, path))


def test_suluhus_reader_gives_back_the_tables_and_manifest(exported: Exported) -> None:
    verified = read_verified(exported.path, exported.done.fingerprint)
    assert verified.manifest == exported.done.manifest
    assert verified.tables.tables == exported.done.tables.tables
    assert verified.file_sha256 == exported.done.entry.file_sha256
    assert verified.file_sha256 == hashlib.sha256(exported.data).hexdigest()
    received = verified.tables.table("received_by_category").total
    assert isinstance(received, int) and received >= 5
    assert verified.counts["received"] == received
    assert any(SUPPRESSED in t.cells.values() for t in verified.tables.tables)


def test_the_documented_verifier_needs_only_cryptography(exported: Exported) -> None:
    namespace: dict[str, object] = {}
    exec(_block("python"), namespace)  # noqa: S102 (the verifier of docs/export-format.md)
    verify = namespace["verify"]
    assert callable(verify)
    key = export_key(exported.opened.unit_of_work(), exported.opened.actor)
    manifest = verify(exported.path, key.fingerprint)
    assert manifest["export_id"] == exported.done.manifest.export_id
    assert manifest["suppressed"] == "x"
    with pytest.raises(AssertionError, match="other key"):
        verify(exported.path, fingerprint(bytes(32)))


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not on PATH")
def test_openssl_verifies_the_signature_with_the_documented_commands(
    exported: Exported, tmp_path: Path
) -> None:
    info = export_key(exported.opened.unit_of_work(), exported.opened.actor)
    (tmp_path / "pub.pem").write_text(public_key_pem(info.public_key))
    script = "\n".join(
        line
        for line in _block("sh").splitlines()
        if "unzip" not in line  # unzip: optional
    )

    def run(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["sh", "-e", "-c", script],
            cwd=tmp_path,
            env={**os.environ, "F": str(path)},
            capture_output=True,
            text=True,
            check=False,
        )

    good = run(exported.path)
    assert good.returncode == 0, good.stderr
    assert "Signature Verified Successfully" in good.stdout
    changed = bytearray(exported.data)
    changed[-300] ^= 0x01
    (tmp_path / "changed").write_bytes(changed)
    bad = run(tmp_path / "changed")
    assert bad.returncode != 0 and "Signature Verified Successfully" not in bad.stdout


def _offsets(data: bytes) -> list[int]:
    """Every byte of the header, signature, key and manifest, and of each part's first and last
    64 bytes; every 11th byte elsewhere; and the archive's last 256 bytes (central directory)."""
    chosen = set(range(export_file.PAYLOAD_AT + 256)) | set(range(len(data) - 256, len(data)))
    chosen |= set(range(0, len(data), 11))
    for name in re.finditer(rb"tables/[a-z_]+\.(json|csv)|manifest\.json", data):
        chosen |= set(range(name.start(), min(len(data), name.end() + 64)))
    return sorted(chosen)


def test_changing_any_byte_makes_reading_fail(exported: Exported) -> None:
    data = exported.data
    offsets = _offsets(data)
    assert len(offsets) > len(data) // 11
    for offset in offsets:
        changed = bytearray(data)
        changed[offset] ^= 0x01
        with pytest.raises(ExportFileError) as error:
            export_file.verify_bytes(bytes(changed))
        if offset >= export_file.SIGNATURE_AT:
            assert "signature does not match" in str(error.value), offset
    for damaged in (data[:-1], data + b"\0", data[: export_file.PAYLOAD_AT]):
        with pytest.raises(ExportFileError):
            export_file.verify_bytes(damaged)


def test_a_file_of_another_workspace_is_refused(exported: Exported, tmp_path: Path) -> None:
    workspace, _ = create_workspace(tmp_path / "other")
    other = workspace.sign_in("admin", "river-stone-mango-lantern")
    try:
        theirs = export_key(other.unit_of_work(), other.actor).fingerprint
    finally:
        other.close()
    assert theirs != exported.done.fingerprint
    with pytest.raises(ExportFileError, match="signed by another key"):
        read_verified(exported.path, theirs)


def test_the_file_holds_none_of_the_workspaces_secrets(
    exported: Exported, demo: tuple[SqlOpenWorkspace, Secrets]
) -> None:
    _, secrets = demo
    assert len(secrets.values) > 1000 and len(secrets.words) > 300
    assert find_planted([exported.path.parent], secrets.values) == []
    # the export's own vocabulary (taxonomy codes, table and field names) is in every export,
    # whoever the parties are: a description's "family" or "livestock" is not a leak there
    vocabulary = set(re.findall(r"[a-z]+", " ".join(exported.done.tables.strings())))
    vocabulary |= set(
        re.findall(r"[a-z]+", exported.data[: exported.data.index(b"}}") + 2].decode("latin-1"))
    )
    words = [w for w in secrets.words if w.casefold() not in vocabulary]
    assert len(words) > 0.9 * len(secrets.words)
    assert whole_words(exported.data, words) == []
    # the parts as Suluhu reads them, once more
    verified = read_verified(exported.path)
    text = " ".join(verified.tables.strings()).casefold()
    found = [s for s in secrets.values + words if s.casefold() in text.split()]
    assert found == []


def test_the_scan_would_find_a_planted_name(exported: Exported) -> None:
    planted = exported.data.replace(b'"cadence"', b'"Otieno"', 1)
    assert whole_words(planted, ["Otieno"]) == ["Otieno"]


def test_a_full_disk_leaves_nothing_and_logs_nothing(
    demo: tuple[SqlOpenWorkspace, Secrets], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened, _ = demo
    with opened.unit_of_work() as uow:
        before = len(uow.export_log.all())

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)  # the export writes with os.write
    target = tmp_path / "full.suluhu-export"
    with pytest.raises(ExportWriteError, match="not enough free space.*nothing was written"):
        _export(opened, Period.month(2026, 9), target)
    assert list(tmp_path.iterdir()) == []
    with opened.unit_of_work() as uow:
        assert len(uow.export_log.all()) == before


def test_the_log_lists_each_export_and_a_re_export_is_sequence_two(
    demo: tuple[SqlOpenWorkspace, Secrets], tmp_path: Path
) -> None:
    opened, _ = demo
    august = Period.month(2026, 8)
    first = _export(opened, august, tmp_path / "a1.suluhu-export")
    second = _export(opened, august, tmp_path / "a2.suluhu-export")
    assert (first.entry.sequence, second.entry.sequence) == (1, 2)
    assert read_verified(tmp_path / "a2.suluhu-export").manifest.sequence == 2
    from desktop.domain.services.export_log import list_exports

    log = list_exports(opened.unit_of_work(), opened.actor)
    assert [(e.period, e.sequence) for e in log[:2]] == [(august, 2), (august, 1)]
    assert (
        log[0].file_sha256
        == hashlib.sha256((tmp_path / "a2.suluhu-export").read_bytes()).hexdigest()
    )
    assert log[0].username == "admin"


def test_migration_0007_gives_an_existing_workspace_its_key(tmp_path: Path) -> None:
    from alembic import command
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    from sqlalchemy import select

    from storage import schema, tables
    from storage.engine import open_engine

    engine = open_engine(tmp_path / "old.db", os.urandom(32), create=True)
    try:
        with engine.begin() as conn:
            command.upgrade(schema.alembic_config(conn), "0006")
            assert (
                "signing_key"
                not in conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()
            )
        schema.upgrade(engine)
        with engine.connect() as conn:
            rows = conn.execute(select(tables.signing_key)).all()
    finally:
        engine.dispose()
    assert len(rows) == 1
    private = Ed25519PrivateKey.from_private_bytes(rows[0].private_key)
    assert private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) == rows[0].public_key
