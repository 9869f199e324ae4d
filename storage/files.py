"""Private, atomic file writes: the only way Suluhu puts a file on disk.

A write goes to a temporary file in the same folder, created owner-only (0o600) before any byte
is written, then flushed, fsynced and renamed over the target with ``os.replace``; the folder is
fsynced too (except on Windows, where directories cannot be opened). A failure at any step (a
full disk, a crash) leaves the old file as it was; the temporary file is removed when we can.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from collections.abc import Iterable
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
_TEMP_SUFFIX = ".tmp"
_O_BINARY: int = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_CHUNK = 1 << 20


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) with owner-only permissions on the last folder."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if os.name == "posix":
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, PRIVATE_DIR_MODE)


def temp_path_beside(path: Path, tag: str = "") -> Path:
    """A fresh, unguessable name in ``path``'s folder, hidden, ending in ``.tmp``."""
    token = secrets.token_hex(8)
    return path.with_name(f".{path.name}{tag}.{token}{_TEMP_SUFFIX}")


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and owner-only; fail if it already exists."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _O_BINARY, PRIVATE_FILE_MODE)
    os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in ``folder`` durable (no-op on Windows)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def write_private_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; the file is owner-only from its first byte."""
    _write_atomic(path, [data])


def copy_private_atomic(source: Path, target: Path) -> None:
    """Copy ``source`` over ``target`` (streamed) with the same guarantees."""
    with open(source, "rb") as stream:
        _write_atomic(target, iter(lambda: stream.read(_CHUNK), b""))


def _write_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    temp = temp_path_beside(path)
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _O_BINARY, PRIVATE_FILE_MODE)
    try:
        try:
            for chunk in chunks:
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        remove_quietly(temp)
        raise
    fsync_dir(path.parent)
