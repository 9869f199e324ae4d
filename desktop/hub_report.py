"""`suluhu hub report`: the programme report of a hub, as PDF, XLSX and CSV (docs/hub.md).

    suluhu hub report --hub DIR [--period P]... [--region R]... [--committee C]...
        [--category X]... [--sex S]... [--age A]... [--title T]
        [--pdf FILE] [--xlsx FILE] [--csv FILE]

Every file is built before any is written; each is written atomically and owner-only, and if
one cannot be written, those already written by this run are removed: nothing is half-written.
One line per file written. With ``--table NAME --csv FILE`` the command writes one table as
before (desktop/hub_command.py). Imports are inside the functions: `suluhu --help` stays cheap.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli import CliError, emit
from desktop.hub_unlock import open_for_command

if TYPE_CHECKING:
    from desktop.domain.model.hub_dashboard import Dashboard, DashboardFilters


def add_report_arguments(p: argparse.ArgumentParser) -> None:
    def many(flag: str, text: str) -> None:
        p.add_argument(flag, action="append", default=[], help=f"{text} (repeatable)")

    many("--period", "a period, e.g. 2026-10 or 2026-Q4")
    many("--region", "a region")
    many("--committee", "a committee's pseudonym")
    many("--category", "a kind of dispute (its code)")
    many("--sex", "a complainant's sex (female, male, other, unknown)")
    many("--age", "a complainant's age band (its code)")
    p.add_argument("--title", default="", help='the report\'s title (default "Programme report")')
    p.add_argument("--pdf", type=Path, help="write the programme report (PDF) here")
    p.add_argument("--xlsx", type=Path, help="write the spreadsheet (XLSX) here")
    p.add_argument("--csv", type=Path, help="write the indicator table (CSV) here")
    p.add_argument("--table", help="only this table as CSV, e.g. received_by_category")


def parse_periods(texts: list[str]) -> list[str]:
    from desktop.domain.model.export_tables import Period

    try:
        return [Period.parse(text).label for text in texts]
    except ValueError as error:
        raise CliError(str(error)) from None


def check_writable(path: Path) -> None:
    """Refuse, before anything is built or written, a path that cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CliError(f"{path} is a folder; give a file name.")
    if not folder.is_dir():
        raise CliError(f"Cannot write {path}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise CliError(f"Cannot write {path}: the folder {folder} is not writable.")


def unknown_periods(asked: list[str], known: tuple[str, ...]) -> list[str]:
    """The periods asked for that no export on the hub covers (a quarter is known when one of
    its months is)."""
    from desktop.domain.model.export_tables import Period

    have = set(known)
    return [
        label
        for label in asked
        if label not in have and not any(m.label in have for m in Period.parse(label).months())
    ]


def _filters(args: argparse.Namespace, periods: list[str]) -> DashboardFilters:
    from desktop.domain.model.hub_dashboard import DashboardFilters

    return DashboardFilters(
        periods=frozenset(periods),
        regions=frozenset(args.region),
        committees=frozenset(args.committee),
        categories=frozenset(args.category),
        sexes=frozenset(args.sex),
        age_bands=frozenset(args.age),
    )


def dashboard_for(args: argparse.Namespace, periods: list[str]) -> Dashboard:
    from storage.hub.store import HubFolder
    from storage.hub.workspace import open_hub

    if not HubFolder(args.hub).exists():
        raise CliError(f"There is no hub at {args.hub}. Create one with `suluhu hub init`.")
    hub = open_for_command(args.hub, lambda secret: open_hub(args.hub, secret))
    try:
        dashboard = hub.dashboard(_filters(args, periods))
    finally:
        hub.close()
    unknown = unknown_periods(periods, dashboard.choices.periods)
    if unknown:
        raise CliError(f"No export on this hub covers {', '.join(unknown)}; nothing was written.")
    if dashboard.exports == 0:
        raise CliError("Nothing on this hub matches those filters; nothing was written.")
    return dashboard


def _write(dashboard: Dashboard, outputs: dict[str, Path], title: str) -> None:
    from datetime import date

    from desktop.reports.programme_files import ReportNotWritten, build_files, write_all
    from desktop.views.hub.report_words import made_on_text, programme_labels, programme_words
    from storage.files import write_private_atomic

    made_on = made_on_text(date.today())
    words, labels = programme_words(), programme_labels()
    made = build_files(dashboard, list(outputs), title, made_on, words, labels)
    try:
        write_all(outputs, made, write_private_atomic)
    except ReportNotWritten as error:
        raise CliError(str(error)) from None


NAMES = {"pdf": "programme report (PDF)", "xlsx": "spreadsheet (XLSX)", "csv": "indicators (CSV)"}


def programme_report(args: argparse.Namespace) -> int:
    """Check the paths, read the dashboard, build every file, then write them all."""
    from desktop.reports.programme_files import FORMATS

    outputs = {kind: getattr(args, kind) for kind in FORMATS if getattr(args, kind) is not None}
    if not outputs:
        raise CliError("Say what to write: --pdf FILE, --xlsx FILE and/or --csv FILE.")
    if len(set(outputs.values())) < len(outputs):
        raise CliError("Give each file its own name.")
    for path in outputs.values():
        check_writable(path)
    dashboard = dashboard_for(args, parse_periods(args.period))
    _write(dashboard, outputs, args.title)
    data = {
        "files": {kind: str(path) for kind, path in outputs.items()},
        "committees": dashboard.committees,
        "exports": dashboard.exports,
        "periods": list(dashboard.periods),
    }
    lines = [f"Wrote the {NAMES[kind]} to {path}." for kind, path in outputs.items()]
    emit(args, data, "\n".join(lines))
    return 0
