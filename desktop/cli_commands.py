"""The command handlers of desktop/cli.py: each parses nothing, signs in, calls use cases."""

from __future__ import annotations

import argparse
import secrets
from datetime import date

from desktop.cli import (
    CliError,
    emit,
    folder_of,
    new_passphrase,
    passphrase,
    sign_in,
    username_of,
)
from desktop.domain.model.committee import Committee
from desktop.domain.model.users import Role, User
from desktop.domain.services import disputes, users

ROLE_NAMES = [r.value for r in Role]


def _code_from(name: str) -> str:
    letters = [w[0] for w in name.split() if w[:1].isalpha()]
    code = "".join(letters).upper()[:5]
    if len(code) < 2:
        code = "".join(c for c in name.upper() if "A" <= c <= "Z")[:3]
    return code if len(code) >= 2 else "DC"


def _check_sheet_folder(path: object) -> None:
    """Refuse before anything changes when the recovery sheet could not be written."""
    from pathlib import Path

    if path is None:
        return
    assert isinstance(path, Path)
    if not path.parent.is_dir():
        raise CliError(
            f"The folder {path.parent} for the recovery sheet does not exist; nothing was changed."
        )


def _write_sheet(path: object, committee: str, key: str, fingerprint: str = "") -> None:
    """Write the sheet; the key was already printed, so a failure says where to find it."""
    from pathlib import Path

    from desktop.reports.recovery_sheet import write_recovery_sheet

    assert isinstance(path, Path)
    try:
        write_recovery_sheet(path, committee, key, date.today(), fingerprint)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise CliError(
            f"The recovery sheet could not be written to {path} ({reason}); the new recovery "
            "key is printed above: write it down now."
        ) from None


def init(args: argparse.Namespace) -> int:
    from desktop.bootstrap import make_workspace

    workspace = make_workspace(folder_of(args))
    committee = Committee(args.committee, args.code or _code_from(args.committee), args.area)
    admin = User(args.admin, args.display_name or args.admin, Role.ADMINISTRATOR)
    _check_sheet_folder(args.sheet)
    created = workspace.create(committee, admin, new_passphrase("SULUHU_PASSPHRASE"))
    emit(
        args,
        {"workspace": str(workspace.folder), "recovery_key": created.recovery_key},
        f"Workspace created in {workspace.folder}.\n"
        f"Recovery key (write it down or print the sheet, and lock it away):\n"
        f"  {created.recovery_key}",
    )
    if args.sheet:
        _write_sheet(args.sheet, committee.name, created.recovery_key, created.signing_fingerprint)
    return 0


def demo(args: argparse.Namespace) -> int:
    import os

    from desktop.demo_command import make_demo

    if args.cases < 0 or args.cases > 1_000_000:
        raise CliError("--cases must be between 0 and 1,000,000.")
    if args.workspace is None:
        raise CliError("Say where the demo goes with --workspace DIR (a new folder).")
    user = args.user or os.environ.get("SULUHU_USER") or "admin"
    chosen = os.environ.get("SULUHU_PASSPHRASE")
    phrase = chosen or "-".join(secrets.token_hex(3) for _ in range(4))
    report = make_demo(folder_of(args), user, phrase, args.cases, args.seed)
    text = f"Demo workspace in {report['workspace']}: {report['cases']} cases."
    if not chosen:
        text += f"\nSign in as {user} with the passphrase {phrase}"
        report["passphrase"] = phrase
    report["user"] = user
    emit(args, report, text)
    return 0


def import_cases(args: argparse.Namespace) -> int:
    from desktop.register_csv import RegisterFileError, parse_register

    data = _read(args.file)
    opened = sign_in(args)
    try:
        try:
            commands = parse_register(data, opened.taxonomy, opened.clock.today())
        except RegisterFileError as error:
            for problem in error.problems[:200]:
                print(f"{args.file.name}: {problem}")
            if len(error.problems) > 200:
                print(f"... and {len(error.problems) - 200} more problems")
            raise CliError(str(error)) from None
        imported = disputes.import_register(
            opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, commands
        )
    finally:
        opened.close()
    numbers = [d.number for d in imported]
    first, last = (numbers[0], numbers[-1]) if numbers else ("", "")
    emit(args, {"imported": len(numbers)}, f"Imported {len(numbers)} cases ({first} .. {last}).")
    return 0


def import_actors(args: argparse.Namespace) -> int:
    from desktop.actor_csv import parse_actors
    from desktop.domain.services import actors

    data = _read(args.file)
    opened = sign_in(args)
    try:
        try:
            rows = parse_actors(data, opened.taxonomy)
            result = actors.import_actors(
                opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, rows
            )
        except actors.ActorImportError as error:
            for problem in error.problems[:200]:
                print(f"{args.file.name}: {problem}")
            if len(error.problems) > 200:
                print(f"... and {len(error.problems) - 200} more problems")
            raise CliError(str(error)) from None
    finally:
        opened.close()
    added, skipped = len(result.added), result.duplicates
    text = f"Imported {added} actors; {skipped} already in the directory were skipped."
    emit(args, {"imported": added, "skipped": skipped}, text)
    return 0


def _read(path: object) -> bytes:
    from pathlib import Path

    assert isinstance(path, Path)
    if not path.is_file():
        raise CliError(f"There is no file {path}.")
    if path.stat().st_size > 20 * 1024 * 1024:
        raise CliError(f"{path.name} is larger than 20 MB; split it.")
    return path.read_bytes()


def check(args: argparse.Namespace) -> int:
    from desktop.bootstrap import make_workspace

    workspace = make_workspace(folder_of(args))
    problems = workspace.check(username_of(args), passphrase())
    emit(
        args,
        {"ok": not problems, "problems": problems},
        "\n".join(problems)
        if problems
        else "The workspace is sound: encryption, integrity and audit chain verified.",
    )
    return 1 if problems else 0


def backup(args: argparse.Namespace) -> int:
    opened = sign_in(args)
    try:
        path = opened.backup(args.to)
    finally:
        opened.close()
    emit(args, {"backup": str(path)}, f"Backup written and verified: {path}")
    return 0


def restore(args: argparse.Namespace) -> int:
    from desktop.bootstrap import make_workspace

    workspace = make_workspace(folder_of(args))
    workspace.restore(username_of(args), passphrase(), args.source)
    emit(args, {"restored": str(args.source)}, f"Restored from {args.source}.")
    return 0


def users_add(args: argparse.Namespace) -> int:
    opened = sign_in(args)
    try:
        user = User(
            args.username,
            args.display_name or args.username,
            Role(args.role),
            restricted_access=args.restricted,
            must_change_passphrase=True,
        )
        added = opened.add_user(user, new_passphrase())
    finally:
        opened.close()
    emit(args, {"added": added.username}, f"Added {added.username} ({added.role.value}).")
    return 0


def users_remove(args: argparse.Namespace) -> int:
    opened = sign_in(args)
    try:
        opened.remove_user(args.username)
    finally:
        opened.close()
    emit(args, {"removed": args.username}, f"Removed {args.username}; the database was re-keyed.")
    return 0


def users_passwd(args: argparse.Namespace) -> int:
    acting = username_of(args)
    target = args.username or acting
    opened = sign_in(args)
    try:
        if target.casefold() == acting.casefold():
            opened.change_passphrase(passphrase(), new_passphrase())
            text = "Your passphrase was changed."
        else:
            opened.reset_passphrase(target, new_passphrase())
            text = f"{target} has a new passphrase and must change it at the next sign-in."
    finally:
        opened.close()
    emit(args, {"changed": target}, text)
    return 0


def users_list(args: argparse.Namespace) -> int:
    opened = sign_in(args)
    try:
        everyone = users.list_users(opened.unit_of_work(), opened.actor)
    finally:
        opened.close()
    rows = [
        {
            "username": u.username,
            "display_name": u.display_name,
            "role": u.role.value,
            "active": u.active,
            "restricted_access": u.restricted_access,
        }
        for u in everyone
    ]
    lines = [
        f"{r['username']:<20} {r['role']:<18} {'active' if r['active'] else 'inactive':<9}"
        f"{' restricted' if r['restricted_access'] else ''}"
        for r in rows
    ]
    emit(args, rows, "\n".join(lines))
    return 0


def recovery_key(args: argparse.Namespace) -> int:
    _check_sheet_folder(args.sheet)
    opened = sign_in(args)
    try:
        key = opened.new_recovery_key()
        committee = opened.committee().name
        from desktop.domain.services.export_log import export_key

        signing = export_key(opened.unit_of_work(), opened.actor).fingerprint
    finally:
        opened.close()
    emit(
        args,
        {"recovery_key": key},
        f"New recovery key (the old sheet no longer works):\n  {key}",
    )
    if args.sheet:
        _write_sheet(args.sheet, committee, key, signing)
    return 0
