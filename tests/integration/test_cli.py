"""The `suluhu` command line: every command's happy path and its failures (exit 1, or 2 for a
usage mistake; one line on stderr starting "suluhu:"; nothing changed). In-process with the
cheap KDF, plus one real subprocess smoke test of the installed script."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from storage.recovery import parse_recovery_key
from tests.integration.conftest import Cli
from tests.support import (
    ADMIN,
    ADMIN_PASSPHRASE,
    case_numbers,
    file_digests,
    make_workspace,
    register_case,
    usernames,
)

MEMBER = "amina.member"
MEMBER_PASSPHRASE = "blue-heron-quiet-harbour"
NEW_PASSPHRASE = "seven-lamps-over-the-valley"
WRONG = "not-the-right-passphrase-9"
RECOVERY_KEY = re.compile(r"[0-9A-Z]{5}(?:-[0-9A-Z]{5}){7}")
REPO = Path(__file__).resolve().parents[2]


def _init(cli: Cli, *extra: str) -> str:
    """Create the workspace through the CLI; returns the recovery key it printed."""
    result = cli(
        "init",
        "--committee",
        "Test Peace Committee",
        "--area",
        "Testland > Test Ward",
        "--admin",
        ADMIN,
        *extra,
        user=None,
        new_passphrase=None,
    )
    assert result.code == 0, result.err
    found = RECOVERY_KEY.search(result.out)
    assert found, result.out
    return found.group(0)


def _state(folder: Path) -> dict[str, object]:
    """What a failed command must leave alone (the throttle file and the audit of the failed
    command's own sign-in aside)."""
    opened = make_workspace(folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        state: dict[str, object] = {"cases": case_numbers(opened), "users": usernames(opened)}
    finally:
        opened.close()
    digests = file_digests(folder)
    state["keys.json"] = digests["keys.json"]
    state["files"] = sorted(
        name for name in digests if name not in ("signin.json", "suluhu.db", "suluhu.db-wal")
    )
    return state


@pytest.fixture
def ready(cli: Cli) -> Cli:
    """A workspace made by `suluhu init`, with the member MEMBER added."""
    _init(cli)
    assert (
        cli("users", "add", MEMBER, "--role", "member", new_passphrase=MEMBER_PASSPHRASE).code == 0
    )
    return cli


# -- init ---------------------------------------------------------------------------------------


def test_init_creates_a_workspace_and_prints_the_recovery_key(cli: Cli) -> None:
    key = _init(cli)
    parse_recovery_key(key)
    workspace = make_workspace(cli.folder)
    assert workspace.exists() and workspace.committee_name() == "Test Peace Committee"
    opened = workspace.recover(key, ADMIN, NEW_PASSPHRASE)  # the printed key opens it
    try:
        assert opened.committee().code == "TPC"  # derived from the name
        assert opened.actor.role.value == "administrator"
    finally:
        opened.close()


def test_init_json_and_sheet(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.pdf"
    result = cli(
        "init",
        "--committee",
        "Test Peace Committee",
        "--area",
        "Testland",
        "--admin",
        ADMIN,
        "--code",
        "TST",
        "--json",
        "--sheet",
        str(sheet),
        user=None,
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    parse_recovery_key(data["recovery_key"])
    assert Path(data["workspace"]) == cli.folder
    assert sheet.read_bytes().startswith(b"%PDF-")


def test_init_twice_refuses_and_changes_nothing(cli: Cli) -> None:
    _init(cli)
    before = file_digests(cli.folder)
    result = cli(
        "init", "--committee", "Other", "--area", "Elsewhere", "--admin", "other.admin", user=None
    )
    assert "already holds a Suluhu workspace" in result.failed_with(1)
    assert file_digests(cli.folder) == before


@pytest.mark.parametrize(
    ("extra", "passphrase", "expected"),
    [
        ((), "short", "passphrase:"),
        (("--code", "kb"), ADMIN_PASSPHRASE, "code:"),
        (("--sheet", "/no/such/folder/sheet.pdf"), ADMIN_PASSPHRASE, "does not exist"),
        ((), None, "No new passphrase"),
    ],
    ids=["weak passphrase", "bad code", "sheet folder missing", "no passphrase"],
)
def test_init_failures_create_nothing(
    cli: Cli, extra: tuple[str, ...], passphrase: str | None, expected: str
) -> None:
    result = cli(
        "init",
        "--committee",
        "Test Peace Committee",
        "--area",
        "Testland",
        "--admin",
        ADMIN,
        *extra,
        user=None,
        passphrase=passphrase,
    )
    assert expected in result.failed_with(1)
    assert not cli.folder.exists()


def test_usage_mistakes_exit_2(cli: Cli) -> None:
    result = cli("init", "--area", "Testland", "--admin", ADMIN, user=None)  # no --committee
    assert result.code == 2
    assert result.err.splitlines()[-1].startswith("suluhu init: error:")
    result = cli("users", "add", MEMBER)  # no --role
    assert result.code == 2
    assert cli("no-such-command").code == 2
    assert not cli.folder.exists()


# -- signing in ---------------------------------------------------------------------------------


def test_wrong_passphrase(ready: Cli) -> None:
    before = _state(ready.folder)
    result = ready("users", "list", passphrase=WRONG)
    line = result.failed_with(1)
    assert "passphrase is wrong" in line and WRONG not in line
    assert result.out == ""
    assert _state(ready.folder) == before


def test_missing_workspace(cli: Cli) -> None:
    line = cli("check").failed_with(1)
    assert "There is no workspace" in line and str(cli.folder) in line
    assert not cli.folder.exists()


def test_no_user_and_no_passphrase(ready: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "--user or SULUHU_USER" in ready("check", user=None).failed_with(1)
    assert "No passphrase" in ready("check", passphrase=None).failed_with(1)
    monkeypatch.setenv("SULUHU_USER", ADMIN)
    assert ready("check", user=None).code == 0


# -- check --------------------------------------------------------------------------------------


def test_check(ready: Cli) -> None:
    result = ready("check")
    assert result.code == 0 and "sound" in result.out and result.err == ""
    result = ready("check", "--json")
    assert json.loads(result.out) == {"ok": True, "problems": []}
    line = ready("check", user=MEMBER, passphrase=MEMBER_PASSPHRASE).failed_with(1)
    assert "may not" in line


def test_check_reports_a_damaged_file(ready: Cli) -> None:
    opened = make_workspace(ready.folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    for n in range(40):
        register_case(opened, description=f"Test narrative {n}. " * 40)
    opened.close()
    db = ready.folder / "suluhu.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0x40
    db.write_bytes(bytes(data))
    result = ready("check", "--json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["ok"] is False and report["problems"]


# -- users --------------------------------------------------------------------------------------


def test_users_add_and_list(ready: Cli) -> None:
    result = ready(
        "users",
        "add",
        "para.one",
        "--role",
        "paralegal",
        "--display-name",
        "Test Paralegal",
        new_passphrase=MEMBER_PASSPHRASE,
    )
    assert result.code == 0 and "Added para.one (paralegal)" in result.out
    listed = ready("users", "list")
    assert listed.code == 0
    lines = listed.out.splitlines()
    assert [line.split()[0] for line in lines] == [ADMIN, MEMBER, "para.one"]
    rows = json.loads(ready("users", "list", "--json").out)
    assert {r["username"]: r["role"] for r in rows} == {
        ADMIN: "administrator",
        MEMBER: "member",
        "para.one": "paralegal",
    }
    # the new user must change the passphrase they were given
    opened = make_workspace(ready.folder).sign_in("para.one", MEMBER_PASSPHRASE)
    try:
        assert usernames(opened)["para.one"] == (True, True)
    finally:
        opened.close()


@pytest.mark.parametrize(
    ("argv", "user", "new", "expected"),
    [
        (("users", "add", MEMBER, "--role", "member"), ADMIN, MEMBER_PASSPHRASE, "taken"),
        (("users", "add", "weak.one", "--role", "member"), ADMIN, "short", "passphrase:"),
        (("users", "add", "Bad Name", "--role", "member"), ADMIN, MEMBER_PASSPHRASE, "username"),
        (("users", "add", "new.one", "--role", "member"), ADMIN, None, "No new passphrase"),
        (("users", "add", "new.one", "--role", "member"), MEMBER, MEMBER_PASSPHRASE, "may not"),
        (("users", "remove", ADMIN), ADMIN, None, "cannot remove yourself"),
        (("users", "remove", "nobody.here"), ADMIN, None, "no such user"),
        (("users", "remove", ADMIN), MEMBER, None, "may not"),
        (("users", "passwd", MEMBER), ADMIN, "short", "passphrase:"),
        (("users", "passwd", "nobody.here"), ADMIN, NEW_PASSPHRASE, "no such"),
        (("users", "passwd", ADMIN), MEMBER, NEW_PASSPHRASE, "may not"),
        (("users", "list"), "officer.none", None, "passphrase is wrong"),
    ],
)
def test_users_failures_change_nothing(
    ready: Cli, argv: tuple[str, ...], user: str, new: str | None, expected: str
) -> None:
    before = _state(ready.folder)
    passphrase = ADMIN_PASSPHRASE if user == ADMIN else MEMBER_PASSPHRASE
    result = ready(*argv, user=user, passphrase=passphrase, new_passphrase=new)
    assert expected.casefold() in result.failed_with(1).casefold()
    assert _state(ready.folder) == before


def test_users_passwd_changes_your_own_passphrase(ready: Cli) -> None:
    result = ready(
        "users", "passwd", user=MEMBER, passphrase=MEMBER_PASSPHRASE, new_passphrase=NEW_PASSPHRASE
    )
    assert result.code == 0 and "Your passphrase was changed" in result.out
    assert "wrong" in ready("check", user=MEMBER, passphrase=MEMBER_PASSPHRASE).err
    assert ready("users", "list", user=MEMBER, passphrase=NEW_PASSPHRASE).code == 0


def test_users_passwd_resets_another_users_passphrase(ready: Cli) -> None:
    result = ready("users", "passwd", MEMBER, new_passphrase=NEW_PASSPHRASE)
    assert result.code == 0 and "must change it" in result.out
    opened = make_workspace(ready.folder).sign_in(MEMBER, NEW_PASSPHRASE)
    try:
        assert usernames(opened)[MEMBER] == (True, True)
    finally:
        opened.close()


def test_users_remove(ready: Cli) -> None:
    keys_before = (ready.folder / "keys.json").read_bytes()
    result = ready("users", "remove", MEMBER)
    assert result.code == 0 and "re-keyed" in result.out
    assert "wrong" in ready("users", "list", user=MEMBER, passphrase=MEMBER_PASSPHRASE).err
    assert (ready.folder / "keys.json").read_bytes() != keys_before
    listed = json.loads(ready("users", "list", "--json").out)
    assert {r["username"]: r["active"] for r in listed} == {ADMIN: True, MEMBER: False}
    assert ready("check").code == 0


# -- backup, restore, recovery key --------------------------------------------------------------


def test_backup_and_restore(ready: Cli, tmp_path: Path) -> None:
    opened = make_workspace(ready.folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    first = register_case(opened).number
    opened.close()
    result = ready("backup", "--json")
    assert result.code == 0
    made = Path(json.loads(result.out)["backup"])
    assert made.parent == ready.folder / "backups" and made.is_file()
    chosen = tmp_path / "copy.db"
    assert ready("backup", "--to", str(chosen)).code == 0 and chosen.is_file()
    assert "may not" in ready(
        "restore", "--from", str(made), user=MEMBER, passphrase=MEMBER_PASSPHRASE
    ).failed_with(1)
    assert ready("backup", user=MEMBER, passphrase=MEMBER_PASSPHRASE).code == 0  # members may

    opened = make_workspace(ready.folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    second = register_case(opened).number
    opened.close()
    result = ready("restore", "--from", str(chosen))
    assert result.code == 0 and "Restored" in result.out
    opened = make_workspace(ready.folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        assert case_numbers(opened) == {first} and second != first
    finally:
        opened.close()


def test_backup_and_restore_failures(ready: Cli, tmp_path: Path) -> None:
    before = _state(ready.folder)
    line = ready("backup", "--to", str(tmp_path / "missing" / "copy.db")).failed_with(1)
    assert "does not exist" in line
    line = ready("restore", "--from", str(tmp_path / "nothing.db")).failed_with(1)
    assert "no backup" in line
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(8192))
    line = ready("restore", "--from", str(garbage)).failed_with(1)
    assert "garbage.db" in line and "cannot be opened" in line
    assert "--from" in ready("restore").err  # a usage mistake
    assert _state(ready.folder) == before


def test_recovery_key_with_sheet(ready: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.pdf"
    result = ready("recovery-key", "--sheet", str(sheet))
    assert result.code == 0, result.err
    key = RECOVERY_KEY.search(result.out)
    assert key is not None
    assert sheet.read_bytes().startswith(b"%PDF-")
    opened = make_workspace(ready.folder).recover(key.group(0), ADMIN, NEW_PASSPHRASE)
    opened.close()


def test_recovery_key_failures_keep_the_old_key(ready: Cli, tmp_path: Path) -> None:
    before = _state(ready.folder)
    line = ready("recovery-key", "--sheet", str(tmp_path / "missing" / "sheet.pdf")).failed_with(1)
    assert "does not exist" in line
    assert "may not" in ready(
        "recovery-key", user=MEMBER, passphrase=MEMBER_PASSPHRASE
    ).failed_with(1)
    assert _state(ready.folder) == before


# -- the installed script, for real -------------------------------------------------------------


def test_the_installed_script_inits_and_checks(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("suluhu")
    if not script.exists():
        pytest.skip(f"the suluhu script is not installed beside {sys.executable}")
    folder = tmp_path / "ws"
    env = {
        **os.environ,
        "SULUHU_PASSPHRASE": ADMIN_PASSPHRASE,
        "SULUHU_WORKSPACE": str(tmp_path / "default-workspace"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("SULUHU_USER", None)

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), *argv],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )

    init = run(
        "init",
        "--workspace",
        str(folder),
        "--committee",
        "Test Peace Committee",
        "--area",
        "Testland",
        "--admin",
        ADMIN,
    )
    assert init.returncode == 0, init.stderr
    assert RECOVERY_KEY.search(init.stdout)
    check = run("check", "--workspace", str(folder), "--user", ADMIN)
    assert check.returncode == 0, check.stderr
    assert "sound" in check.stdout
    again = run(
        "init", "--workspace", str(folder), "--committee", "X", "--area", "Y", "--admin", ADMIN
    )
    assert again.returncode == 1
    assert again.stderr.startswith("suluhu: ") and again.stderr.count("\n") == 1
    assert not (tmp_path / "default-workspace").exists()


def test_cli_is_wired_to_the_real_workspace(tmp_path: Path) -> None:
    """The in-process tests swap make_workspace; this checks what they swap."""
    from desktop.bootstrap import make_workspace as real
    from storage.workspace import SqlCipherWorkspace

    made = real(tmp_path / "ws")
    assert isinstance(made, SqlCipherWorkspace) and made.folder == tmp_path / "ws"
