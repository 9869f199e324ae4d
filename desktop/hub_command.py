"""`suluhu hub init|import|open|report|recover` (docs/hub.md): the programme hub's store, its
import of signed exports, its window and its reports, on the command line."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import hub_backup_command as backups
from desktop.cli import CliError, emit, new_passphrase, passphrase
from desktop.hub_report import add_report_arguments, programme_report
from desktop.hub_unlock import open_for_command

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.cli import Subparsers
    from desktop.domain.services.hub_import import Decision
    from desktop.workspace import HubWorkspace
    from storage.hub.store import HubFolder, HubStore

BATCH = 50  # files per transaction (one flush to disk each)


def add_commands(sub: Subparsers) -> None:
    hub = sub.add_parser("hub", help="programme hub commands").add_subparsers(dest="hub_command")

    def command(name: str, handler: object, text: str) -> argparse.ArgumentParser:
        parser = hub.add_parser(name, help=text, description=text)
        parser.add_argument("--hub", type=Path, required=True, help="the hub folder")
        parser.add_argument("--json", action="store_true", help="machine-readable output")
        parser.set_defaults(handler=handler)
        return parser

    p = command("init", init, "create a programme hub (asks for its passphrase)")
    p.add_argument(
        "--url",
        help="keep the hub on PostgreSQL: postgresql://USER@HOST:PORT/DATABASE (the password "
        "is asked for, or kept in the system keyring; never written to a file)",
    )
    p = command("import", import_files, "import signed exports (files or folders of them)")
    p.add_argument(
        "--accept-new-keys",
        action="store_true",
        help="trust the key of a committee not yet known (check the printed fingerprint)",
    )
    p.add_argument("paths", type=Path, nargs="+", metavar="FILE|DIR")
    command("open", open_window, "open the hub's window (asks for its passphrase)")
    command(
        "recover",
        recover,
        "give the hub a new passphrase with its recovery key (asks for both; or "
        "SULUHU_RECOVERY_KEY and SULUHU_NEW_PASSPHRASE)",
    )
    p = command(
        "report",
        report,
        "write the programme report (--pdf, --xlsx, --csv), or one table as CSV (--table)",
    )
    add_report_arguments(p)  # desktop/hub_report.py
    p = command(
        "backup", backups.backup, "back up a hub kept in its folder (asks for its passphrase)"
    )
    p.add_argument(
        "--to",
        type=Path,
        help="a folder, or a new file name ending in .db (default: the hub's backups folder, "
        "newest 10 kept)",
    )
    p = command(
        "restore",
        backups.restore,
        "put a hub back from a backup (asks for the hub's passphrase: today's, or the backup's "
        "day's)",
    )
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE")
    p.add_argument("--yes", action="store_true", help="replace without asking")


def init(args: argparse.Namespace) -> int:
    from storage.hub.store import HubFolder

    folder = HubFolder(args.hub)
    if args.url:
        return _init_on_server(args, folder)
    recovery = folder.create(new_passphrase("SULUHU_PASSPHRASE"))
    emit(
        args,
        {"hub": str(args.hub), "recovery_key": recovery},
        f"Hub created in {args.hub}.\nRecovery key (write it down and lock it away):\n  {recovery}",
    )
    return 0


def _init_on_server(args: argparse.Namespace, folder: HubFolder) -> int:
    """`hub init --url`: the hub's tables on a PostgreSQL server; the folder holds only
    hub.json (the URL, without any password)."""
    from storage.hub.backend import ServerUrl, stored_password

    server, inline = ServerUrl.parse(args.url)
    secret = None
    if inline is None and stored_password(server) is None:
        secret = passphrase(prompt="The server's password: ")
    made = folder.create_on_server(args.url, secret)
    if made.password_in_keyring:
        where = (
            "The password in the URL is kept in the system keyring; hub.json has the URL "
            "without it."
        )
    elif inline is not None:
        where = "The system keyring could not keep the password: it will be asked for each time."
    else:
        where = "The server's password is not stored: it is asked for each time the hub opens."
    held = " (it already held a hub's tables)" if made.already_held_a_hub else ""
    emit(
        args,
        {"hub": str(args.hub), "url": made.url, "password_in_keyring": made.password_in_keyring},
        f"Hub created in {args.hub}, on the PostgreSQL database {made.url}{held}.\n{where}",
    )
    return 0


def open_store(folder: Path) -> HubStore:
    """The hub in ``folder``, opened: the passphrase (or server password) is asked for only
    when the system keyring does not hold it, or no longer opens the hub (desktop/hub_unlock.py)."""
    from storage.hub.store import HubFolder

    return open_for_command(folder, HubFolder(folder).open)


def recover(args: argparse.Namespace) -> int:
    """The passphrase is forgotten: open the hub with its recovery key, set a new one."""
    from storage.hub.store import HubFolder

    folder = HubFolder(args.hub)
    if not folder.exists():
        raise CliError(f"There is no hub at {args.hub}. Create one with `suluhu hub init`.")
    key = passphrase("SULUHU_RECOVERY_KEY", prompt="Recovery key (from the recovery sheet): ")
    with folder.recover(key, new_passphrase("SULUHU_NEW_PASSPHRASE")):
        pass
    emit(args, {"hub": str(args.hub)}, "The hub has a new passphrase; open it with that.")
    return 0


def import_files(args: argparse.Namespace) -> int:
    from desktop.domain.services.hub_import import ImportOptions
    from desktop.hub_files import export_files
    from desktop.workspace import ImportStopped

    files = export_files(args.paths)
    if not files:
        raise CliError("No export files were found; nothing was changed.")
    options = ImportOptions(accept_new_keys=args.accept_new_keys)
    tally: Counter[str] = Counter()
    rows: list[dict[str, str]] = []
    stopped: ImportStopped | None = None
    with open_store(args.hub) as store:
        for start in range(0, len(files), BATCH):  # each batch printed once it is committed
            batch = files[start : start + BATCH]
            try:
                decisions = store.import_files(batch, options)
            except ImportStopped as error:  # the files before the failing one are imported
                decisions, stopped = error.done, error
            for path, decision in zip(batch, decisions, strict=False):
                rows.append(_row(path, decision, tally))
                if not args.json:
                    print(f"{path.name}: {decision.message}")
            if stopped is not None:
                failed = batch[stopped.at]
                break
    summary = (
        f"{len(rows)} files: {tally['imported']} imported, {tally['replaced']} replaced an "
        f"earlier sequence, {tally['duplicate']} duplicates, {tally['refused']} refused."
    )
    if stopped is not None:
        told = ImportStopped(stopped.done, failed, stopped.cause, kept=stopped.kept, at=stopped.at)
        summary += f" {told} {len(files) - len(rows)} files were not imported."
    if args.json:
        emit(args, {"files": rows, "summary": dict(tally), "stopped": stopped is not None}, summary)
    else:
        print(summary)
    return 1 if tally["refused"] or stopped is not None else 0


def _row(path: Path, decision: Decision, tally: Counter[str]) -> dict[str, str]:
    from desktop.domain.services.hub_import import Duplicate, Refused, Superseded

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
    return row


def report(args: argparse.Namespace) -> int:
    """One table of the dashboard as CSV (``--table``): one line per cell and total (``*``
    for the dimension summed over), its value and status: exact, at_least (a committee
    suppressed or combined part of it) or suppressed (by the hub; no value), under the same
    rules and filters as the dashboard. Without ``--table``: the programme report
    (desktop/hub_report.py)."""
    if args.table is None:
        return programme_report(args)
    if args.csv is None or args.pdf is not None or args.xlsx is not None:
        raise CliError("With --table, give --csv FILE (and no --pdf or --xlsx).")
    import csv
    import io

    from desktop.hub_report import dashboard_for, parse_periods
    from storage.files import write_private_atomic

    dashboard = dashboard_for(args, parse_periods(args.period))
    table = dashboard.table(args.table)
    if table is None:
        names = ", ".join(t.name for t in dashboard.tables)
        raise CliError(f"The dashboard has no table named {args.table!r}; it has: {names}.")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    second = table.dimensions[1] if table.two_way else ""
    writer.writerow([table.dimensions[0], *([second] if second else []), "value", "status"])
    columns = [*table.columns, "*"] if table.two_way else [""]
    for code1 in [*table.rows, "*"]:
        for code2 in columns:
            cell = table.cell(code1, code2)
            value = "" if cell.value is None else str(cell.value)
            writer.writerow([code1, *([code2] if second else []), value, cell.status])
    write_private_atomic(args.csv, out.getvalue().encode())
    hidden = sum(1 for c in table.cells.values() if c.hidden)
    partial = sum(1 for c in table.cells.values() if c.status == "at_least")
    summary = (
        f"{table.name}: {table.committees} committees, {len(table.periods)} periods; "
        f"{hidden} cells suppressed, {partial} cells at least; written to {args.csv}."
    )
    emit(args, {"table": table.name, "csv": str(args.csv), "withheld": table.withheld}, summary)
    return 0


def first_hub(
    found: HubFolder, secret: str | None, ask: Callable[[str], HubWorkspace | None]
) -> HubWorkspace | None:
    """The hub opened for the window: with ``secret`` (SULUHU_PASSPHRASE) when given, with the
    keyring's password when it holds one, else (or when that one no longer opens it, e.g. it
    was changed on the server) with what ``ask(problem)`` gets typed."""
    from desktop.workspace import WorkspaceError
    from storage.hub.workspace import open_hub

    if secret is not None:
        return open_hub(found.folder, secret)
    if found.needs_passphrase():
        return ask("")
    try:
        return open_hub(found.folder, None)
    except WorkspaceError as problem:
        return ask(str(problem))


def open_window(args: argparse.Namespace) -> int:
    """The hub window: the passphrase from SULUHU_PASSPHRASE, or asked in a small dialog."""
    import os
    import sys

    from PySide6.QtWidgets import QApplication, QDialog

    from desktop import tasks
    from desktop.i18n import install
    from desktop.views.hub.hub_window import HubWindow
    from desktop.views.hub.unlock_dialog import HubUnlockDialog
    from storage.hub.store import HubFolder
    from storage.hub.workspace import open_hub

    folder = Path(args.hub)
    found = HubFolder(folder)
    if not found.exists():
        raise CliError(f"There is no hub at {folder}. Create one with `suluhu hub init`.")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Suluhu hub")
    install(app)
    server = found.backend_kind() == "postgresql"

    remember = found.remember_password if found.can_remember_password() else None

    def ask(problem: str = "") -> HubWorkspace | None:
        dialog = HubUnlockDialog(
            folder, lambda text: open_hub(folder, text), server=server, remember=remember
        )
        dialog.message.setText(problem)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if dialog.remembered is False:
            print("The password could not be kept in the system keyring; it will be asked "
                  "for again.", file=sys.stderr)  # fmt: skip
        return dialog.hub

    first = first_hub(found, os.environ.get("SULUHU_PASSPHRASE"), ask)
    if first is None:
        return 1
    opened: list[HubWorkspace] = [first]

    def show(hub: HubWorkspace) -> None:
        window = HubWindow(hub)
        window.locked.connect(lambda: relock(window))
        window.show()

    def relock(window: HubWindow) -> None:
        """Locked: close the hub, then ask again (always, even with SULUHU_PASSPHRASE)."""
        app.setQuitOnLastWindowClosed(False)  # between the window and the dialog
        window.hide()
        window.deleteLater()
        tasks.wait_for_all()
        opened.pop().close()
        hub = ask()
        if hub is None:
            app.quit()
            return
        opened.append(hub)
        show(hub)
        app.setQuitOnLastWindowClosed(True)

    show(first)
    code = app.exec()
    tasks.wait_for_all()
    for hub in opened:
        hub.close()
    return code
