"""A real workspace with a few years of synthetic demo cases, for the Reports page and the PDF
summary (made once per module: filling it takes about a second)."""

from __future__ import annotations

from pathlib import Path

from desktop.demo_command import fill
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace

DEMO_CASES = 1500


def demo_folder(folder: Path) -> Path:
    workspace, _ = create_workspace(folder)
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        fill(opened, ADMIN_PASSPHRASE, DEMO_CASES, 2026)
    finally:
        opened.close()
    return folder
