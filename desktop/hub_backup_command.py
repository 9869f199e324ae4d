"""`suluhu hub backup|restore` (docs/hub.md, "Backups"): a verified, encrypted copy of a SQLite
hub with its key file beside it, and putting one back. A hub on PostgreSQL is backed up by its
server's administrator (pg_dump), not by Suluhu: both commands say so and change nothing."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import CliError, emit, passphrase

RESTORE_PROMPT = "The hub's passphrase (today's, or the one it had when the backup was made): "


def backup(args: argparse.Namespace) -> int:
    from storage.backup import keys_beside
    from storage.hub.backup import backup_with_passphrase, refuse_server

    _require_hub(args)
    refuse_server(args.hub)  # before asking for anything
    path = backup_with_passphrase(args.hub, passphrase(), args.to)
    keys = keys_beside(path)
    emit(
        args,
        {"backup": str(path), "keys": str(keys)},
        f"Hub backup written and verified: {path}\n"
        f"Its key file is beside it ({keys.name}): keep the two together, on another disk too.",
    )
    return 0


def restore(args: argparse.Namespace) -> int:
    """Put the hub back from a backup (a new laptop: into an empty folder). The passphrase is
    the hub's, today's or the one it had when the backup was made (the key file beside the
    backup); with the latter, that key file comes back with the database."""
    from storage.hub.backend import DATABASE
    from storage.hub.backup import refuse_server, restore_hub

    refuse_server(args.hub)
    if not args.source.is_file():
        raise CliError(f"There is no backup at {args.source}; nothing was changed.")
    if (args.hub / DATABASE).exists() and not args.yes:
        _confirm(args)
    restored = restore_hub(args.hub, args.source, passphrase(prompt=RESTORE_PROMPT))
    lines = [
        f"Restored the hub in {args.hub} from {args.source}: {restored.committees} committees, "
        f"{restored.exports} exports."
    ]
    if restored.kept is not None:
        lines.append(f"The database it replaced is kept as {restored.kept.name}.")
    if restored.todays_passphrase:
        lines.append(
            "The hub keeps today's key file: open it with today's passphrase (forgotten: "
            "`suluhu hub recover` with the recovery sheet)."
        )
    if restored.keys_restored:
        lines.append(
            "The backup's key file came back too: open the hub with the passphrase it had "
            "when the backup was made."
        )
    emit(
        args,
        {
            "hub": str(args.hub),
            "restored": str(args.source),
            "committees": restored.committees,
            "exports": restored.exports,
            "kept": None if restored.kept is None else str(restored.kept),
            "keys_restored": restored.keys_restored,
            "todays_passphrase": restored.todays_passphrase,
        },
        "\n".join(lines),
    )
    return 0


def _require_hub(args: argparse.Namespace) -> None:
    from storage.hub.store import HubFolder

    if not HubFolder(args.hub).exists():
        raise CliError(f"There is no hub at {args.hub}. Create one with `suluhu hub init`.")


def _confirm(args: argparse.Namespace) -> None:
    if not sys.stdin.isatty():
        raise CliError(
            "Restoring replaces the hub's database: add --yes to confirm, or run in a "
            "terminal. Nothing was changed."
        )
    answer = input(
        f"Replace the hub's database in {args.hub} with the backup {args.source.name}? "
        "The current one is kept beside it. [y/N] "
    )
    if answer.strip().casefold() not in {"y", "yes"}:
        raise CliError("Not restored; nothing was changed.")
