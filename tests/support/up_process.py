"""`intellimall up` as a real process, and the processes serving its data directory.

`Launcher.close` ends every `up` it started and any server process still naming one of their
data directories (by pid, each checked against /proc just before), also when a test failed.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from mall_adapters.infra.ports import free_port
from mall_adapters.infra.process import dies_with_us

START_SECONDS = 90.0  # a first start runs initdb; the machine may be busy with other tests
STOP_SECONDS = 30.0


T = TypeVar("T")


def until(probe: Callable[[], T], done: Callable[[T], bool], within: float) -> T:
    """Call `probe` until `done(result)`; fail with the last result after `within` seconds
    (`tests.support.polling.eventually` for synchronous tests)."""
    deadline = time.monotonic() + within
    while not done(result := probe()):
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within}s; last value: {result!r}")
        time.sleep(0.05)
    return result


def up_environment(settings: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment for an `up` it starts: none of its `INTELLIMALL_*`
    variables, then `settings` (`INTELLIMALL_*` ones), and unbuffered output."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("INTELLIMALL_")}
    env.update(settings or {})
    env["PYTHONUNBUFFERED"] = "1"
    return env


@dataclass
class Up:
    process: subprocess.Popen[bytes]
    data_dir: Path
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def runtime(self) -> dict[str, str]:
        found: dict[str, str] = json.loads((self.data_dir / "runtime.json").read_text())
        return found

    def ready(self) -> None:
        """Wait for the "ready" block; fails with the output if the process exits first."""
        until(
            lambda: self.process.poll() is not None or "IntelliMall ready" in self.output(),
            bool,
            START_SECONDS,
        )
        assert self.process.poll() is None, self.output()

    def interrupt(self) -> None:
        """Ctrl-C, and the clean stop that must follow."""
        self.process.send_signal(signal.SIGINT)
        assert self.exit_code() == 0, self.output()

    def exit_code(self) -> int:
        until(self.process.poll, lambda code: code is not None, STOP_SECONDS)
        return self.process.returncode


def naming(data_dir: Path) -> dict[int, list[str]]:
    """Live processes with an argument in `data_dir` (itself or below): pid -> arguments."""
    prefix = str(data_dir.resolve())
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            args = [os.fsdecode(a) for a in (entry / "cmdline").read_bytes().split(b"\0") if a]
            if any(a == prefix or a.startswith(prefix + "/") for a in args):
                found[int(entry.name)] = args
    return found


def servers(data_dir: Path) -> dict[str, list[int]]:
    """The PostgreSQL postmasters and NATS servers of `data_dir`, by program name.

    A backend the postmaster has just forked shows the postmaster's command line until it
    renames itself; it is its child, and is not counted."""
    folders = {str(data_dir.resolve() / "pg"), str(data_dir.resolve() / "nats")}
    found: dict[str, list[int]] = {"postgres": [], "nats-server": []}
    candidates = {
        pid: Path(args[0]).name
        for pid, args in naming(data_dir).items()
        if Path(args[0]).name in found and folders & set(args)
    }
    for pid, program in candidates.items():
        if parent(pid) not in candidates:
            found[program].append(pid)
    return found


def parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])  # the field after the state


def gone(data_dirs: set[Path], within: float) -> bool:
    """Whether every process naming one of `data_dirs` ended within `within` seconds."""
    deadline = time.monotonic() + within
    while any(naming(data_dir) for data_dir in data_dirs):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def one_of_each(data_dir: Path) -> dict[str, int]:
    found = servers(data_dir)
    assert [len(pids) for pids in found.values()] == [1, 1], found
    return {program: pids[0] for program, pids in found.items()}


class Launcher:
    def __init__(self) -> None:
        self._started: list[Up] = []
        self._data_dirs: set[Path] = set()

    def cleans(self, data_dir: Path) -> None:
        """End processes naming `data_dir` on close, though no `up` of ours ran there."""
        self._data_dirs.add(data_dir)

    def up(
        self,
        data_dir: Path,
        log_name: str = "up.log",
        program: tuple[str, ...] = (sys.executable, "-m", "mall_adapters.bootstrap.cli"),
        cwd: Path | None = None,
        arguments: tuple[str, ...] = ("up",),
        env: dict[str, str] | None = None,
    ) -> Up:
        """`program up --data-dir data_dir --port <free>`, output to a log next to data_dir
        (`arguments` for another command, e.g. `serve --module stores`; `env` adds
        `INTELLIMALL_*` variables, none of the caller's are passed on)."""
        port = free_port()
        environment = up_environment(env)
        command = [*program, *arguments, "--data-dir", str(data_dir), "--port", str(port)]
        log_path = data_dir.parent / f"{data_dir.name}-{log_name}"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                command,
                cwd=cwd,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=dies_with_us(),  # a test process killed outright stops it too
            )
        started = Up(process, data_dir, port, log_path)
        self._started.append(started)
        self._data_dirs.add(data_dir)
        return started

    def close(self) -> None:
        for started in self._started:
            if started.process.poll() is None:
                started.process.kill()
            started.process.wait()
        data_dirs, self._data_dirs = self._data_dirs, set()
        # SIGINT first: a PostgreSQL killed outright leaves backends holding its shared
        # memory for a moment, and the next test's server on the same data would not start.
        for sig in (signal.SIGINT, signal.SIGKILL):
            for pid in [pid for data_dir in data_dirs for pid in naming(data_dir)]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, sig)
            if gone(data_dirs, STOP_SECONDS):
                break
        self._started.clear()
