"""`suluhu hub init` and `suluhu hub import` (docs/hub.md): the programme hub's store and its
import of signed exports, on the command line. No GUI and no dashboard yet."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli import CliError, emit, new_passphrase, passphrase

if TYPE_CHECKING:
    from desktop.cli import Subparsers

SUFFIX = ".suluhu-export"


def add_commands(sub: Subparsers) -> None:
    hub = sub.add_parser("hub", help="programme hub commands").add_subparsers(dest="hub_command")

    def command(name: str, handler: object, text: str) -> argparse.ArgumentParser:
        parser = hub.add_parser(name, help=text, description=text)
        parser.add_argument("--hub", type=Path, required=True, help="the hub folder")
        parser.add_argument("--json", action="store_true", help="machine-readable output")
        parser.set_defaults(handler=handler)
        return parser

    command("init", init, "create a programme hub (asks for its passphrase)")
    p = command("import", import_files, "import signed exports (files or folders of them)")
    p.add_argument(
        "--accept-new-keys",
        action="store_true",
        help="trust the key of a committee not yet known (check the printed fingerprint)",
    )
    p.add_argument("paths", type=Path, nargs="+", metavar="FILE|DIR")


def init(args: argparse.Namespace) -> int:
    from storage.hub.store import HubFolder

    folder = HubFolder(args.hub)
    recovery = folder.create(new_passphrase("SULUHU_PASSPHRASE"))
    emit(
        args,
        {"hub": str(args.hub), "recovery_key": recovery},
        f"Hub created in {args.hub}.\nRecovery key (write it down and lock it away):\n  {recovery}",
    )
    return 0


def _files(paths: list[Path]) -> list[Path]:
    """The files named, and the exports inside each folder named (in name order)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.name.endswith(SUFFIX)))
        else:
            found.append(path)
    return found


def import_files(args: argparse.Namespace) -> int:
    from desktop.domain.services.hub_import import (
        Duplicate,
        ImportOptions,
        Refused,
        Superseded,
    )
    from storage.hub.store import HubFolder

    files = _files(args.paths)
    if not files:
        raise CliError("No export files were found; nothing was changed.")
    options = ImportOptions(accept_new_keys=args.accept_new_keys)
    tally: Counter[str] = Counter()
    rows = []
    with HubFolder(args.hub).open(passphrase()) as store:
        for path in files:
            decision = store.import_file(path, options)
            if isinstance(decision, Refused):
                outcome = "refused"
            elif isinstance(decision, Duplicate):
                outcome = "duplicate"
            elif isinstance(decision, Superseded):
                outcome = "replaced"
            else:
                outcome = "imported"
            tally[outcome] += 1
            row = {"file": str(path), "outcome": outcome, "message": decision.message}
            if isinstance(decision, Refused):
                row["reason"] = decision.code.value
            rows.append(row)
            if not args.json:
                print(f"{path.name}: {decision.message}")
    summary = (
        f"{len(files)} files: {tally['imported']} imported, {tally['replaced']} replaced an "
        f"earlier sequence, {tally['duplicate']} duplicates, {tally['refused']} refused."
    )
    if args.json:
        emit(args, {"files": rows, "summary": dict(tally)}, summary)
    else:
        print(summary)
    return 1 if tally["refused"] else 0
