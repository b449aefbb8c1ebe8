"""Child processes that die with IntelliMall, and telling our servers from unrelated processes.

Linux only where it must be: the death signal uses `prctl`, and processes are read from /proc.
"""

from __future__ import annotations

import ctypes
import os
import pwd
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

PR_SET_PDEATHSIG = 1
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform == "linux" else None

StopSteps = Sequence[tuple[signal.Signals, float]]
"""How to stop a server: each signal in turn, waiting up to so many seconds for it to end."""


def dies_with_us(death_signal: signal.Signals = signal.SIGTERM) -> Callable[[], None]:
    """A `preexec_fn` for `subprocess.Popen`: on Linux the child receives `death_signal` when
    the thread that spawns it ends, however this process ends (kill -9 included), and exits
    at once if we died before it was armed. Spawn from the main thread."""
    parent = os.getpid()

    def in_child() -> None:
        if _prctl is not None:
            _prctl(PR_SET_PDEATHSIG, int(death_signal))
            if os.getppid() != parent:  # we died before the death signal was armed
                os._exit(1)

    return in_child


def spawn(
    command: list[str], log_path: Path, death_signal: signal.Signals, user: str | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` as our child, its output appended to `log_path`.

    It runs in a process group of its own (a Ctrl-C at the terminal reaches only us, and we
    stop the servers in order) and, on Linux, receives `death_signal` when the thread that
    spawned it ends, however the process ends: call this from the main thread. `user` runs
    it as that system user (needs root).
    """
    # Popen has already switched user and group when `preexec_fn` runs: the kernel clears the
    # death signal when credentials change, so it is set afterwards.
    account = pwd.getpwnam(user) if user else None
    with log_path.open("ab") as log:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            process_group=0,
            preexec_fn=dies_with_us(death_signal),
            user=account.pw_uid if account else None,
            group=account.pw_gid if account else None,
            extra_groups=[] if account else None,
        )


def alive(pid: int) -> bool:
    """Whether `pid` exists and is not a zombie (any process, not only our children)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def serves(pid: int, folder: Path) -> bool:
    """Whether `pid` is alive and its command line names `folder` as an argument: a pid file
    can outlive its process, and the number can since belong to an unrelated one."""
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return os.fsencode(folder) in arguments and alive(pid)


def end(pid: int, steps: StopSteps, running: Callable[[], bool]) -> bool:
    """Send each signal of `steps` to `pid` until `running()` turns false; False if it never did."""
    for sig, seconds in steps:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return True
        deadline = time.monotonic() + seconds
        while running():
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        else:
            return True
    return not running()
