"""Where Suluhu keeps its files. One place; overridable by environment for tests and support."""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def default_workspace() -> Path:
    """The workspace folder: $SULUHU_WORKSPACE, else the platform's per-user data folder."""
    override = os.environ.get("SULUHU_WORKSPACE")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "Suluhu" / "workspace"


def hub_folder(workspace: Path) -> Path:
    """A programme hub's folder: ``hub`` beside the committee workspace's folder."""
    return workspace.parent / "hub"


def taxonomy_folder() -> Path:
    return RESOURCES / "taxonomies"


def log_folder(workspace: Path) -> Path:
    return workspace / "logs"
