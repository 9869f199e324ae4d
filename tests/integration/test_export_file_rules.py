"""The export file's rules past the signature (storage/export_file.py): files signed correctly,
with a key of their own (anyone can make one), that break a rule of the archive or of its parts
are each refused with their own sentence; what is read is bounded and regular; and saving over
an earlier file never loses it when the export's commit fails."""

from __future__ import annotations

import hashlib
import io
import json
import os
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.domain.model.export_tables import Period
from desktop.domain.services.export_log import ExportDone, export_period
from storage import export_codec, export_file
from storage.export_file import ExportFileError, read_verified, verify_bytes
from storage.open_workspace import SqlOpenWorkspace
from tests.support import create_workspace

Parts = list[tuple[str, bytes]]
MANIFEST = export_file.MANIFEST


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlOpenWorkspace]:
    workspace, _ = create_workspace(tmp_path_factory.mktemp("rules") / "ws")
    opened = workspace.sign_in("admin", "river-stone-mango-lantern")
    try:
        yield opened
    finally:
        opened.close()


def _last_month(opened: SqlOpenWorkspace) -> Period:
    first = opened.clock.today().replace(day=1)
    return Period.month(first.year - (first.month == 1), (first.month - 2) % 12 + 1)


def _export(opened: SqlOpenWorkspace, path: Path) -> ExportDone:
    return export_period(
        opened.unit_of_work(),
        opened.actor,
        opened.clock,
        opened.taxonomy,
        _last_month(opened),
        opened.export_writer(path),
        app_version="0.1.0",
    )


@pytest.fixture(scope="module")
def genuine(opened: SqlOpenWorkspace, tmp_path_factory: pytest.TempPathFactory) -> Parts:
    """The parts of a genuine export, in order."""
    path = tmp_path_factory.mktemp("genuine") / "genuine.suluhu-export"
    _export(opened, path)
    payload = path.read_bytes()[export_file.PAYLOAD_AT :]
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def signed(parts: Parts, compressed: str = "") -> bytes:
    """An export file of ``parts`` as given, signed correctly with a new key of its own."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in parts:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                kind = zipfile.ZIP_DEFLATED if name == compressed else zipfile.ZIP_STORED
                archive.writestr(info, data, compress_type=kind)
    payload = buffer.getvalue()
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes_raw()
    header = export_file.HEADER
    return header + key.sign(header + public + payload) + public + payload


def relisted(parts: Parts) -> Parts:
    """``parts`` with a manifest that lists them, with their true sizes and hashes."""
    manifest = json.loads(dict(parts)[MANIFEST])
    manifest["parts"] = [
        {"name": n, "sha256": hashlib.sha256(d).hexdigest(), "bytes": len(d)}
        for n, d in parts
        if n != MANIFEST
    ]
    return [
        (MANIFEST, export_codec.canonical_json(manifest)),
        *(p for p in parts if p[0] != MANIFEST),
    ]


def _replaced(parts: Parts, name: str, data: bytes) -> Parts:
    return [(n, data if n == name else d) for n, d in parts]


def _first(parts: Parts, suffix: str) -> str:
    return next(n for n, _ in parts if n.startswith("tables/") and n.endswith(suffix))


NESTED = b"[" * 100_000 + b"]" * 100_000
Craft = Callable[[Parts], bytes]
CRAFTED: dict[str, tuple[Craft, str]] = {
    "compressed part": (
        lambda p: signed(p, compressed=_first(p, ".csv")),
        r"The part tables/\w+\.csv is compressed\.",
    ),
    "oversized part": (
        lambda p: signed(
            relisted(_replaced(p, _first(p, ".csv"), b"0" * (export_file.MAX_PART_BYTES + 1)))
        ),
        r"The part tables/\w+\.csv is too large\.",
    ),
    "too many parts": (
        lambda p: signed([*p, *((f"tables/extra_{i}.csv", b"") for i in range(300))]),
        "too many parts",
    ),
    "path outside the export": (
        lambda p: signed([*p, ("../outside.csv", b"a,b\r\n")]),
        "a part an export does not name",
    ),
    "absolute path": (
        lambda p: signed([*p, ("/etc/suluhu.csv", b"a,b\r\n")]),
        "a part an export does not name",
    ),
    "duplicate name": (lambda p: signed([*p, p[1]]), "a part twice"),
    "no manifest": (lambda p: signed(p[1:]), "has no manifest"),
    "part not in the manifest": (
        lambda p: signed([*p, ("tables/extra.csv", b"a,b\r\n")]),
        "differ from the manifest's list",
    ),
    "part of the manifest missing": (
        lambda p: signed([x for x in p if x[0] != _first(p, ".csv")]),
        "differ from the manifest's list",
    ),
    "part changed after listing": (
        lambda p: signed(_replaced(p, _first(p, ".csv"), b"a,b\r\n")),
        r"The part tables/\w+\.csv does not match its hash\.",
    ),
    "CSV that differs from its JSON": (
        lambda p: signed(relisted(_replaced(p, _first(p, ".csv"), b"a,b\r\n"))),
        r"The CSV of \w+ differs from its JSON\.",
    ),
    "deeply nested table": (
        lambda p: signed(relisted(_replaced(p, _first(p, ".json"), NESTED))),
        "A table part is nested too deeply",
    ),
    "deeply nested manifest": (
        lambda p: signed(_replaced(p, MANIFEST, b'{"a":' * 50_000 + b"1" + b"}" * 50_000)),
        "The manifest is nested too deeply",
    ),
}


def test_the_self_signed_copy_of_a_genuine_export_reads(genuine: Parts) -> None:
    """The crafting is sound: re-signed and re-listed, the genuine parts read back."""
    verified = verify_bytes(signed(relisted(genuine)))
    assert len(verified.tables.tables) == (len(genuine) - 1) // 2


@pytest.mark.parametrize("rule", list(CRAFTED))
def test_a_correctly_signed_file_that_breaks_a_rule_is_refused(genuine: Parts, rule: str) -> None:
    craft, message = CRAFTED[rule]
    data = craft(genuine)
    assert len(data) <= export_file.MAX_FILE_BYTES
    with pytest.raises(ExportFileError, match=message):
        verify_bytes(data)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.suluhu-export"
    os.mkfifo(fifo)
    with pytest.raises(ExportFileError, match="could not be read"):
        read_verified(fifo)
    with pytest.raises(ExportFileError, match="could not be read"):
        read_verified(tmp_path)  # a folder


def test_a_file_too_large_is_refused_after_reading_at_most_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.suluhu-export"
    big.write_bytes(export_file.HEADER + b"\0" * export_file.MAX_FILE_BYTES)
    with pytest.raises(ExportFileError, match="too large"):
        read_verified(big)


def test_a_failed_commit_keeps_the_earlier_file_it_would_replace(
    opened: SqlOpenWorkspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "earlier.suluhu-export"
    earlier = _export(opened, target)
    before = target.read_bytes()
    with opened.unit_of_work() as uow:
        logged = len(uow.export_log.all())
    uow = opened.unit_of_work()

    def fail() -> None:
        raise OSError("disk I/O error")

    monkeypatch.setattr(uow, "commit", fail)
    with pytest.raises(OSError, match="disk I/O error"):
        export_period(
            uow, opened.actor, opened.clock, opened.taxonomy, _last_month(opened),
            opened.export_writer(target), app_version="0.1.0",
        )  # fmt: skip
    assert target.read_bytes() == before  # the earlier export, whole
    assert read_verified(target).manifest == earlier.manifest
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left
    with opened.unit_of_work() as check:
        assert len(check.export_log.all()) == logged


def test_a_new_file_is_removed_when_the_commit_fails(
    opened: SqlOpenWorkspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uow = opened.unit_of_work()
    monkeypatch.setattr(uow, "commit", lambda: (_ for _ in ()).throw(OSError("disk I/O error")))
    with pytest.raises(OSError):
        export_period(
            uow, opened.actor, opened.clock, opened.taxonomy, _last_month(opened),
            opened.export_writer(tmp_path / "new.suluhu-export"), app_version="0.1.0",
        )  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_a_target_that_is_not_a_file_is_never_replaced(
    opened: SqlOpenWorkspace, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(export_file.ExportWriteError, match="already exists"):
        _export(opened, tmp_path / "pipe")
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]
