"""Every workspace capability for every role, on a real workspace: allowed exactly when the
PERMISSIONS table says so; otherwise PermissionDenied and nothing changed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.domain.errors import PermissionDenied
from desktop.domain.model.users import Role, User
from desktop.domain.services.permissions import PERMISSIONS, WORKSPACE_CAPABILITIES
from desktop.workspace import WorkspaceError, WrongPassphrase
from storage.keys import KeyFile
from storage.open_workspace import SqlOpenWorkspace
from storage.recovery import parse_recovery_key
from tests.support import (
    ADMIN,
    ADMIN_PASSPHRASE,
    audit_count,
    case_numbers,
    create_workspace,
    make_workspace,
    register_case,
    usernames,
)

PASSPHRASE = "blue-heron-quiet-harbour"
NEW_PASSPHRASE = "seven-lamps-over-the-valley"
SPARE = "spare.user"  # the user that remove_user and reset_passphrase act on
ACTING = {
    Role.ADMINISTRATOR: ADMIN,
    Role.MEMBER: "member.one",
    Role.PARALEGAL: "para.one",
    Role.PROGRAMME_OFFICER: "officer.one",
}


@dataclass
class Template:
    folder: Path
    backup_name: str  # in backups/: made before the last case was registered
    before_backup: set[str]
    after_backup: set[str]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    folder = tmp_path_factory.mktemp("permissions") / "ws"
    workspace, _ = create_workspace(folder)  # fail keyring: a copy of the folder opens anywhere
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        for role, username in ACTING.items():
            if role is not Role.ADMINISTRATOR:
                opened.add_user(User(username, username, role), PASSPHRASE)
        opened.add_user(User(SPARE, "Spare Testuser", Role.MEMBER), PASSPHRASE)
        register_case(opened)
        before = case_numbers(opened)
        made = opened.backup()
        register_case(opened)
        after = case_numbers(opened)
    finally:
        opened.close()
    return Template(folder, made.name, before, after)


def _sign_in(folder: Path, role: Role) -> SqlOpenWorkspace:
    passphrase = ADMIN_PASSPHRASE if role is Role.ADMINISTRATOR else PASSPHRASE
    return make_workspace(folder).sign_in(ACTING[role], passphrase)


# Each capability: the call, and a check (run after the call, on the folder) that it took effect.
Call = Callable[[SqlOpenWorkspace, Template], object]
Effect = Callable[[Path, Template, object], None]


def _removed(folder: Path, template: Template, result: object) -> None:
    with pytest.raises(WrongPassphrase):
        make_workspace(folder).sign_in(SPARE, PASSPHRASE)
    opened = _sign_in(folder, Role.ADMINISTRATOR)
    try:
        assert usernames(opened)[SPARE] == (False, False)
    finally:
        opened.close()


def _reset(folder: Path, template: Template, result: object) -> None:
    opened = make_workspace(folder).sign_in(SPARE, NEW_PASSPHRASE)
    try:
        assert usernames(opened)[SPARE] == (True, True)
    finally:
        opened.close()


def _new_recovery(folder: Path, template: Template, result: object) -> None:
    assert isinstance(result, str)
    KeyFile.load(folder / "keys.json").unlock_recovery(parse_recovery_key(result))


def _backed_up(folder: Path, template: Template, result: object) -> None:
    assert isinstance(result, Path) and result.parent == folder / "backups" and result.is_file()
    assert len(list((folder / "backups").glob("suluhu-*.db"))) == 2


def _restored(folder: Path, template: Template, result: object) -> None:
    opened = _sign_in(folder, Role.ADMINISTRATOR)
    try:
        assert case_numbers(opened) == template.before_backup
    finally:
        opened.close()


def _checked(folder: Path, template: Template, result: object) -> None:
    assert result == []


CAPABILITY_CALLS: dict[str, tuple[Call, Effect]] = {
    "remove_user": (lambda o, t: o.remove_user(SPARE), _removed),
    "reset_passphrase": (lambda o, t: o.reset_passphrase(SPARE, NEW_PASSPHRASE), _reset),
    "new_recovery_key": (lambda o, t: o.new_recovery_key(), _new_recovery),
    "backup": (lambda o, t: o.backup(), _backed_up),
    "restore": (lambda o, t: o.restore(o.folder / "backups" / t.backup_name), _restored),
    "check_workspace": (lambda o, t: o.check(), _checked),
}


def test_every_workspace_capability_has_a_call_here() -> None:
    assert set(CAPABILITY_CALLS) == set(WORKSPACE_CAPABILITIES)


def _state(folder: Path, opened: SqlOpenWorkspace) -> dict[str, object]:
    return {
        "files": sorted(str(p.relative_to(folder)) for p in folder.rglob("*")),
        "keys.json": (folder / "keys.json").read_bytes(),
        "cases": case_numbers(opened),
        "users": usernames(opened),
        "audit events": audit_count(opened),
    }


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("capability", sorted(WORKSPACE_CAPABILITIES))
def test_capability_for_role(
    template: Template, tmp_path: Path, capability: str, role: Role
) -> None:
    assert capability in CAPABILITY_CALLS, f"add a call for the capability {capability!r}"
    call, took_effect = CAPABILITY_CALLS[capability]
    folder = tmp_path / "ws"
    shutil.copytree(template.folder, folder)
    opened = _sign_in(folder, role)
    try:
        if role in PERMISSIONS[capability]:
            result = call(opened, template)
            opened.close()
            took_effect(folder, template, result)
        else:
            before = _state(folder, opened)
            with pytest.raises(PermissionDenied) as caught:
                call(opened, template)
            assert role.value in str(caught.value)
            assert _state(folder, opened) == before
            assert opened.committee().code == "KBR"  # still open and usable
    finally:
        opened.close()
    with pytest.raises(WorkspaceError, match="locked"):
        opened.unit_of_work()
