"""`suluhu export` and `suluhu key` in-process over a real workspace, the fingerprint on the
recovery sheet written by `suluhu init --sheet`, and the key made at setup."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from desktop.domain.model.users import Role, User
from desktop.domain.services.export_log import export_key, list_exports
from storage.export_file import read_verified
from tests.integration.conftest import Cli
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace, register_case


@pytest.fixture
def filled(cli: Cli) -> str:
    """Six cases received in January 2026 (ended); returns the key's fingerprint."""
    workspace, _ = create_workspace(cli.folder)
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        for n in range(6):
            register_case(opened, name=f"Test Person {n}", phone=f"+25470000000{n}")
        opened.add_user(User("otieno", "Otieno P", Role.PARALEGAL), "paralegal-pass-phrase-1")
        return export_key(opened.unit_of_work(), opened.actor).fingerprint
    finally:
        opened.close()


def test_key_prints_the_fingerprint_base64_and_pem(cli: Cli, filled: str) -> None:
    text = cli("key")
    assert text.code == 0, text.err
    assert filled in text.out and "-----BEGIN PUBLIC KEY-----" in text.out
    data = json.loads(cli("key", "--json").out)
    raw = base64.b64decode(data["public_key"])
    assert data["fingerprint"] == filled
    assert hashlib.sha256(raw).hexdigest() == filled.replace(" ", "")
    assert base64.b64decode("".join(data["pem"].splitlines()[1:-1]))[-32:] == raw


def test_export_writes_a_verified_file_and_logs_it(cli: Cli, filled: str, tmp_path: Path) -> None:
    out = tmp_path / "jan.suluhu-export"
    result = cli("export", "--period", "2026-01", "--out", str(out))
    assert result.code == 0, result.err
    verified = read_verified(out, filled)
    assert verified.manifest.export_id in result.out and filled in result.out
    assert verified.manifest.sequence == 1
    again = json.loads(
        cli("export", "--period", "2026-01", "--out", str(tmp_path / "b"), "--json").out
    )
    assert again["sequence"] == 2 and again["fingerprint"] == filled
    assert again["sha256"] == hashlib.sha256((tmp_path / "b").read_bytes()).hexdigest()
    from tests.support import make_workspace

    opened = make_workspace(cli.folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        log = list_exports(opened.unit_of_work(), opened.actor)
    finally:
        opened.close()
    assert [(e.period.label, e.sequence, e.username) for e in log] == [
        ("2026-01", 2, ADMIN),
        ("2026-01", 1, ADMIN),
    ]


@pytest.mark.parametrize(
    ("argv", "user", "says"),
    [
        (("--period", "2026-1"), ADMIN, "A period is written 2026-03"),
        (("--period", "2026-Q1"), ADMIN, "This committee exports months"),
        (("--period", "2026-01"), "otieno", "may not do this"),
    ],
)
def test_export_failures_are_one_line_and_write_nothing(
    cli: Cli, filled: str, tmp_path: Path, argv: tuple[str, ...], user: str, says: str
) -> None:
    out = tmp_path / "x.suluhu-export"
    passphrase = ADMIN_PASSPHRASE if user == ADMIN else "paralegal-pass-phrase-1"
    line = cli("export", *argv, "--out", str(out), user=user, passphrase=passphrase).failed_with()
    assert says in line
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["ws"]


def test_export_never_overwrites_a_file(cli: Cli, filled: str, tmp_path: Path) -> None:
    out = tmp_path / "there.suluhu-export"
    out.write_bytes(b"keep me")
    assert "already exists" in cli("export", "--period", "2026-01", "--out", str(out)).failed_with()
    assert out.read_bytes() == b"keep me"


def test_the_key_is_made_at_setup_and_printed_on_the_sheet(cli: Cli, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    sheet = tmp_path / "sheet.pdf"
    args = ("--committee", "Test Peace Committee", "--area", "Testland", "--admin", ADMIN)
    result = cli("init", *args, "--sheet", str(sheet), user=None, new_passphrase=None)
    assert result.code == 0, result.err
    fingerprint = json.loads(cli("key", "--json").out)["fingerprint"]
    text = pypdf.PdfReader(str(sheet)).pages[0].extract_text()
    assert fingerprint.split(" ")[0] in text and fingerprint.split(" ")[-1] in text
