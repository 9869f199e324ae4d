"""The hub's dashboard for review (``make screenshots``): a real hub holding the signed exports
of three synthetic demo committees in two regions, August to November 2026 (one committee has
not sent November's), drawn at 1366x768: docs/screenshots/hub-dashboard-<variant>.png."""

from __future__ import annotations

import tempfile
from pathlib import Path

from desktop.domain.model.export_tables import Period
from desktop.domain.services.hub_import import ImportOptions
from desktop.workspace import HubWorkspace
from tests.hub_support import HUB_PASSPHRASE, demo_exports

COMMITTEES = (  # cases, display name, region, months sent
    (3600, "Riverside Peace Committee", "North", 4),  # about 100 cases a month
    (2400, "Hilltop Elders", "North", 4),
    (3000, "", "South", 3),  # not named by the programme office: shown by pseudonym
)
_hub: HubWorkspace | None = None


def demo_hub() -> HubWorkspace:
    """The hub, made once per run."""
    global _hub
    if _hub is not None:
        return _hub
    from storage.export_file import verify_bytes
    from storage.hub.store import HubFolder
    from storage.hub.workspace import open_hub
    from tests.support import CHEAP_KDF

    root = Path(tempfile.mkdtemp())
    HubFolder(root / "hub", kdf=CHEAP_KDF).create(HUB_PASSPHRASE)
    hub = open_hub(root / "hub", HUB_PASSPHRASE, CHEAP_KDF)
    periods = [Period.month(2026, m) for m in (8, 9, 10, 11)]
    for number, (cases, name, region, months) in enumerate(COMMITTEES):
        made = demo_exports(root / f"c{number}", periods[:months], cases=cases)
        pseudonym = ""
        for label, data in made.items():
            path = root / f"c{number}-{label}.suluhu-export"
            path.write_bytes(data)
            hub.import_file(path, ImportOptions(accept_new_keys=True))
            pseudonym = verify_bytes(data).manifest.committee
        hub.update_committee(pseudonym, name, region, True)
    inbox = root / "inbox"  # for the import screenshot: files already in, and two bad ones
    inbox.mkdir()
    for path in sorted(root.glob("c0-*.suluhu-export")):
        (inbox / path.name).write_bytes(path.read_bytes())
    good = next(iter(sorted(inbox.iterdir()))).read_bytes()
    damaged = bytearray(good)
    damaged[len(good) // 2] ^= 0x01
    (inbox / "damaged-copy.suluhu-export").write_bytes(bytes(damaged))
    (inbox / "cut-short.suluhu-export").write_bytes(good[: len(good) // 3])
    _hub = hub
    return hub


def hub_screens(outdir: Path, suffix: str) -> None:
    from desktop.views.hub.hub_window import HubWindow
    from tests.ui.screenshots import close_all, save, settle

    window = HubWindow(demo_hub())
    window.resize(1366, 768)
    window.show()
    page = window.dashboard
    settle(lambda: page.dashboard is not None and not page.busy, timeout=30)
    save(window, outdir, f"hub-dashboard-{suffix}", full_screen=True)
    if suffix == "normal":
        window.tabs.setCurrentIndex(1)
        window.import_paths([Path(window.hub.folder).parent / "inbox"])
        settle(lambda: not window.busy, timeout=30)
        save(window, outdir, "hub-import-normal", full_screen=True)
        window.tabs.setCurrentIndex(2)
        save(window, outdir, "hub-committees-normal", full_screen=True)
    close_all()
