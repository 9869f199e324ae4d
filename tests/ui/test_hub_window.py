"""The hub window (desktop/views/hub) over a real hub folder and real signed exports from a
small demo workspace: dropped files show one row each; a tampered file shows its refusal; a
new committee's key is asked about and imported after Confirm, refused after Refuse; a changed
key is asked about with a warning; the import runs off the GUI thread."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from desktop.domain.model.export_tables import Period
from desktop.domain.services.hub_import import ImportOptions
from desktop.views.hub.hub_window import HubWindow
from desktop.views.hub.key_prompt import KeyQuestion
from desktop.workspace import HubFileResult, ImportStopped
from storage import export_file
from storage.hub.workspace import HubSession, open_hub
from tests.hub_backends import HubMaker
from tests.hub_support import as_committee, demo_export_files
from tests.support import CHEAP_KDF

OCTOBER = Period.month(2026, 10)
HUB_PASSPHRASE = "blue-heron-copper-kettle"


class Exports(NamedTuple):
    first: bytes  # October, sequence 1
    second: bytes  # October, sequence 2
    september: bytes
    committee: str
    fingerprint: str


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Exports:
    folder = tmp_path_factory.mktemp("committee")
    made = demo_export_files(
        folder, [OCTOBER, OCTOBER, Period.month(2026, 9)], cases=40, seed_actors=2
    )
    verified = export_file.verify_bytes(made[0])
    return Exports(*made, verified.manifest.committee, verified.fingerprint)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubSession]:
    from storage.hub.store import HubFolder

    HubFolder(tmp_path / "hub", kdf=CHEAP_KDF).create(HUB_PASSPHRASE)
    session = open_hub(tmp_path / "hub", HUB_PASSPHRASE, CHEAP_KDF)
    try:
        yield session
    finally:
        session.close()


class Officer:
    """Stands in for the key prompt: records each question and gives a set answer."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.questions: list[KeyQuestion] = []

    def __call__(self, question: KeyQuestion) -> bool:
        self.questions.append(question)
        return self.answer


def window_for(qtbot: QtBot, hub: HubSession, answer: bool) -> tuple[HubWindow, Officer]:
    window = HubWindow(hub)
    qtbot.addWidget(window)
    officer = Officer(answer)
    window.confirm_key = officer
    return window, officer


def write(folder: Path, **files: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / f"{name}.suluhu-export").write_bytes(data)
    return folder


def drop(window: HubWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    area = window.drop_area
    event = QDropEvent(
        QPointF(area.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    area.dropEvent(event)


def finished(qtbot: QtBot, window: HubWindow, rows: int) -> list[tuple[str, str, str]]:
    model = window.results
    qtbot.waitUntil(lambda: not window.busy and model.rowCount() == rows, timeout=20_000)
    return [
        tuple(str(model.index(r, c).data()) for c in range(3))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def test_dropped_files_of_a_new_committee_are_imported_after_confirm(
    qtbot: QtBot, hub: HubSession, exports: Exports, tmp_path: Path
) -> None:
    window, officer = window_for(qtbot, hub, answer=True)
    inbox = write(tmp_path / "inbox", a=exports.september, b=exports.first)
    (inbox / "notes.txt").write_text("not an export: not picked up from a folder")
    drop(window, [inbox])
    rows = finished(qtbot, window, 2)
    assert [q.committee for q in officer.questions] == [exports.committee]
    [question] = officer.questions
    assert question.fingerprint == exports.fingerprint and not question.changed
    assert question.files == 2
    assert [(name, result) for name, result, _ in rows] == [
        ("a.suluhu-export", "Imported"),
        ("b.suluhu-export", "Imported"),
    ]
    assert rows[0][2].startswith(f"imported {exports.committee} 2026-09 sequence 1")
    assert "2 files: 2 imported" in window.status.text()
    committees = window.committees
    qtbot.waitUntil(lambda: committees.rowCount() == 1)
    shown = [str(committees.index(0, c).data()) for c in range(6)]
    assert shown[0] == exports.committee and shown[5] == exports.fingerprint
    assert shown[3] == "2026-10" and shown[4] == "Active"
    assert [c.pseudonym for c in hub.committees()] == [exports.committee]


def test_refusing_the_key_imports_nothing(
    qtbot: QtBot, hub: HubSession, exports: Exports, tmp_path: Path
) -> None:
    window, officer = window_for(qtbot, hub, answer=False)
    path = write(tmp_path / "inbox", a=exports.first) / "a.suluhu-export"
    window.import_paths([path])
    [(_, result, detail)] = finished(qtbot, window, 1)
    assert len(officer.questions) == 1
    assert result == "Refused: key not confirmed"
    assert exports.fingerprint in detail
    assert hub.committees() == []
    window.import_paths([path])  # a refused key is not asked about again in this session
    finished(qtbot, window, 1)
    assert len(officer.questions) == 1


def test_a_tampered_file_shows_its_refusal_and_the_rest_import(
    qtbot: QtBot, hub: HubSession, exports: Exports, tmp_path: Path
) -> None:
    hub.import_file(write(tmp_path / "x", s=exports.september) / "s.suluhu-export",
                    ImportOptions(accept_new_keys=True))  # fmt: skip
    flipped = bytearray(exports.second)
    flipped[len(flipped) // 2] ^= 0x01
    inbox = write(tmp_path / "inbox", a=exports.first, b=bytes(flipped), c=exports.second)
    window, officer = window_for(qtbot, hub, answer=True)
    drop(window, sorted(inbox.iterdir()))
    rows = finished(qtbot, window, 3)
    assert officer.questions == []
    assert [result for _, result, _ in rows] == [
        "Imported",
        "Refused: changed or damaged after signing",
        "Replaced sequence 1",
    ]
    assert "refused: " in rows[1][2]
    window.import_paths([inbox / "c.suluhu-export"])
    [(_, result, _)] = finished(qtbot, window, 1)
    assert result == "Duplicate"


def test_a_changed_key_is_asked_about_with_a_warning(
    qtbot: QtBot, hub: HubSession, exports: Exports, tmp_path: Path
) -> None:
    hub.import_file(write(tmp_path / "x", s=exports.september) / "s.suluhu-export",
                    ImportOptions(accept_new_keys=True))  # fmt: skip
    forged = as_committee(exports.first, Ed25519PrivateKey.generate(), export_id=str(uuid.uuid4()))
    new_key = export_file.verify_bytes(forged).fingerprint
    window, officer = window_for(qtbot, hub, answer=False)
    qtbot.waitUntil(lambda: window.committees.rowCount() == 1)
    window.import_paths([write(tmp_path / "inbox", f=forged) / "f.suluhu-export"])
    [(_, result, _)] = finished(qtbot, window, 1)
    [question] = officer.questions
    assert question.changed and question.fingerprint == new_key
    assert question.trusted == exports.fingerprint
    assert result == "Refused: changed key not confirmed"
    assert hub.committees()[0].fingerprint == exports.fingerprint


def test_the_import_runs_off_the_gui_thread(
    qtbot: QtBot, hub: HubSession, exports: Exports, tmp_path: Path
) -> None:
    threads: list[threading.Thread] = []
    real = hub.import_files

    def spy(paths: Sequence[Path], options: ImportOptions) -> list[HubFileResult]:
        threads.append(threading.current_thread())
        return real(paths, options)

    hub.import_files = spy  # type: ignore[method-assign]
    window, _ = window_for(qtbot, hub, answer=True)
    window.import_paths([write(tmp_path / "inbox", a=exports.first)])
    assert window.busy and not window.drop_area.choose_files.isEnabled()
    finished(qtbot, window, 1)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert window.drop_area.choose_files.isEnabled()


def test_the_unlock_dialog_says_when_the_passphrase_is_wrong_then_opens(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop.views.hub.unlock_dialog import HubUnlockDialog
    from storage.hub.store import HubFolder

    folder = tmp_path / "hub"
    HubFolder(folder, kdf=CHEAP_KDF).create(HUB_PASSPHRASE)
    dialog = HubUnlockDialog(folder, lambda text: open_hub(folder, text, CHEAP_KDF))
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("not-the-right-one-at-all")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    assert dialog.message.text() == "The hub's passphrase is wrong." and dialog.hub is None
    dialog.passphrase.setText(HUB_PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.submit()
    assert dialog.hub is not None
    assert dialog.hub.committees() == []
    dialog.hub.close()


def test_the_unlock_dialog_asks_for_what_opens_the_hub_on_each_backend(
    qtbot: QtBot, make_hub: HubMaker
) -> None:
    from desktop.views.hub.unlock_dialog import HubUnlockDialog

    hub = make_hub.folder()
    server = hub.backend_kind() == "postgresql"
    dialog = HubUnlockDialog(
        hub.folder, lambda text: open_hub(hub.folder, text, CHEAP_KDF), server=server
    )
    qtbot.addWidget(dialog)
    assert ("PostgreSQL server" in dialog.intro.text()) is server
    dialog.submit()
    wanted = "Type the server's password." if server else "Type the hub's passphrase."
    assert dialog.message.text() == wanted
    dialog.passphrase.setText("not-the-right-one-at-all")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=20_000)
    assert dialog.hub is None and "wrong" in dialog.message.text()
    assert "not-the-right-one-at-all" not in dialog.message.text()
    dialog.passphrase.setText(make_hub.secret)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.submit()
    assert dialog.hub is not None and dialog.hub.committees() == []
    dialog.hub.close()


def test_a_typed_server_password_is_kept_in_the_keyring_only_when_asked_and_right(
    qtbot: QtBot, make_hub: HubMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.views.hub.unlock_dialog import HubUnlockDialog
    from tests.support import MemoryKeyring, with_keyring

    ring = MemoryKeyring()
    with_keyring(monkeypatch, ring)
    hub = make_hub.folder()
    server = hub.backend_kind() == "postgresql"
    assert hub.can_remember_password() is server  # a SQLite hub's passphrase is never kept
    remember = hub.remember_password if hub.can_remember_password() else None
    dialog = HubUnlockDialog(
        hub.folder, lambda text: open_hub(hub.folder, text, CHEAP_KDF), server=server,
        remember=remember,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.remember_box.isVisible() is server and not dialog.remember_box.isChecked()
    dialog.remember_box.setChecked(server)
    dialog.passphrase.setText("not-the-right-one-at-all")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=20_000)
    assert dialog.hub is None and ring.entries == {}  # a wrong password is never kept
    dialog.passphrase.setText(make_hub.secret)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.submit()
    assert dialog.hub is not None
    dialog.hub.close()
    if server:
        assert dialog.remembered is True
        assert list(ring.entries.values()) == [make_hub.secret]
        assert not hub.needs_passphrase()  # the next start opens it without asking
        with hub.open(None) as store:
            assert store.committees() == []
    else:
        assert dialog.remembered is None and ring.entries == {} and hub.needs_passphrase()


def test_the_unlock_dialog_cannot_be_dismissed_while_it_unlocks(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop.views.hub.unlock_dialog import HubUnlockDialog
    from storage.hub.store import HubFolder

    folder = tmp_path / "hub"
    HubFolder(folder, kdf=CHEAP_KDF).create(HUB_PASSPHRASE)
    started, release = threading.Event(), threading.Event()

    def opener(text: str) -> HubSession:
        started.set()
        release.wait(30)
        return open_hub(folder, text, CHEAP_KDF)

    dialog = HubUnlockDialog(folder, opener)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText(HUB_PASSPHRASE)
    dialog.submit()
    assert started.wait(30)
    dialog.reject()  # Esc while unlocking: nothing happens
    assert dialog.isVisible() and dialog.result() == 0
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        release.set()
    assert dialog.hub is not None
    dialog.hub.close()
    rejected = HubUnlockDialog(folder, opener)
    qtbot.addWidget(rejected)
    rejected.show()
    with qtbot.waitSignal(rejected.rejected, timeout=5_000):
        rejected.reject()  # not unlocking: Esc closes it


def test_an_unticked_box_keeps_no_server_password(
    qtbot: QtBot, make_hub: HubMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.views.hub.unlock_dialog import HubUnlockDialog
    from tests.support import MemoryKeyring, with_keyring

    ring = MemoryKeyring()
    with_keyring(monkeypatch, ring)
    hub = make_hub.folder()
    kept: list[str] = []

    def remember(password: str) -> bool:
        kept.append(password)
        return hub.remember_password(password)

    dialog = HubUnlockDialog(
        hub.folder, lambda text: open_hub(hub.folder, text, CHEAP_KDF), server=True,
        remember=remember,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(make_hub.secret)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.submit()
    assert dialog.hub is not None
    dialog.hub.close()
    assert kept == [] and ring.entries == {} and dialog.remembered is None


def test_cancel_stops_after_the_batch_being_imported_and_says_how_many_were_not_read(
    qtbot: QtBot, hub: HubSession, exports: Exports, tmp_path: Path
) -> None:
    from desktop.views.hub.hub_window import BATCH

    inbox = write(tmp_path / "inbox", **{f"copy-{n:02d}": exports.first for n in range(BATCH + 5)})
    started, release = threading.Event(), threading.Event()
    real = hub.import_files

    def held(paths: Sequence[Path], options: ImportOptions) -> list[HubFileResult]:
        started.set()
        release.wait(20)  # the first batch waits until the officer has pressed Cancel
        return real(paths, options)

    hub.import_files = held  # type: ignore[method-assign]
    window, _ = window_for(qtbot, hub, answer=True)
    window._confirmed.add((exports.committee, exports.fingerprint))  # confirmed earlier
    window.import_paths([inbox])
    try:
        qtbot.waitUntil(started.is_set, timeout=20_000)
        assert not window.cancel_button.isHidden()
        window.cancel_import()
    finally:
        release.set()
    rows = finished(qtbot, window, BATCH)
    assert [r[1] for r in rows].count("Imported") == 1
    assert "Cancelled: 5 file" in window.status.text() and "left unread" in window.status.text()
    assert window.cancel_button.isHidden()


def test_a_batch_that_stops_midway_shows_what_was_imported_and_why_it_stopped(
    qtbot: QtBot, hub: HubSession, exports: Exports, tmp_path: Path
) -> None:
    inbox = write(tmp_path / "inbox", a=exports.september, b=exports.first, c=exports.second)
    real = hub.import_files

    def disk_fills(paths: Sequence[Path], options: ImportOptions) -> list[HubFileResult]:
        done = real(paths[:1], options)  # the first file goes in, then the disk is full
        raise ImportStopped(done, paths[1], OSError(28, "No space left on device"))

    hub.import_files = disk_fills  # type: ignore[method-assign]
    window, _ = window_for(qtbot, hub, answer=True)
    window._confirmed.add((exports.committee, exports.fingerprint))  # confirmed earlier
    window.import_paths([inbox])
    rows = finished(qtbot, window, 1)
    assert rows[0][0] == "a.suluhu-export" and rows[0][1] == "Imported"
    text = window.status.text()
    assert "stopped at b.suluhu-export" in text and "No space left on device" in text
    assert [e.period.label for e in hub.store.exports()] == ["2026-09"]


def test_the_window_locks_after_idle_minutes_and_on_lock(qtbot: QtBot, hub: HubSession) -> None:
    idle = HubWindow(hub, idle_lock_ms=50)
    qtbot.addWidget(idle)
    with qtbot.waitSignal(idle.locked, timeout=5_000):
        pass  # nobody touched the keyboard or mouse
    pressed = HubWindow(hub)
    qtbot.addWidget(pressed)
    with qtbot.waitSignal(pressed.locked, timeout=1_000):
        pressed.lock_button.click()
    assert not pressed.idle.timer.isActive()


def test_locking_during_an_import_asks_nothing_and_starts_nothing(
    qtbot: QtBot, hub: HubSession, exports: Exports, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QDialog

    inbox = write(tmp_path / "inbox", a=exports.first)  # a new committee: a question waits
    started, release = threading.Event(), threading.Event()
    real = hub.import_files
    calls: list[int] = []

    def held(paths: Sequence[Path], options: ImportOptions) -> list[HubFileResult]:
        calls.append(len(paths))
        started.set()
        release.wait(20)
        return real(paths, options)

    hub.import_files = held  # type: ignore[method-assign]
    window, officer = window_for(qtbot, hub, answer=True)
    open_dialog = QDialog(window)
    open_dialog.setModal(True)
    window.import_paths([inbox])
    try:
        qtbot.waitUntil(started.is_set, timeout=20_000)
        open_dialog.show()
        with qtbot.waitSignal(window.locked, timeout=1_000):
            window.lock()
        assert not open_dialog.isVisible()  # a dialog left open would act on the closed hub
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)
    assert officer.questions == [] and calls == [1]  # no question, no second import
    assert not window.dashboard.isEnabled()
