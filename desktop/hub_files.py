"""Which files an import at the hub takes: the files named, and the exports inside each folder
named (shared by the hub window and `suluhu hub import`)."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.model.export_log import FILE_SUFFIX


def export_files(paths: list[Path]) -> list[Path]:
    """The files named, and every ``*.suluhu-export`` inside each folder named (in name
    order; other files in a folder are left alone)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.name.endswith(FILE_SUFFIX)))
        else:
            found.append(path)
    return found
