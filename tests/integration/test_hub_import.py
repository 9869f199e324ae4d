"""The hub's import pipeline (storage/hub/) on real export files from a small demo workspace and
on crafted bad ones: each refusal has its own code and message and leaves the hub unchanged;
the same file twice changes nothing; sequence 2 replaces 1 and an older sequence is refused.
Every test taking ``hub`` runs on SQLCipher and on PostgreSQL (tests/hub_backends.py)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import NamedTuple

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.model.export_tables import SUPPRESSED, Period
from desktop.domain.services.hub_import import (
    Duplicate,
    Imported,
    ImportOptions,
    RefusalCode,
    Refused,
    Superseded,
)
from desktop.workspace import ImportStopped
from storage import export_file
from storage.hub.store import HubFolder, HubStore
from tests.hub_support import as_committee, demo_export_files
from tests.support import CHEAP_KDF

OCTOBER = Period.month(2026, 10)
HUB_PASSPHRASE = "blue-heron-copper-kettle"
TOFU = ImportOptions(accept_new_keys=True)


class Files(NamedTuple):
    first: bytes  # October, sequence 1
    second: bytes  # October, sequence 2 (a corrected re-export)
    september: bytes
    fingerprint: str


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    folder = tmp_path_factory.mktemp("committee")
    made = demo_export_files(folder, [OCTOBER, OCTOBER, Period.month(2026, 9)], cases=150)
    return Files(*made, export_file.verify_bytes(made[0]).fingerprint)


def resigned(data: bytes, **changes: object) -> bytes:
    """``data``'s tables under a changed manifest, signed by a new key (a genuine file of
    another committee, or of this one after a new key)."""
    return as_committee(data, Ed25519PrivateKey.generate(), **changes)


def test_a_real_export_is_imported_with_its_cells(hub: HubStore, files: Files) -> None:
    decision = hub.import_bytes(files.first, TOFU)
    assert isinstance(decision, Imported) and decision.new_committee is not None
    assert decision.new_committee.fingerprint == files.fingerprint
    verified = export_file.verify_bytes(files.first)
    pseudonym = verified.manifest.committee
    [committee] = hub.committees()
    assert (committee.pseudonym, committee.fingerprint) == (pseudonym, files.fingerprint)
    table = verified.tables.table("received_by_category")
    cells = hub.cells(pseudonym, OCTOBER, "received_by_category")
    assert cells[("*", "")] == table.total
    for (code,), value in table.cells.items():
        assert cells[(code, "")] == value
    assert any(
        v is SUPPRESSED
        for t in verified.tables.tables
        for v in hub.cells(pseudonym, OCTOBER, t.name).values()
    )


def test_the_same_file_twice_changes_nothing(hub: HubStore, files: Files) -> None:
    hub.import_bytes(files.first, TOFU)
    before = hub.digest()
    decision = hub.import_bytes(files.first, TOFU)
    assert isinstance(decision, Duplicate)
    assert hub.digest() == before


def test_sequence_two_replaces_one_and_one_is_then_refused(hub: HubStore, files: Files) -> None:
    hub.import_bytes(files.first, TOFU)
    count = hub.cell_count()
    decision = hub.import_bytes(files.second, ImportOptions())
    assert isinstance(decision, Superseded) and decision.replaced == 1
    assert decision.message.startswith("replaced sequence 1 with")
    assert [(e.sequence, e.current) for e in hub.exports()] == [(1, False), (2, True)]
    assert hub.cell_count() == count  # the cells of sequence 1 are gone, not added to
    before = hub.digest()
    # the file of sequence 1 again: already seen, so a duplicate (not a refusal)
    again = hub.import_bytes(files.first, ImportOptions())
    assert isinstance(again, Duplicate) and hub.digest() == before


def test_an_older_sequence_arriving_after_a_newer_is_refused(hub: HubStore, files: Files) -> None:
    hub.import_bytes(files.second, TOFU)
    before = hub.digest()
    decision = hub.import_bytes(files.first, ImportOptions())
    assert isinstance(decision, Refused) and decision.code is RefusalCode.OLDER_SEQUENCE
    assert hub.digest() == before


def test_two_periods_are_kept_apart(hub: HubStore, files: Files) -> None:
    hub.import_bytes(files.first, TOFU)
    assert isinstance(hub.import_bytes(files.september, ImportOptions()), Imported)
    assert [(e.period.label, e.current) for e in hub.exports()] == [
        ("2026-09", True),
        ("2026-10", True),
    ]


def _bad_files(files: Files) -> dict[RefusalCode, bytes]:
    good = files.first
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x01
    return {
        RefusalCode.NOT_AN_EXPORT: b"PK\x03\x04 a zip file, or anything else",
        RefusalCode.UNKNOWN_FORMAT: b"SULUHU-EXPORT/2\n" + good[16:],
        RefusalCode.TRUNCATED: good[: len(good) - 300],
        RefusalCode.TAMPERED: bytes(flipped),
        RefusalCode.UNKNOWN_KEY: resigned(good, committee="C-00000000AA"),
        RefusalCode.KEY_CHANGED: resigned(good, export_id=str(uuid.uuid4()), sequence=3),
    }


@pytest.mark.parametrize(
    "code",
    [
        RefusalCode.NOT_AN_EXPORT,
        RefusalCode.UNKNOWN_FORMAT,
        RefusalCode.TRUNCATED,
        RefusalCode.TAMPERED,
        RefusalCode.UNKNOWN_KEY,
        RefusalCode.KEY_CHANGED,
    ],
)
def test_each_bad_file_is_refused_with_its_reason_and_changes_nothing(
    hub: HubStore, files: Files, tmp_path: Path, code: RefusalCode
) -> None:
    hub.import_bytes(files.september, TOFU)  # the committee and its key are known
    before = hub.digest()
    path = tmp_path / "bad.suluhu-export"
    path.write_bytes(_bad_files(files)[code])
    decision = hub.import_file(path, ImportOptions())
    assert isinstance(decision, Refused), decision
    assert decision.code is code, decision.message
    assert hub.digest() == before


def test_each_refusal_has_its_own_message(hub: HubStore, files: Files, tmp_path: Path) -> None:
    hub.import_bytes(files.september, TOFU)
    bad = _bad_files(files)
    messages = set()
    for code in bad:
        decision = hub.import_bytes(bad[code], ImportOptions())
        assert isinstance(decision, Refused)
        messages.add(decision.reason)
    assert len(messages) == 6


def test_an_oversized_file_is_refused_before_it_is_read(
    hub: HubStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.suluhu-export"
    with path.open("wb") as stream:
        stream.truncate(16 * 1024 * 1024 + 1)  # sparse: no 16 MiB written
    opened: list[Path] = []
    original = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return original(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spy)
    before = hub.digest()
    decision = hub.import_file(path, TOFU)
    assert isinstance(decision, Refused) and decision.code is RefusalCode.TOO_LARGE
    assert path not in opened
    assert hub.digest() == before


def test_a_signed_file_whose_contents_are_not_an_export_is_refused(
    hub: HubStore, files: Files
) -> None:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    payload = b"PK\x05\x06" + bytes(18)  # an empty ZIP: no manifest
    data = export_file.HEADER + key.sign(export_file.HEADER + public + payload) + public + payload
    before = hub.digest()
    decision = hub.import_bytes(data, TOFU)
    assert isinstance(decision, Refused) and decision.code is RefusalCode.MALFORMED
    assert hub.digest() == before and hub.committees() == []


def test_a_changed_key_is_taken_only_when_confirmed(hub: HubStore, files: Files) -> None:
    hub.import_bytes(files.first, TOFU)
    data = resigned(files.first, export_id=str(uuid.uuid4()), sequence=3)
    new_key = export_file.verify_bytes(data).fingerprint
    assert isinstance(hub.import_bytes(data, TOFU), Refused)
    pseudonym = export_file.verify_bytes(data).manifest.committee
    confirmed = ImportOptions(confirmed_keys=frozenset({(pseudonym, new_key)}))
    decision = hub.import_bytes(data, confirmed)
    assert isinstance(decision, Superseded) and decision.new_key == new_key
    assert hub.committees()[0].fingerprint == new_key


def test_an_import_that_fails_midway_leaves_nothing(
    hub: HubStore, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.hub import store

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store, "_insert_tables", broken)
    before = hub.digest()
    with pytest.raises(OSError):
        hub.import_bytes(files.first, TOFU)
    assert hub.digest() == before and hub.committees() == []


def test_a_batch_is_decided_file_by_file_in_one_transaction(hub: HubStore, files: Files) -> None:
    from storage.hub.reader import verify_export

    batch = [verify_export(b) for b in (files.first, b"not an export", files.second, files.first)]
    decisions = hub.import_many(batch, TOFU)
    assert [type(d) for d in decisions] == [Imported, Refused, Superseded, Duplicate]
    assert [(e.sequence, e.current) for e in hub.exports()] == [(1, False), (2, True)]


def test_a_batch_that_fails_midway_keeps_the_files_before_it_and_none_of_the_failing_one(
    hub: HubStore, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.hub import store
    from storage.hub.reader import verify_export

    real = store._insert_tables
    calls = []

    def second_breaks(*args: object) -> None:
        calls.append(1)
        real(*args)  # type: ignore[arg-type]
        if len(calls) == 2:
            raise OSError("disk full")

    monkeypatch.setattr(store, "_insert_tables", second_breaks)
    with pytest.raises(ImportStopped) as stopped:
        hub.import_many([verify_export(files.september), verify_export(files.first)], TOFU)
    assert isinstance(stopped.value.cause, OSError)
    assert [type(d) for d in stopped.value.done] == [Imported]  # what was committed
    assert [(e.period.label, e.current) for e in hub.exports()] == [("2026-09", True)]
    pseudonym = export_file.verify_bytes(files.first).manifest.committee
    assert hub.cells(pseudonym, OCTOBER, "received_by_category") == {}


def test_the_hub_database_is_encrypted_and_needs_its_passphrase(
    tmp_path: Path, files: Files
) -> None:
    from desktop.workspace import WorkspaceError

    folder = HubFolder(tmp_path / "hub", kdf=CHEAP_KDF)
    recovery = folder.create(HUB_PASSPHRASE)
    from storage.recovery import parse_recovery_key

    assert len(parse_recovery_key(recovery)) == 20
    with folder.open(HUB_PASSPHRASE) as store:
        store.import_bytes(files.first, TOFU)
    raw = (tmp_path / "hub" / "hub.db").read_bytes()
    assert b"SQLite format 3" not in raw and b"received_by_category" not in raw
    with pytest.raises(WorkspaceError, match="passphrase is wrong"):
        folder.open("not-the-right-passphrase")
    with pytest.raises(WorkspaceError, match="already holds a hub"):
        folder.create(HUB_PASSPHRASE)


# -- nothing a file holds can crash the importer or change the hub --------------------------

_MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**9), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 10**9), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10**9), st.integers(0, 255)),
)


def _mutate(data: bytes, mutation: tuple[str, int, int]) -> bytes:
    kind, where, value = mutation
    at = where % (len(data) + 1)
    if kind == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ value]) + data[at + 1 :]
    if kind == "truncate":
        return data[:at]
    return data[:at] + bytes([value]) + data[at:]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.binary(max_size=400).map(lambda b: ("random", b, [])),
        st.lists(_MUTATION, min_size=1, max_size=3).map(lambda m: ("mutated", b"", m)),
    )
)
def test_random_bytes_and_mutations_never_crash_or_change_the_hub(
    hub: HubStore, files: Files, case: tuple[str, bytes, list[tuple[str, int, int]]]
) -> None:
    kind, data, mutations = case
    if kind == "mutated":
        data = files.first
        for mutation in mutations:
            data = _mutate(data, mutation)
        if data == files.first:
            return
    if not hub.committees():
        hub.import_bytes(files.september, TOFU)
    before = hub.digest()
    decision = hub.import_bytes(data, TOFU)
    assert isinstance(decision, Refused), decision
    assert hub.digest() == before


# -- the command line --------------------------------------------------------------------------


def _cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    from desktop import cli

    monkeypatch.setenv("SULUHU_PASSPHRASE", HUB_PASSPHRASE)
    capsys.readouterr()
    code = cli.run(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_cli_creates_a_hub_and_imports_a_folder(
    tmp_path: Path,
    files: Files,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hub = str(tmp_path / "hub")
    code, out, _ = _cli(monkeypatch, capsys, "hub", "init", "--hub", hub)
    assert code == 0 and "Recovery key" in out
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1-october.suluhu-export").write_bytes(files.first)
    (inbox / "2-october-corrected.suluhu-export").write_bytes(files.second)
    (inbox / "notes.txt").write_text("not an export, and not picked up from a folder")

    code, out, _ = _cli(monkeypatch, capsys, "hub", "import", "--hub", hub, str(inbox))
    assert code == 1  # the committee's key is not known yet
    assert out.count("refused:") == 2 and files.fingerprint in out

    args = ("hub", "import", "--hub", hub, "--accept-new-keys", str(inbox))
    code, out, _ = _cli(monkeypatch, capsys, *args)
    lines = out.splitlines()
    assert code == 0, out
    assert lines[0].startswith("1-october.suluhu-export: imported C-")
    assert files.fingerprint in lines[0]
    assert lines[1].startswith("2-october-corrected.suluhu-export: replaced sequence 1 with")
    assert lines[2] == (
        "2 files: 1 imported, 1 replaced an earlier sequence, 0 duplicates, 0 refused."
    )

    bad = tmp_path / "bad.suluhu-export"
    bad.write_bytes(files.first[:-50])
    again = str(inbox / "2-october-corrected.suluhu-export")
    code, out, _ = _cli(monkeypatch, capsys, "hub", "import", "--hub", hub, again, str(bad))
    assert code == 1
    assert out.splitlines()[0].endswith("was already imported; nothing changed")
    assert out.splitlines()[1].startswith("bad.suluhu-export: refused: the file is cut short")
    assert out.splitlines()[2].endswith(
        "0 imported, 0 replaced an earlier sequence, 1 duplicates, 1 refused."
    )


def test_the_cli_says_which_files_went_in_when_the_disk_fills_midway(
    tmp_path: Path,
    files: Files,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from storage.hub import store

    hub = str(tmp_path / "hub")
    assert _cli(monkeypatch, capsys, "hub", "init", "--hub", hub)[0] == 0
    inbox = write_files(tmp_path / "inbox", a=files.september, b=files.first)
    real, calls = store._insert_tables, []

    def second_fills_the_disk(*args: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_insert_tables", second_fills_the_disk)
    code, out, _ = _cli(
        monkeypatch, capsys, "hub", "import", "--hub", hub, "--accept-new-keys", str(inbox)
    )
    lines = out.splitlines()
    assert code == 1 and lines[0].startswith("a.suluhu-export: imported")
    assert "The import stopped at b.suluhu-export: No space left on device." in lines[1]
    assert "The files before it were imported" in lines[1]
    assert "1 files were not imported" in lines[1]
    monkeypatch.setattr(store, "_insert_tables", real)
    code, out, _ = _cli(monkeypatch, capsys, "hub", "import", "--hub", hub, str(inbox))
    assert code == 0 and "1 imported" in out and "1 duplicates" in out


def write_files(folder: Path, **named: bytes) -> Path:
    folder.mkdir()
    for name, data in named.items():
        (folder / f"{name}.suluhu-export").write_bytes(data)
    return folder


def test_the_cli_says_in_one_line_when_the_hub_cannot_be_opened(
    tmp_path: Path,
    files: Files,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hub = str(tmp_path / "hub")
    path = tmp_path / "x.suluhu-export"
    path.write_bytes(files.first)
    code, _, err = _cli(monkeypatch, capsys, "hub", "import", "--hub", hub, str(path))
    assert code == 1 and err.startswith("suluhu: There is no hub at")
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = _cli(monkeypatch, capsys, "hub", "import", "--hub", hub, str(empty))
    assert code == 1 and err == "suluhu: No export files were found; nothing was changed.\n"
    _cli(monkeypatch, capsys, "hub", "init", "--hub", hub)
    monkeypatch.setenv("SULUHU_PASSPHRASE", "a-wrong-passphrase-here")
    from desktop import cli

    assert cli.run(["hub", "import", "--hub", hub, str(path)]) == 1
    assert capsys.readouterr().err == "suluhu: The hub's passphrase is wrong.\n"


def test_a_really_full_database_reports_only_what_it_kept(tmp_path: Path, files: Files) -> None:
    """SQLite ends the whole transaction on SQLITE_FULL (here from a page limit: the same error
    as a full disk): no file of the batch may then be reported imported."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from storage.hub.reader import verify_export
    from tests.hub_support import as_committee, new_hub

    batch = [
        verify_export(
            as_committee(
                files.first, Ed25519PrivateKey.generate(), committee=f"C-{n:010X}",
                export_id=str(uuid.uuid4()),
            )
        )
        for n in range(1, 61)
    ]  # fmt: skip
    store = new_hub(tmp_path / "hub")
    try:
        with store.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
            conn.exec_driver_sql(f"PRAGMA max_page_count = {int(pages) + 40}")
            conn.commit()
        with pytest.raises(ImportStopped) as stopped:
            store.import_many(batch, TOFU)
    finally:
        store.close()
    reopened = HubFolder(tmp_path / "hub", kdf=CHEAP_KDF).open(HUB_PASSPHRASE)
    try:
        held = len(reopened.exports())
    finally:
        reopened.close()
    assert len(stopped.value.done) == held  # never a file reported that is not there
    assert "full" in str(stopped.value).lower() and "savepoint" not in str(stopped.value)
    if not stopped.value.kept:
        assert "Nothing of the files of this batch was imported" in str(stopped.value)
