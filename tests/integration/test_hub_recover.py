"""A forgotten hub passphrase: `suluhu hub recover` opens the hub's key slots with the
recovery key written down at `hub init` (or in the wizard) and sets a new passphrase; a wrong
recovery key changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import cli
from storage.hub.store import HubError, HubFolder

OLD = "blue-heron-copper-kettle"
NEW = "amber-lantern-river-stone"


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    code = cli.run(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def _hub(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    monkeypatch.setenv("SULUHU_PASSPHRASE", OLD)
    out = _run(monkeypatch, capsys, "hub", "init", "--hub", str(tmp_path / "hub"), "--json")
    return str(json.loads(out)["recovery_key"])


def test_the_recovery_key_gives_the_hub_a_new_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    recovery = _hub(tmp_path, monkeypatch, capsys)
    with HubFolder(tmp_path / "hub").open(OLD) as store:
        before = store.digest()
    monkeypatch.setenv("SULUHU_RECOVERY_KEY", recovery)
    monkeypatch.setenv("SULUHU_NEW_PASSPHRASE", NEW)
    out = _run(monkeypatch, capsys, "hub", "recover", "--hub", str(tmp_path / "hub"))
    assert "new passphrase" in out
    with HubFolder(tmp_path / "hub").open(NEW) as store:
        assert store.digest() == before
    with pytest.raises(HubError, match="wrong"):
        HubFolder(tmp_path / "hub").open(OLD)


def test_a_wrong_recovery_key_says_so_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    recovery = _hub(tmp_path, monkeypatch, capsys)
    other = HubFolder(tmp_path / "other").create(OLD)
    assert other != recovery
    keys_before = (tmp_path / "hub" / "keys.json").read_bytes()
    monkeypatch.setenv("SULUHU_RECOVERY_KEY", other)
    monkeypatch.setenv("SULUHU_NEW_PASSPHRASE", NEW)
    code = cli.run(["hub", "recover", "--hub", str(tmp_path / "hub")])
    err = capsys.readouterr().err
    assert code != 0 and "does not open this hub" in err and "Nothing was changed" in err
    assert (tmp_path / "hub" / "keys.json").read_bytes() == keys_before
    HubFolder(tmp_path / "hub").open(OLD).close()


def test_a_weak_new_passphrase_is_refused_before_anything_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    recovery = _hub(tmp_path, monkeypatch, capsys)
    keys_before = (tmp_path / "hub" / "keys.json").read_bytes()
    monkeypatch.setenv("SULUHU_RECOVERY_KEY", recovery)
    monkeypatch.setenv("SULUHU_NEW_PASSPHRASE", "short")
    assert cli.run(["hub", "recover", "--hub", str(tmp_path / "hub")]) != 0
    assert capsys.readouterr().err.strip()
    assert (tmp_path / "hub" / "keys.json").read_bytes() == keys_before
