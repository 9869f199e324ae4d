"""One process at a time per workspace.

The app keeps its workspace open for hours; a command that re-keys or restores the database
replaces the file under it, and the app's later commits would go to the replaced file. So an
open workspace holds an exclusive lock on ``<workspace>/.lock`` (released by the OS when the
process dies, so a power cut or a kill never leaves it stuck). Within one process the lock is
counted, not re-taken: the app and the tests open a workspace more than once.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from desktop.workspace import WorkspaceError

LOCK_NAME = ".lock"


class WorkspaceBusy(WorkspaceError):
    pass


_held: dict[Path, tuple[int, int]] = {}  # folder -> (file descriptor, count)
_guard = threading.Lock()


def acquire_lock(folder: Path) -> None:
    key = folder.resolve()
    with _guard:
        if key in _held:
            fd, count = _held[key]
            _held[key] = (fd, count + 1)
            return
        fd = os.open(key / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise WorkspaceBusy(
                "This workspace is open in another Suluhu window or command. Close it there "
                "(or wait for the command to finish), then try again."
            ) from None
        _held[key] = (fd, 1)


def release_lock(folder: Path) -> None:
    key = folder.resolve()
    with _guard:
        if key not in _held:
            return
        fd, count = _held[key]
        if count > 1:
            _held[key] = (fd, count - 1)
            return
        del _held[key]
        os.close(fd)  # closing the descriptor releases the lock


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
