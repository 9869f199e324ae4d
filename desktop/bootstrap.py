"""The composition root: the one place that wires storage into the app and the CLI.

Nothing happens at import time. The GUI path shows its first window before SQLAlchemy, keyring
or reportlab are imported; the workspace imports them on the worker thread at sign-in.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.workspace import HubHome, Workspace

if TYPE_CHECKING:
    from desktop.views.controller import AppController

log = logging.getLogger("suluhu")


def make_workspace(folder: Path | None = None) -> Workspace:
    from storage.workspace import SqlCipherWorkspace

    return SqlCipherWorkspace(folder or paths.default_workspace())


def make_hub_home(folder: Path) -> HubHome:
    """The programme hub's folder (imports SQLAlchemy: only when no workspace exists)."""
    from storage.hub.workspace import HubHomeFolder

    return HubHomeFolder(folder)


def setup_logging(folder: Path) -> None:
    """Log to ``logs/suluhu.log`` in the workspace: events and error types, never case data."""
    logs = paths.log_folder(folder)
    try:
        os.makedirs(logs, mode=0o700, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(logs / "suluhu.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("suluhu")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def disable_core_dumps() -> None:
    """A core dump would hold the unwrapped keys and whatever case was on screen."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass


def show_first_window(folder: Path) -> AppController:
    """Translations, then the wizard or the sign-in window; the QApplication must exist."""
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import install
    from desktop.views.controller import AppController

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setApplicationName("Suluhu")
    install(app)
    workspace = make_workspace(folder)
    # A hub is looked for only without a workspace, so that sign-in's first paint stays light.
    hub = None if workspace.exists() else make_hub_home(paths.hub_folder(folder))
    controller = AppController(workspace, hub=hub)
    controller.start()
    return controller


def run_app(folder: Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    disable_core_dumps()
    workspace_folder = folder or paths.default_workspace()
    app = QApplication.instance() or QApplication(sys.argv)
    controller = show_first_window(workspace_folder)
    setup_logging(workspace_folder)
    log.info("app started")
    code = app.exec()
    controller.close_hub()
    controller.deleteLater()
    return code
