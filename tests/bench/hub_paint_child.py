"""One benchmark child: open a hub as `suluhu hub open` does and quit once its dashboard is
painted; it prints when (in seconds since its main() started) the hub was unlocked, the
dashboard built (on the worker), shown and painted, as one JSON line.

``python -m tests.bench.hub_paint_child HUB_FOLDER EXPORTS [SHOT.png]``: the QApplication and its
translations, the hub unlocked with its passphrase (tests.bench.hub.HUB_PASSPHRASE), the
HubWindow at 1366x768 with the Dashboard tab first, then, once the dashboard page says it is
loaded (built on the background worker and shown), the whole window painted with grab(). It
exits 0 only when the dashboard shown adds up EXPORTS exports (0 for an empty hub); the parent
times the whole process. SHOT.png, when given, is where the painted window is saved (to look
at it; not while timing).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

SIZE = (1366, 768)
TIMEOUT_MS = 120_000


class TimedHub:
    """The open hub, noting when each dashboard() call returns (on the worker thread)."""

    def __init__(self, hub: Any) -> None:
        self._hub = hub
        self.built: list[float] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._hub, name)

    def dashboard(self, filters: Any) -> Any:
        board = self._hub.dashboard(filters)
        self.built.append(time.perf_counter())
        return board


def main(folder: Path, exports: int, shot: str = "") -> int:
    start = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop import tasks
    from desktop.i18n import install
    from desktop.views.hub.hub_window import HubWindow
    from storage.hub.workspace import open_hub
    from tests.bench.hub import HUB_PASSPHRASE

    app = QApplication(sys.argv)
    app.setApplicationName("Suluhu hub")
    install(app)
    hub = TimedHub(open_hub(folder, HUB_PASSPHRASE))
    phases = {"unlocked": time.perf_counter()}
    window = HubWindow(hub)
    shown: list[int] = []

    def painted() -> None:  # after the layouts the new content asked for
        board = window.dashboard.dashboard
        phases["shown"] = time.perf_counter()
        pixels = window.grab()
        phases["painted"] = time.perf_counter()
        if shot:
            pixels.save(shot)
        shown.append(-1 if board is None else board.exports)
        QTimer.singleShot(0, app.quit)

    window.dashboard.loaded.connect(lambda: QTimer.singleShot(0, painted))
    window.resize(*SIZE)
    window.show()
    QTimer.singleShot(TIMEOUT_MS, app.quit)
    app.exec()
    tasks.wait_for_all()
    window.close()
    hub.close()
    phases["built"] = hub.built[0] if hub.built else float("nan")
    print(
        json.dumps({k: round(v - start, 3) for k, v in sorted(phases.items(), key=lambda i: i[1])})
    )
    if shown != [exports]:
        print(f"expected a dashboard of {exports} exports, shown: {shown}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2]), *sys.argv[3:4]))
