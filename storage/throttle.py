"""Failed sign-in throttle, kept in ``signin.json`` in the workspace folder.

Five failed attempts are free; after the 6th failure the next attempt waits 30 s, and each
further failure doubles the wait, up to 15 minutes. Nothing is ever wiped or locked for good:
the KDF cost is the real defence, the throttle only slows guessing at the keyboard.

Keys are opaque strings chosen by the caller (an HMAC of the user name), so the file names
nobody. Every change is an atomic, owner-only write; a new Throttle reads the same file, so the
count survives a restart.

A damaged ``signin.json`` (garbled, wrong shape) must neither crash sign-in nor lock anyone
out: it is moved aside to ``signin.json.damaged`` for inspection, the throttle starts empty, and
``damage_found`` is set so the caller can write an audit event. Someone able to damage the file
could delete it just as well, so an empty start gives nothing away.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storage.files import write_private_atomic

FREE_FAILURES = 5
FIRST_DELAY = 30.0
MAX_DELAY = 15 * 60.0
VERSION = 1
_MAX_KEYS = 1000
_MAX_TIMES = 100
_MAX_FILE_BYTES = 1 << 20


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive failed attempts."""
    if failures <= FREE_FAILURES:
        return 0.0
    doublings = min(failures - FREE_FAILURES - 1, 32)
    return min(FIRST_DELAY * 2.0**doublings, MAX_DELAY)


@dataclass
class _Entry:
    count: int
    last: float
    times: list[float] = field(default_factory=list)


class Throttle:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self.damage_found = False

    def wait_seconds(self, key: str) -> float:
        """0 when ``key`` may try now, else the seconds left (never more than the rule says,
        even if the system clock was set back)."""
        entry = self._load().get(_check(key))
        if entry is None:
            return 0.0
        delay = delay_after(entry.count)
        return max(0.0, min(delay, entry.last + delay - self._clock()))

    def failed(self, key: str) -> int:
        """Record a failed attempt; returns the number of failures since the last success."""
        entries = self._load()
        now = self._clock()
        entry = entries.get(_check(key)) or _Entry(0, now)
        entry.count += 1
        entry.last = now
        entry.times = [*entry.times, now][-_MAX_TIMES:]
        entries[key] = entry
        if len(entries) > _MAX_KEYS:
            for stale in sorted(entries, key=lambda k: entries[k].last)[:-_MAX_KEYS]:
                del entries[stale]
        self._store(entries)
        return entry.count

    def succeeded(self, key: str) -> list[float]:
        """Clear ``key``; returns the times of the failures since the last success (the newest
        100 of them) for the audit log."""
        entries = self._load()
        entry = entries.pop(_check(key), None)
        if entry is None:
            return []
        self._store(entries)
        return entry.times

    def _load(self) -> dict[str, _Entry]:
        try:
            with open(self.path, "rb") as stream:
                data = stream.read(_MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return {}
        try:
            if len(data) > _MAX_FILE_BYTES:
                raise ValueError("too large")
            return _decode(json.loads(data))
        except (ValueError, TypeError, KeyError, AttributeError):
            self.damage_found = True
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_name(self.path.name + ".damaged"))
            return {}

    def _store(self, entries: dict[str, _Entry]) -> None:
        document = {
            "version": VERSION,
            "keys": {
                key: {"count": e.count, "last": e.last, "times": e.times}
                for key, e in entries.items()
            },
        }
        write_private_atomic(self.path, json.dumps(document, sort_keys=True).encode("utf-8"))


def _decode(document: object) -> dict[str, _Entry]:
    if not isinstance(document, dict) or document["version"] != VERSION:
        raise ValueError("not a throttle file")
    entries = {}
    for key, value in document["keys"].items():
        count, times = value["count"], [_seconds(t) for t in value["times"]]
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError("bad count")
        entries[_check(key)] = _Entry(count, _seconds(value["last"]), times[-_MAX_TIMES:])
    return entries


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("bad time")
    return float(value)


def _check(key: object) -> str:
    if not isinstance(key, str) or not 0 < len(key) <= 256:
        raise ValueError("a throttle key is a non-empty string")
    return key
