"""The command line: the same use cases as the app, for automation, support staff and tests.

Errors are one line on stderr and exit 1 (2 for a usage mistake); nothing is changed by a
command that fails. Messages never contain party data: an unexpected error prints its type only.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.domain.errors import DomainError, ValidationError
from desktop.workspace import OpenWorkspace, WorkspaceError

Handler = Callable[[argparse.Namespace], int]
if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


class CliError(Exception):
    """A failure to report in one line."""


def _parser() -> argparse.ArgumentParser:
    from desktop import cli_commands as c

    root = argparse.ArgumentParser(prog="suluhu", description="Suluhu community casebook.")
    sub = root.add_subparsers(dest="command")

    def command(
        name: str, handler: Handler, text: str, parent: Subparsers | None = None
    ) -> argparse.ArgumentParser:
        parser = (parent or sub).add_parser(name, help=text, description=text)
        parser.add_argument("--workspace", type=Path, help="the workspace folder")
        parser.add_argument("--user", help="the acting user (default: $SULUHU_USER)")
        parser.add_argument("--json", action="store_true", help="machine-readable output")
        parser.set_defaults(handler=handler)
        return parser

    p = command("init", c.init, "create a committee workspace")
    p.add_argument("--committee", required=True, help="the committee's name")
    p.add_argument("--area", required=True, help="the committee's area, e.g. 'Nairobi > Kibera'")
    p.add_argument("--admin", required=True, help="the administrator's user name")
    p.add_argument("--code", help="2-5 capital letters that start case numbers (default: derived)")
    p.add_argument("--display-name", help="the administrator's full name")
    p.add_argument("--sheet", type=Path, help="also write the recovery sheet PDF here")

    p = command("demo", c.demo, "create a workspace of realistic synthetic cases")
    p.add_argument("--cases", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)

    cases = sub.add_parser("cases", help="case commands").add_subparsers(dest="cases_command")
    p = command("import", c.import_cases, "import a register from the CSV template", cases)
    p.add_argument("file", type=Path)

    actors = sub.add_parser("actors", help="actor directory commands").add_subparsers(
        dest="actors_command"
    )
    p = command("import", c.import_actors, "import a list of justice actors from CSV", actors)
    p.add_argument("file", type=Path)

    command("check", c.check, "check encryption, integrity and the audit chain")
    p = command("backup", c.backup, "write a verified, encrypted backup")
    p.add_argument(
        "--to",
        type=Path,
        help="a folder, or a new file name ending in .db (default: the workspace's backups)",
    )
    p = command("restore", c.restore, "replace the database with a verified backup")
    p.add_argument("--from", dest="source", type=Path, required=True)

    users = sub.add_parser("users", help="user commands").add_subparsers(dest="users_command")
    p = command("add", c.users_add, "add a user", users)
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=c.ROLE_NAMES)
    p.add_argument("--display-name")
    p.add_argument("--restricted", action="store_true", help="may read restricted cases")
    p = command("remove", c.users_remove, "remove a user and re-key the database", users)
    p.add_argument("username")
    p = command("passwd", c.users_passwd, "change a passphrase (or reset another's)", users)
    p.add_argument("username", nargs="?")
    command("list", c.users_list, "list the users", users)

    p = command("recovery-key", c.recovery_key, "replace the recovery key")
    p.add_argument("--sheet", type=Path, help="write the new recovery sheet PDF here")

    from desktop import export_command as x

    p = command("export", x.export, "write the signed, anonymised export of a month or quarter")
    p.add_argument("--period", required=True, help="a month (2026-03) or a quarter (2026-Q1)")
    p.add_argument("--out", type=Path, required=True, help="the export file to write (new)")
    command("key", x.key, "print the export-signing public key and its fingerprint")

    from desktop import hub_command

    hub_command.add_commands(sub)
    return root


def run(argv: Sequence[str]) -> int:
    if not argv:
        from desktop.bootstrap import run_app

        return run_app()
    parser = _parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if not hasattr(args, "handler"):
        parser.print_help(sys.stderr)
        return 2
    try:
        handler: Handler = args.handler
        return handler(args)
    except ValidationError as error:
        return _fail(f"{error.field}: {error.message}")
    except (CliError, WorkspaceError, DomainError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return _fail("Interrupted; nothing more was changed.")
    except OSError as error:
        return _fail(_os_message(error))
    except Exception as error:  # never print a message that may hold case data
        return _fail(f"Unexpected error ({type(error).__name__}). Nothing was changed.")


def _fail(message: str) -> int:
    print(f"suluhu: {message}", file=sys.stderr)
    return 1


def _os_message(error: OSError) -> str:
    if error.errno is None and len(error.args) == 1 and isinstance(error.args[0], str):
        # raised by Suluhu itself (e.g. storage.sealing.RestrictedKeyRequired, a PermissionError)
        # with a message for the user, not by the operating system
        return error.args[0]
    where = f" ({error.filename})" if error.filename else ""
    reason = error.strerror or type(error).__name__
    return f"{reason}{where}. Check the folder and the free space; nothing was changed."


# -- shared by the commands -----------------------------------------------------------------


def folder_of(args: argparse.Namespace) -> Path:
    folder: Path = args.workspace or paths.default_workspace()
    return folder


def username_of(args: argparse.Namespace) -> str:
    name = args.user or os.environ.get("SULUHU_USER")
    if not name:
        raise CliError("Say who is acting with --user or SULUHU_USER.")
    return str(name)


def passphrase(variable: str = "SULUHU_PASSPHRASE", prompt: str = "Passphrase: ") -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"No passphrase: set {variable} or run in a terminal.")
    return getpass.getpass(prompt)


def new_passphrase(variable: str = "SULUHU_NEW_PASSPHRASE") -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"No new passphrase: set {variable} or run in a terminal.")
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Repeat it: ") != first:
        raise CliError("The two passphrases differ; nothing was changed.")
    return first


def sign_in(args: argparse.Namespace) -> OpenWorkspace:
    from desktop.bootstrap import make_workspace

    workspace = make_workspace(folder_of(args))
    return workspace.sign_in(username_of(args), passphrase())


def emit(args: argparse.Namespace, data: object, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else text)
