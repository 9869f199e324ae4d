"""What opens a hub for a terminal command (`suluhu hub import`, `report`, ...): the typed
passphrase or server password (SULUHU_PASSPHRASE, else asked in the terminal), or, for a hub on
a PostgreSQL server, the password the system keyring holds; when that one no longer opens it
(it was changed on the server), the terminal asks for it (docs/hub.md, "PostgreSQL")."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from desktop.cli import passphrase
from desktop.workspace import WorkspaceError

Opened = TypeVar("Opened")
SERVER_PROMPT = "The hub server's password: "


def open_for_command(folder: Path, opener: Callable[[str | None], Opened]) -> Opened:
    """``opener(secret)`` with what opens the hub in ``folder`` (None: the keyring's)."""
    from storage.hub.store import HubFolder

    hub = HubFolder(folder)
    if not hub.exists():
        return opener(None)  # says there is no hub, and how to make one
    if "SULUHU_PASSPHRASE" in os.environ or hub.needs_passphrase():
        server = hub.backend_kind() == "postgresql"
        return opener(passphrase(prompt=SERVER_PROMPT) if server else passphrase())
    try:
        return opener(None)
    except WorkspaceError as problem:  # the keyring's password no longer opens it
        if not sys.stdin.isatty():
            raise
        print(problem, file=sys.stderr)
        return opener(passphrase(prompt=SERVER_PROMPT))
