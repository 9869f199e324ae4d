"""The export-signing key and the export log live inside the encrypted database: a backup
carries them, and a restore brings back the same key (the programme office's fingerprint still
matches) and the export log as it was when the backup was made."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desktop.domain.model.export_tables import Period
from desktop.domain.services.export_log import ExportDone, export_key, export_period, list_exports
from storage.export_file import read_verified
from storage.open_workspace import SqlOpenWorkspace
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace, register_case

pytest.importorskip("sqlcipher3")


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


def _log(opened: SqlOpenWorkspace) -> list[tuple[str, Period, int, str]]:
    return [
        (e.export_id, e.period, e.sequence, e.file_sha256)
        for e in list_exports(opened.unit_of_work(), opened.actor)
    ]


def test_restore_keeps_the_signing_key_and_the_export_log(tmp_path: Path) -> None:
    workspace, _ = create_workspace(tmp_path / "ws")
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    register_case(opened)
    today = opened.clock.today()
    period = Period.of_day(today.replace(day=1) - timedelta(days=1))  # last month
    before = _export(opened, period, tmp_path / "first.suluhu-export")
    fingerprint = export_key(opened.unit_of_work(), opened.actor).fingerprint
    assert before.fingerprint == fingerprint
    log_at_backup = _log(opened)
    assert len(log_at_backup) == 1

    made = opened.backup()
    _export(opened, period, tmp_path / "lost.suluhu-export")  # after the backup: not in it
    assert len(_log(opened)) == 2
    opened.restore(made)

    restored = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        assert export_key(restored.unit_of_work(), restored.actor).fingerprint == fingerprint
        assert _log(restored) == log_at_backup
        # the file exported before the backup still names the key the workspace signs with
        assert read_verified(tmp_path / "first.suluhu-export").fingerprint == fingerprint
        again = _export(restored, period, tmp_path / "again.suluhu-export")
        assert again.fingerprint == fingerprint
        assert (
            read_verified(tmp_path / "again.suluhu-export", fingerprint).fingerprint == fingerprint
        )
        assert again.entry.sequence == 2  # numbered after the restored log
    finally:
        restored.close()
