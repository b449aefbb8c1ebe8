"""`dies_with_us`: a child spawned with it ends when its parent is killed outright (kill -9),
as the `up` a bench or a test starts must (Linux)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from mall_adapters.infra.process import alive

PARENT = """
import subprocess, sys
from mall_adapters.infra.process import dies_with_us
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], {option})
print(child.pid, flush=True)
time_to_die = sys.stdin.read()
"""


def parent_with_a_child(option: str) -> tuple[subprocess.Popen[str], int]:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT.format(option=option)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    return parent, int(parent.stdout.readline())


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.skipif(sys.platform != "linux", reason="the death signal is Linux's prctl")
def test_a_child_spawned_with_the_death_signal_ends_with_its_killed_parent() -> None:
    parent, child = parent_with_a_child("preexec_fn=dies_with_us()")
    parent.kill()
    parent.wait()
    assert gone_within(child, 10), f"child {child} outlived its parent killed with -9"


def test_without_it_the_child_outlives_its_killed_parent() -> None:
    """The control: what the death signal prevents does happen without it."""
    parent, child = parent_with_a_child("")
    try:
        parent.kill()
        parent.wait()
        assert not gone_within(child, 1)
    finally:
        if alive(child):
            os.kill(child, signal.SIGKILL)
