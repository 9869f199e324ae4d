"""The programme report's files, built all before any is written, then written all or none;
shared by ``suluhu hub report`` (desktop/hub_report.py) and the hub window
(desktop/views/hub/report_saver.py), which pass in how to write one file privately."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from desktop.domain.model.hub_dashboard import Dashboard
from desktop.reports.programme_report import programme_report_pdf
from desktop.reports.programme_sheet import programme_csv, programme_xlsx
from desktop.reports.programme_words import Labels, ProgrammeWords

FORMATS = ("pdf", "xlsx", "csv")


class ReportNotWritten(Exception):
    """A file could not be written; none of the report's files was left behind."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Cannot write {path}: {reason}. No file was written.")
        self.path = path
        self.reason = reason


def build_files(
    dashboard: Dashboard,
    kinds: tuple[str, ...] | list[str],
    title: str,
    made_on: date | str,
    words: ProgrammeWords | None = None,
    labels: Labels | None = None,
) -> dict[str, bytes]:
    """The bytes of each kind asked for ("pdf", "xlsx", "csv")."""
    made: dict[str, bytes] = {}
    for kind in kinds:
        if kind == "pdf":
            made[kind] = programme_report_pdf(dashboard, title, made_on, words=words, labels=labels)
        elif kind == "xlsx":
            made[kind] = programme_xlsx(dashboard, words, labels)
        elif kind == "csv":
            made[kind] = programme_csv(dashboard, words, labels)
        else:
            raise ValueError(f"unknown report format {kind!r}")
    return made


def write_all(
    outputs: Mapping[str, Path],
    made: Mapping[str, bytes],
    write: Callable[[Path, bytes], None],
) -> list[Path]:
    """Write each file with ``write`` (atomic and private) under a temporary name beside it,
    then put them all in place: when one cannot be written, the temporary files are removed,
    every file already there (an earlier report) stays as it was, and
    :class:`ReportNotWritten` is raised."""
    parts: dict[Path, Path] = {}
    current = next(iter(outputs.values()), Path())
    try:
        for kind, path in outputs.items():
            current = path
            part = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.part{path.suffix}")
            write(part, made[kind])
            parts[path] = part
        for path, part in parts.items():  # renames in one folder: they do not fail for space
            current = path
            os.replace(part, path)
    except OSError as error:
        for part in parts.values():
            part.unlink(missing_ok=True)
        raise ReportNotWritten(current, error.strerror or type(error).__name__) from None
    return list(parts)
