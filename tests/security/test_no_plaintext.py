"""No plaintext case data on disk: not in the database, its WAL or shared memory, the key and
throttle files, the logs, the backups or the temporary folder, while the workspace is open and
after it is closed; and no party data in error messages.

Every planted value is a synthetic, distinctive string, searched for in UTF-8, UTF-16-LE and
UTF-16-BE, as written, casefolded and upper-cased. A control proves the scan finds what it
looks for.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.model.dispute import Channel, Party, PartyRole
from desktop.domain.model.users import Role, User
from desktop.domain.services.disputes import RegisterDispute, register_dispute
from desktop.workspace import WrongPassphrase
from storage.open_workspace import SqlOpenWorkspace
from storage.workspace import SqlCipherWorkspace
from tests.support import (
    ADMIN,
    ADMIN_PASSPHRASE,
    MemoryKeyring,
    case_numbers,
    create_workspace,
    find_planted,
    make_workspace,
)

PARTY = {
    "complainant": "Zawadi Quillfeather-Mbwenge",
    "respondent": "Barnabas Oyelowo-Xendrick",
    "phone": "+254711987654",
    "village": "Kijiji Zyxwvutani",
    "narrative": "the spotted goat Quasimodo trampled the indigo ledger",
}
RESTRICTED = {
    "complainant": "Ndinda Restrictova-Kalamu",
    "respondent": "Ogwambo Hushwhistle",
    "phone": "+254722864209",
    "village": "Mtaa Vorpalwood",
    "narrative": "a whispered threat beside the marula tree at dusk",
}
USER = {"username": "theo.vanderquill", "display_name": "Theophilus Vanderquill"}
PLANTED = [*PARTY.values(), *RESTRICTED.values(), *USER.values()]
MEMBER_PASSPHRASE = "blue-heron-quiet-harbour"


@dataclass
class Scene:
    folder: Path  # the workspace
    temp: Path  # TMPDIR for this test
    outside: Path  # input files (a CSV with party data): deliberately not scanned
    keyring: MemoryKeyring

    @property
    def roots(self) -> list[Path]:
        return [self.folder, self.temp]

    def workspace(self) -> SqlCipherWorkspace:
        return make_workspace(self.folder, self.keyring)


@pytest.fixture
def scene(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Scene]:
    temp = tmp_path / "tmp"
    temp.mkdir()
    for variable in ("TMPDIR", "TEMP", "TMP", "SQLITE_TMPDIR"):
        monkeypatch.setenv(variable, str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    outside = tmp_path / "input"
    outside.mkdir()
    keyring = MemoryKeyring()
    workspace, _ = create_workspace(tmp_path / "ws", keyring)
    # log to the workspace's logs/ as the app does
    from desktop.bootstrap import setup_logging

    logger = logging.getLogger("suluhu")
    saved = (list(logger.handlers), logger.level)
    setup_logging(workspace.folder)
    try:
        yield Scene(workspace.folder, temp, outside, keyring)
    finally:
        for handler in logger.handlers:
            handler.close()
        logger.handlers[:], logger.level = saved


def _register(opened: SqlOpenWorkspace, values: dict[str, str], category: str) -> str:
    command = RegisterDispute(
        received_on=date(2026, 1, 5),
        channel=Channel.WALK_IN,
        category=category,
        description=values["narrative"],
        parties=(
            Party(
                PartyRole.COMPLAINANT,
                values["complainant"],
                phone=values["phone"],
                village=values["village"],
            ),
            Party(PartyRole.RESPONDENT, values["respondent"], village=values["village"]),
        ),
    )
    dispute = register_dispute(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, command
    )
    return dispute.number


def _fill(opened: SqlOpenWorkspace) -> None:
    opened.add_user(User(USER["username"], USER["display_name"], Role.MEMBER), MEMBER_PASSPHRASE)
    for _ in range(3):
        _register(opened, PARTY, "land_boundary")
    restricted = _register(opened, RESTRICTED, "gbv")
    with opened.unit_of_work() as uow:
        assert uow.disputes.search("Quillfeather")  # type: ignore[attr-defined]
        dispute = uow.disputes.get(4)
    assert dispute is not None and dispute.number == restricted and dispute.restricted


def _assert_not_sqlite(path: Path) -> None:
    assert path.read_bytes()[:16] != b"SQLite format 3\x00", path
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            connection.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        connection.close()


def test_the_scan_can_fail(scene: Scene) -> None:
    """Control: the scanner finds a planted value in every encoding and form it checks, in
    both trees, and in a plain SQLite database."""
    assert find_planted(scene.roots, PLANTED) == []
    name = PARTY["complainant"]
    for root in scene.roots:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            for text in (name, name.casefold(), name.upper()):
                probe = root / "nested" / f"probe-{encoding}.bin"
                probe.parent.mkdir(exist_ok=True)
                probe.write_bytes(b"\x00noise\xff" + text.encode(encoding) + b"\x01tail")
                found = find_planted(scene.roots, PLANTED)
                assert found == [f"{probe}: {name!r} ({encoding})"], found
                probe.unlink()
    plain = scene.temp / "plain.db"
    connection = sqlite3.connect(plain)
    connection.execute("CREATE TABLE parties (name TEXT)")
    connection.execute("INSERT INTO parties VALUES (?)", (RESTRICTED["phone"],))
    connection.commit()
    connection.close()
    assert find_planted(scene.roots, PLANTED) == [f"{plain}: {RESTRICTED['phone']!r} (utf-8)"]


def test_no_plaintext_on_disk_while_open_after_close_and_in_backups(scene: Scene) -> None:
    opened = scene.workspace().sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        _fill(opened)
        # the WAL is live and holds the new pages: nothing checkpointed yet
        wal = scene.folder / "suluhu.db-wal"
        assert wal.stat().st_size > 0
        assert (scene.folder / "suluhu.db-shm").exists()
        assert find_planted(scene.roots, PLANTED) == []
        made = opened.backup()
        assert made.parent == scene.folder / "backups"
        assert find_planted(scene.roots, PLANTED) == []
        numbers = case_numbers(opened)
    finally:
        opened.close()
    assert len(numbers) == 4
    assert (scene.folder / "logs" / "suluhu.log").exists()
    expected = {"keys.json", "suluhu.db", "workspace.json", "backups", "logs"}
    assert expected <= {p.name for p in scene.folder.iterdir()}
    assert find_planted(scene.roots, PLANTED) == []
    for database in (scene.folder / "suluhu.db", made):
        _assert_not_sqlite(database)
    # the member signs in (their slot, the throttle file after a failure): still nothing
    workspace = scene.workspace()
    with pytest.raises(WrongPassphrase):
        workspace.sign_in(USER["username"], "not-the-passphrase-1")
    workspace.sign_in(USER["username"], MEMBER_PASSPHRASE).close()
    assert (scene.folder / "signin.json").exists()
    assert find_planted(scene.roots, PLANTED) == []


def test_error_messages_hold_no_party_data(
    scene: Scene,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, phone = PARTY["complainant"], PARTY["phone"]
    workspace = scene.workspace()
    # a wrong passphrase, even one made of a party's name, typed as a name
    with pytest.raises(WrongPassphrase) as wrong:
        workspace.sign_in(name, name + " 2026!")
    with pytest.raises(WrongPassphrase) as wrong_admin:
        workspace.sign_in(ADMIN, name)
    messages = [str(wrong.value), str(wrong_admin.value)]

    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        bad_phone = RegisterDispute(
            received_on=date(2026, 1, 5),
            channel=Channel.WALK_IN,
            category="debt",
            parties=(Party(PartyRole.COMPLAINANT, name, phone=f"{name} {phone}"),),
        )
        too_long = RegisterDispute(
            received_on=date(2026, 1, 5),
            channel=Channel.WALK_IN,
            category="debt",
            parties=(Party(PartyRole.COMPLAINANT, name * 10, phone=phone),),
        )
        for command in (bad_phone, too_long):
            with pytest.raises(ValidationError) as invalid:
                register_dispute(
                    opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, command
                )
            messages += [str(invalid.value), invalid.value.message, invalid.value.field]
        assert case_numbers(opened) == set()
    finally:
        opened.close()

    from desktop import bootstrap, cli
    from desktop.register_csv import COLUMNS

    monkeypatch.setattr(
        bootstrap, "make_workspace", lambda folder=None: make_workspace(folder, scene.keyring)
    )
    monkeypatch.setenv("SULUHU_PASSPHRASE", ADMIN_PASSPHRASE)
    row = {column: "" for column in COLUMNS}
    row |= {
        "received_on": "2026-02-30",  # no such day
        "category": "debt",
        "description": PARTY["narrative"],
        "complainant_name": name,
        "complainant_phone": f"{phone}-{name}",  # a bad phone holding the name
        "complainant_village": PARTY["village"],
        "respondent_name": PARTY["respondent"],
        "respondent_age": PARTY["respondent"],  # a bad age holding a name
    }
    csv_file = scene.outside / "register.csv"
    lines = [",".join(COLUMNS), ",".join(row[c] for c in COLUMNS)]
    csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    headerless = scene.outside / "no-header.csv"
    headerless.write_text(lines[1] + "\n", encoding="utf-8")
    for path in (csv_file, headerless):
        capsys.readouterr()
        code = cli.run(
            ["cases", "import", str(path), "--workspace", str(scene.folder), "--user", ADMIN]
        )
        captured = capsys.readouterr()
        assert code == 1
        assert captured.err.startswith("suluhu: ")
        messages += [captured.out, captured.err]
    assert "line 2, column " in messages[-4]  # the bad row was reported
    for message in messages:
        for planted in PLANTED:
            assert planted.casefold() not in message.casefold(), (planted, message)
    assert find_planted(scene.roots, PLANTED) == []
