"""`suluhu hub backup` and `suluhu hub restore` (desktop/hub_backup_command.py) on real hubs:
the backup's path printed, a restore that confirms first (or takes --yes) and counts what it put
back, one-line refusals that change nothing, and a PostgreSQL hub sent to its administrator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import cli
from desktop.domain.model.export_tables import Period
from desktop.domain.services.hub_import import ImportOptions
from storage.backup import keys_beside
from storage.hub.store import HubFolder
from tests.hub_backends import HubMaker
from tests.hub_support import HUB_PASSPHRASE, demo_export_files
from tests.support import CHEAP_KDF


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    [made] = demo_export_files(tmp_path_factory.mktemp("committee"), [Period.month(2026, 10)])
    return made


@pytest.fixture
def hub_dir(tmp_path: Path, export: bytes, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = HubFolder(tmp_path / "hub", kdf=CHEAP_KDF)
    folder.create(HUB_PASSPHRASE)
    with folder.open(HUB_PASSPHRASE) as store:
        store.import_bytes(export, ImportOptions(accept_new_keys=True))
    monkeypatch.setenv("SULUHU_PASSPHRASE", HUB_PASSPHRASE)
    return folder.folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.run(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _backup(capsys: pytest.CaptureFixture[str], hub_dir: Path, *more: str) -> Path:
    code, out, err = _run(capsys, "hub", "backup", "--hub", str(hub_dir), "--json", *more)
    assert code == 0, err
    path = Path(json.loads(out)["backup"])
    assert path.is_file() and keys_beside(path).is_file()
    return path


def test_backup_prints_the_verified_backup_s_path(
    hub_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = _run(capsys, "hub", "backup", "--hub", str(hub_dir))
    assert code == 0, err
    [made] = (hub_dir / "backups").glob("suluhu-hub-*.db")
    assert f"Hub backup written and verified: {made}" in out
    assert keys_beside(made).name in out
    (tmp_path / "usb").mkdir()
    assert _backup(capsys, hub_dir, "--to", str(tmp_path / "usb")).parent == tmp_path / "usb"


def test_restore_counts_what_it_put_back(
    hub_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _backup(capsys, hub_dir)
    code, out, err = _run(
        capsys, "hub", "restore", "--hub", str(hub_dir), "--from", str(path), "--yes"
    )
    assert code == 0, err
    assert "1 committees, 1 exports" in out and "hub.db.before-restore-" in out
    code, out, err = _run(
        capsys, "hub", "restore", "--hub", str(hub_dir), "--from", str(path), "--yes", "--json"
    )
    done = json.loads(out)
    assert (done["committees"], done["exports"], done["keys_restored"]) == (1, 1, False)


def test_restore_asks_first_and_a_no_changes_nothing(
    hub_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _backup(capsys, hub_dir)
    before = (hub_dir / "hub.db").read_bytes()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = _run(capsys, "hub", "restore", "--hub", str(hub_dir), "--from", str(path))
    assert code == 1 and "add --yes" in err and "Nothing was changed" in err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")
    code, _, err = _run(capsys, "hub", "restore", "--hub", str(hub_dir), "--from", str(path))
    assert code == 1 and "Not restored" in err
    assert (hub_dir / "hub.db").read_bytes() == before
    assert not list(hub_dir.glob("hub.db.before-restore-*"))
    monkeypatch.setattr("builtins.input", lambda _prompt: "y")
    code, out, err = _run(capsys, "hub", "restore", "--hub", str(hub_dir), "--from", str(path))
    assert code == 0 and "Restored the hub" in out, err


def test_a_wrong_passphrase_or_a_missing_backup_change_nothing(
    hub_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _backup(capsys, hub_dir)
    before = (hub_dir / "hub.db").read_bytes()
    monkeypatch.setenv("SULUHU_PASSPHRASE", "not-the-passphrase")
    args = ["hub", "restore", "--hub", str(hub_dir), "--yes", "--from"]
    code, _, err = _run(capsys, *args, str(path))
    assert code == 1 and "opens neither" in err and err.count("\n") == 1
    code, _, err = _run(capsys, *args, str(hub_dir / "nothing.db"))
    assert code == 1 and "There is no backup" in err
    code, _, err = _run(capsys, "hub", "backup", "--hub", str(hub_dir))
    assert code == 1 and "passphrase is wrong" in err
    assert (hub_dir / "hub.db").read_bytes() == before
    assert not list(hub_dir.glob("*.before-restore-*"))
    code, _, err = _run(capsys, "hub", "backup", "--hub", str(hub_dir.parent / "none"))
    assert code == 1 and "There is no hub" in err


def test_a_new_laptop_gets_the_hub_back_from_a_copied_backup(
    hub_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "usb").mkdir()
    path = _backup(capsys, hub_dir, "--to", str(tmp_path / "usb"))
    new = tmp_path / "laptop" / "hub"
    code, out, err = _run(capsys, "hub", "restore", "--hub", str(new), "--from", str(path))
    assert code == 0, err  # nothing to replace: nothing to confirm
    assert "1 committees, 1 exports" in out and "key file came back" in out
    HubFolder(new).open(HUB_PASSPHRASE).close()


def test_a_postgresql_hub_is_backed_up_by_its_administrator(
    make_hub: HubMaker, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_hub.folder().folder
    monkeypatch.setenv("SULUHU_PASSPHRASE", make_hub.secret)
    code, out, err = _run(capsys, "hub", "backup", "--hub", str(folder))
    if make_hub.backend == "sqlite":
        assert code == 0 and "written and verified" in out, err
        return
    assert code == 1 and "pg_dump" in err and "administrator" in err
    code, _, err = _run(
        capsys, "hub", "restore", "--hub", str(folder), "--from", str(folder / "x.db"), "--yes"
    )
    assert code == 1 and "pg_dump" in err
    assert sorted(p.name for p in folder.iterdir()) == ["hub.json"]
