"""Safety of workspace changes that touch keys and files: one writer at a time, a failed
re-key or recovery-key change that loses nothing, grants only from the key slots."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain.errors import PermissionDenied
from desktop.domain.model.users import Role, User
from desktop.workspace import WorkspaceError
from storage import backup as backups
from storage import open_workspace
from storage.keys import KeyFile
from storage.lock import WorkspaceBusy
from storage.open_workspace import SqlOpenWorkspace
from tests.integration.conftest import NewWorkspace
from tests.support import (
    ADMIN,
    ADMIN_PASSPHRASE,
    MemoryKeyring,
    case_numbers,
    create_workspace,
    make_workspace,
    register_case,
    usernames,
)

MEMBER, MEMBER_PASSPHRASE = "baraka", "Member-passphrase-42"
ROOT = Path(__file__).resolve().parents[2]


def _add_member(opened: SqlOpenWorkspace, **kwargs: object) -> None:
    user = User(MEMBER, "Baraka Member", Role.MEMBER, **kwargs)  # type: ignore[arg-type]
    opened.add_user(user, MEMBER_PASSPHRASE)


def test_a_workspace_open_in_another_process_is_not_changed_under_it(
    new_workspace: NewWorkspace,
) -> None:
    opened = new_workspace.sign_in()
    made = opened.backup()
    opened.close()
    holder = subprocess.Popen(  # noqa: S603 - our own interpreter and test module
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from tests.support import *;"
            f"o = make_workspace(Path({str(new_workspace.folder)!r})).sign_in(ADMIN, "
            "ADMIN_PASSPHRASE); print('open', flush=True); sys.stdin.readline(); o.close()",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(WorkspaceBusy, match="open in another"):
            new_workspace.sign_in()
        with pytest.raises(WorkspaceBusy):
            new_workspace.workspace.restore(ADMIN, ADMIN_PASSPHRASE, made)
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    new_workspace.sign_in().close()  # free again once the other process is gone


def test_a_re_key_that_fails_keeps_the_slot_and_can_be_repeated(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_member(admin)
    number = register_case(admin).number

    def disk_full(*args: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "rekey_copy", disk_full)
    with pytest.raises(WorkspaceError, match="remove the user again"):
        admin.remove_user(MEMBER)
    keyfile = KeyFile.load(new_workspace.workspace.keys_path)
    assert keyfile.has_user(MEMBER)  # not dropped before a new key exists
    assert usernames(admin)[MEMBER][0] is False  # but no longer active

    monkeypatch.undo()
    admin.remove_user(MEMBER)  # the retry re-keys and drops the slot
    assert not KeyFile.load(new_workspace.workspace.keys_path).has_user(MEMBER)
    assert case_numbers(admin) == {number}


def test_locking_during_a_re_key_does_not_bring_the_keys_back(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_member(admin)
    swap = backups.swap_database

    def swap_while_locking(new_file: Path, db_path: Path) -> None:
        swap(new_file, db_path)
        admin.close()  # the GUI locks while the worker is mid re-key

    monkeypatch.setattr(backups, "swap_database", swap_while_locking)
    with pytest.raises(WorkspaceError, match="locked"):
        admin.remove_user(MEMBER)
    assert admin._keys is None and admin._engine is None
    monkeypatch.undo()
    reopened = new_workspace.sign_in()  # the re-key itself completed
    reopened.close()


def test_a_failed_audit_write_keeps_the_old_recovery_key(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_record(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(open_workspace, "record", failing_record)
    with pytest.raises(OSError):
        admin.new_recovery_key()
    monkeypatch.undo()
    admin.close()
    # the old sheet still works
    new_workspace.workspace.recover(
        new_workspace.recovery_key, ADMIN, "New-admin-phrase-77"
    ).close()


def test_a_reset_never_grants_the_restricted_key_from_the_database_row(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    _add_member(admin)
    with admin.unit_of_work() as uow:  # what a member could do with their own database key
        user = uow.users.by_username(MEMBER)
        assert user is not None
        user.restricted_access = True
        uow.users.update(user)
        uow.commit()
    admin.reset_passphrase(MEMBER, "Fresh-member-phrase-9")
    assert not KeyFile.load(new_workspace.workspace.keys_path).has_restricted(MEMBER)
    with admin.unit_of_work() as uow:
        row = uow.users.by_username(MEMBER)
    assert row is not None and row.restricted_access is False  # the row follows the slot
    member = new_workspace.sign_in(MEMBER, "Fresh-member-phrase-9")
    try:
        assert member.case_loader  # signed in
        assert member._require_keys().restricted_key is None
    finally:
        member.close()


def test_an_administrator_without_restricted_access_cannot_half_add_a_restricted_user(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    admin.add_user(User("second", "Second Admin", Role.ADMINISTRATOR), "Second-admin-phrase-1")
    admin.close()
    second = new_workspace.sign_in("second", "Second-admin-phrase-1")
    try:
        with pytest.raises(PermissionDenied):
            second.add_user(
                User(MEMBER, "Baraka", Role.MEMBER, restricted_access=True), MEMBER_PASSPHRASE
            )
        assert MEMBER not in usernames(second)  # no row left behind
        second.add_user(User(MEMBER, "Baraka", Role.MEMBER), MEMBER_PASSPHRASE)  # name free
    finally:
        second.close()


def test_a_member_trying_the_recovery_key_does_not_replace_a_lost_keyring_secret(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ws"
    workspace, recovery_key = create_workspace(folder, MemoryKeyring())
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    _add_member(opened)
    opened.close()
    new_keyring = MemoryKeyring()
    with pytest.raises(WorkspaceError, match="Only an administrator"):
        make_workspace(folder, new_keyring).recover(recovery_key, MEMBER, "Member-new-phrase-5")
    assert new_keyring.entries == {}  # nothing created for a refused recovery
    make_workspace(folder, new_keyring).recover(recovery_key, ADMIN, "Admin-new-phrase-55").close()
    with pytest.raises(WorkspaceError, match="administrator"):
        make_workspace(folder, new_keyring).sign_in(MEMBER, MEMBER_PASSPHRASE)


def test_restoring_twice_keeps_both_earlier_databases(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    register_case(admin)
    made = admin.backup()
    admin.close()
    new_workspace.workspace.restore(ADMIN, ADMIN_PASSPHRASE, made)
    new_workspace.workspace.restore(ADMIN, ADMIN_PASSPHRASE, made)
    assert len(list(new_workspace.folder.glob("suluhu.db.before-restore-*"))) == 2


def test_a_backup_is_never_written_over_the_workspace_files(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    keys_before = new_workspace.workspace.keys_path.read_bytes()
    with pytest.raises(WorkspaceError, match="inside the workspace folder"):
        admin.backup(new_workspace.workspace.keys_path)
    assert new_workspace.workspace.keys_path.read_bytes() == keys_before


def test_demo_data_never_goes_into_a_real_workspace(new_workspace: NewWorkspace) -> None:
    from desktop import bootstrap
    from desktop.demo_command import make_demo

    real = new_workspace.folder
    original = bootstrap.make_workspace
    bootstrap.make_workspace = lambda folder=None: make_workspace(folder or real)  # type: ignore[assignment]
    try:
        with pytest.raises(WorkspaceError, match="real committee"):
            make_demo(real, ADMIN, ADMIN_PASSPHRASE, 5, seed=1)
    finally:
        bootstrap.make_workspace = original  # type: ignore[assignment]
    opened = new_workspace.sign_in()
    try:
        assert case_numbers(opened) == set()
    finally:
        opened.close()
