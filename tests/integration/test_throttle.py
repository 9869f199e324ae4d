"""The failed sign-in throttle, with an injected clock (no sleeping)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import storage.throttle
from storage.throttle import MAX_DELAY, Throttle, delay_after


class FakeClock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def throttle(tmp_path: Path, clock: FakeClock) -> Throttle:
    return Throttle(tmp_path / "signin.json", clock)


def test_the_delay_rule() -> None:
    assert [delay_after(n) for n in range(13)] == [
        0, 0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900,
    ]  # fmt: skip
    assert delay_after(10_000) == MAX_DELAY == 900


def test_five_free_failures_then_waits(throttle: Throttle, clock: FakeClock) -> None:
    for n in range(1, 6):
        assert throttle.failed("k") == n
        assert throttle.wait_seconds("k") == 0
        clock.now += 1
    assert throttle.failed("k") == 6
    assert throttle.wait_seconds("k") == 30
    clock.now += 29
    assert throttle.wait_seconds("k") == 1
    clock.now += 1
    assert throttle.wait_seconds("k") == 0
    assert throttle.failed("k") == 7
    assert throttle.wait_seconds("k") == 60
    assert throttle.wait_seconds("other") == 0  # keys are independent


def test_the_wait_is_capped_at_fifteen_minutes(throttle: Throttle, clock: FakeClock) -> None:
    for _ in range(30):
        throttle.failed("k")
    assert throttle.wait_seconds("k") == 900
    clock.now -= 86_400  # the system clock set back a day
    assert throttle.wait_seconds("k") == 900
    clock.now += 86_400 + 900
    assert throttle.wait_seconds("k") == 0  # never a lock-out for good


def test_success_clears_and_reports_the_failures(throttle: Throttle, clock: FakeClock) -> None:
    times = []
    for _ in range(7):
        times.append(clock.now)
        throttle.failed("k")
        clock.now += 100
    assert throttle.succeeded("k") == times
    assert throttle.wait_seconds("k") == 0
    assert throttle.succeeded("k") == []
    assert throttle.failed("k") == 1


def test_it_survives_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    first = Throttle(tmp_path / "signin.json", clock)
    for _ in range(6):
        first.failed("k")
    again = Throttle(tmp_path / "signin.json", clock)
    assert again.wait_seconds("k") == 30
    assert again.failed("k") == 7
    if os.name == "posix":
        assert (tmp_path / "signin.json").stat().st_mode & 0o777 == 0o600
    assert "k" in json.loads((tmp_path / "signin.json").read_text())["keys"]


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"", b"[]", b'{"version": 1, "keys": {"k": {"count": "x"}}}', b"\xff" * 10],
)
def test_a_damaged_file_is_set_aside_not_fatal(
    tmp_path: Path, clock: FakeClock, content: bytes
) -> None:
    path = tmp_path / "signin.json"
    path.write_bytes(content)
    throttle = Throttle(path, clock)
    assert throttle.wait_seconds("k") == 0
    assert throttle.damage_found
    assert (tmp_path / "signin.json.damaged").read_bytes() == content
    assert throttle.failed("k") == 1
    assert Throttle(path, clock).wait_seconds("k") == 0
    assert json.loads(path.read_text())["keys"]["k"]["count"] == 1


def test_many_keys_stay_bounded(
    throttle: Throttle, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.throttle, "_MAX_KEYS", 10)
    for n in range(15):
        clock.now += 1
        throttle.failed(f"key-{n}")
    keys = json.loads(throttle.path.read_text())["keys"]
    assert sorted(keys) == sorted(f"key-{n}" for n in range(5, 15))
