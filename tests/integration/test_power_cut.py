"""Power cuts: a child process registers cases and is SIGKILLed at random moments, at least 50
times, on the same workspace. After every kill the workspace opens, passes its checks (cipher,
structure, audit chain), and holds every case whose commit the child had acknowledged."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import ADMIN, ADMIN_PASSPHRASE, case_numbers, create_workspace, make_workspace

KILLS = 50
SEED = 20260105
REPO = Path(__file__).resolve().parents[2]
LINE_TIMEOUT = 60.0  # seconds: only a hung child ever gets near it


class Child:
    """The child process and a line reader on its stdout that never blocks forever."""

    def __init__(self, folder: Path, first: int, stderr: Path) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        self._stderr_path = stderr
        self._stderr = open(stderr, "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.power_cut_child", str(folder), str(first)],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )
        assert self.process.stdout is not None
        self._fd = self.process.stdout.fileno()
        self._buffer = b""

    def readline(self) -> str:
        deadline = time.monotonic() + LINE_TIMEOUT
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._fd], [], [], max(0.0, left))
            if not ready:
                raise AssertionError(f"the child printed nothing for {LINE_TIMEOUT} s")
            chunk = os.read(self._fd, 4096)
            if not chunk:
                raise AssertionError(f"the child died early: {self.stderr()}")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("ascii")

    def kill(self) -> list[str]:
        """SIGKILL; returns the complete lines the child had printed but not yet been read."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        assert self.process.stdout is not None
        rest = self._buffer + self.process.stdout.read()
        self.process.stdout.close()
        self._stderr.close()
        assert self.process.returncode == -signal.SIGKILL, self.stderr()
        return [line.decode("ascii") for line in rest.split(b"\n")[:-1]]  # drop a partial line

    def stderr(self) -> str:
        self._stderr.flush()
        return self._stderr_path.read_text(errors="replace")[-2000:]


@pytest.mark.slow
def test_no_acknowledged_case_is_lost_to_a_power_cut(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    workspace, _ = create_workspace(tmp_path / "ws")
    folder = workspace.folder
    acknowledged: set[str] = set()
    kills_during_sign_in = 0
    for round_ in range(KILLS):
        # what to wait for before the kill: the sign-in (-1), or k acknowledged cases
        wanted = -1 if rng.random() < 0.1 else rng.randint(0, 10)
        child = Child(folder, 1000 * round_, tmp_path / f"child-{round_}.err")
        try:
            assert child.readline() == "signing-in"
            if wanted >= 0:
                assert child.readline() == "ready"
                for _ in range(wanted):
                    acknowledged.add(child.readline())
            for _ in range(rng.randint(0, 2000)):  # spread the kill over the next commit
                os.sched_yield()
        finally:
            late = child.kill()
        kills_during_sign_in += wanted < 0
        acknowledged.update(line for line in late if line not in ("signing-in", "ready"))

        opened = make_workspace(folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
        try:
            assert opened.check() == [], f"after kill {round_}"
            missing = acknowledged - case_numbers(opened)
            assert not missing, f"after kill {round_}, acknowledged cases are lost: {missing}"
        finally:
            opened.close()
    assert kills_during_sign_in >= 1
    assert len(acknowledged) >= 3 * KILLS  # the kills did land among registrations
