"""Real export files and fresh hubs for the hub's tests (integration, UI and benchmarks).

- :func:`demo_exports` makes real signed exports of a small demo workspace, one per period.
- :func:`as_committee` re-signs an export's tables as another committee (its own key and
  pseudonym): a genuine file of another committee, as far as the hub can tell.
- :func:`new_hub` creates and opens a fresh hub store.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.demo import demo_actors, generate_cases
from desktop.domain.model.export_tables import Period
from desktop.domain.services.export_log import export_period
from storage import export_file
from storage.hub.store import HubFolder, HubStore
from tests.support import ADMIN_PASSPHRASE, CHEAP_KDF, create_workspace

HUB_PASSPHRASE = "blue-heron-copper-kettle"


def demo_exports(
    folder: Path,
    periods: Iterable[Period],
    cases: int = 150,
    seed: int = 5,
    today: date = date(2026, 11, 30),
    seed_actors: int = 3,
) -> dict[str, bytes]:
    """Real export files (period label -> bytes) of a new demo workspace in ``folder`` with
    ``cases`` cases (from ``seed``) spread over the demo's three years before ``today``
    (desktop.demo.YEARS_BACK): 360 cases are about 10 a month."""
    periods = list(periods)
    made = demo_export_files(folder, periods, cases, seed, today, seed_actors)
    return {period.label: data for period, data in zip(periods, made, strict=True)}


def demo_export_files(
    folder: Path,
    periods: Iterable[Period],
    cases: int = 150,
    seed: int = 5,
    today: date = date(2026, 11, 30),
    seed_actors: int = 3,
) -> list[bytes]:
    """As :func:`demo_exports`, one file per period in order: a period named twice is
    exported twice (the second time as the next sequence, a corrected re-export)."""
    workspace, _ = create_workspace(folder / "ws")
    opened = workspace.sign_in("admin", ADMIN_PASSPHRASE)
    made: list[bytes] = []
    try:
        with opened.unit_of_work() as uow:
            actor_ids = [uow.actors.add(a) for a in demo_actors(seed_actors, opened.taxonomy)]
            uow.commit()
        records = generate_cases(
            cases, seed, opened.taxonomy, opened.committee(), [opened.actor.user_id],
            actor_ids, today,
        )  # fmt: skip
        opened.case_loader().load(list(records))
        for number, period in enumerate(periods):
            path = folder / f"{number}-{period.label}.suluhu-export"
            export_period(
                opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, period,
                opened.export_writer(path), app_version="0.1.0",
            )  # fmt: skip
            made.append(path.read_bytes())
    finally:
        opened.close()
    return made


def as_committee(data: bytes, key: Ed25519PrivateKey, **changes: object) -> bytes:
    """``data``'s tables under its manifest changed by ``changes`` (e.g. committee="C-...",
    export_id=..., sequence=...), signed by ``key``."""
    verified = export_file.verify_bytes(data)
    manifest = dataclasses.replace(verified.manifest, **changes)  # type: ignore[arg-type]
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return export_file.encode_export(manifest, verified.tables, public, key.sign)


def new_hub(folder: Path) -> HubStore:
    """A fresh hub (SQLCipher, cheap KDF) in ``folder``, open."""
    hub = HubFolder(folder, kdf=CHEAP_KDF)
    hub.create(HUB_PASSPHRASE)
    return hub.open(HUB_PASSPHRASE)
