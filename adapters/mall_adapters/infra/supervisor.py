"""`EmbeddedServer`: a server binary run as our child, started, watched, restarted and stopped.

Start stops what a killed run left behind in the same data directory (identified by the
server's pid file and by its command line naming the directory), then waits until the server
serves. `supervise` restarts it whenever it exits, with the same ports, socket folder and
data, so the addresses the app holds stay valid; `stop` ends it and no restart follows.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import signal
import subprocess
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from mall_adapters.infra.errors import StartError
from mall_adapters.infra.process import StopSteps, alive, end, serves, spawn

log = logging.getLogger(__name__)

FIRST_DELAY_SECONDS = 0.2  # before the first restart; doubles while restarts keep failing
MAX_DELAY_SECONDS = 5.0
STABLE_SECONDS = 30.0  # up this long, the next exit starts over from the first delay
POLL_SECONDS = 0.1


class State(enum.StrEnum):
    RUNNING = "running"
    RESTARTING = "restarting"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ServerStatus:
    name: str
    state: State
    pid: int | None
    restarts: int
    last_exit_code: int | None


class EmbeddedServer(ABC):
    name: ClassVar[str]
    death_signal: ClassVar[signal.Signals]  # sent by the kernel when IntelliMall dies
    stop_steps: ClassVar[StopSteps]

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.resolve()  # absolute: it is how our processes are recognised
        self.restarts = 0
        self.last_exit_code: int | None = None
        self._state = State.STOPPED
        self._process: subprocess.Popen[bytes] | None = None

    @property
    @abstractmethod
    def address(self) -> str:
        """Where clients connect (a DSN, a URL)."""

    @property
    @abstractmethod
    def log_path(self) -> Path: ...

    @property
    @abstractmethod
    def pid_file(self) -> Path:
        """Written by the server; its first line is the pid."""

    @abstractmethod
    def _prepare(self) -> None:
        """Before a start: folders, first-time initialisation, addresses (kept once chosen)."""

    @abstractmethod
    def _command(self) -> list[str]: ...

    @abstractmethod
    def _ready(self) -> bool:
        """A quick probe: whether the spawned server serves."""

    def _user(self) -> str | None:
        return None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def healthy(self) -> bool:
        """Running and serving as far as we know (not restarting, not stopped)."""
        process = self._process
        return self._state is State.RUNNING and process is not None and process.poll() is None

    def describe(self) -> ServerStatus:
        return ServerStatus(self.name, self._state, self.pid, self.restarts, self.last_exit_code)

    def start(self, timeout: float = 30.0) -> str:
        """Start (again, after `stop`, on the same addresses) and wait until it serves;
        returns `address`. Raises `StartError` if it exits or is not ready within `timeout`."""
        self._end_leftover()
        self._prepare()
        process = self._process = self._spawn()
        deadline = time.monotonic() + timeout
        while not self._ready():
            if process.poll() is not None:
                self._process, self.last_exit_code = None, process.returncode
                raise StartError(
                    f"embedded {self.name} exited with code {process.returncode}; "
                    f"see {self.log_path}"
                )
            if time.monotonic() > deadline:
                self.stop()
                raise StartError(f"embedded {self.name} not ready within {timeout:.0f}s")
            time.sleep(0.05)
        self._state = State.RUNNING
        log.info("embedded %s ready at %s", self.name, self.address)
        return self.address

    async def supervise(self, restart_timeout: float = 60.0) -> None:
        """Restart the server whenever it exits, until cancelled or `stop`ped."""
        delay = FIRST_DELAY_SECONDS
        while (process := self._process) is not None:
            up_since = time.monotonic()
            # A child's exit offers no event to await; polling keeps all of it on one thread.
            while process.poll() is None:  # noqa: ASYNC110
                await asyncio.sleep(POLL_SECONDS)
            if process is not self._process:
                return  # stopped
            if time.monotonic() - up_since > STABLE_SECONDS:
                delay = FIRST_DELAY_SECONDS
            self._state, self.last_exit_code = State.RESTARTING, process.returncode
            log.error(
                "embedded %s (pid %d) exited with code %s; restarting in %.1fs (log: %s)",
                *(self.name, process.pid, process.returncode, delay, self.log_path),
            )
            await asyncio.sleep(delay)
            if process is not self._process:
                return
            delay = min(delay * 2, MAX_DELAY_SECONDS)
            self.restarts += 1
            try:
                process = self._process = self._spawn()
            except OSError as error:  # e.g. the binary is gone: keep trying, with back-off
                log.error("embedded %s could not be started: %s", self.name, error)
                continue
            if await self._serving(process, restart_timeout):
                self._state = State.RUNNING
                log.warning("embedded %s is back (pid %d)", self.name, process.pid)
            elif process is self._process:
                log.error("embedded %s not ready within %.0fs", self.name, restart_timeout)
                process.kill()

    def stop(self) -> None:
        """Stop the server; no restart follows. The data stays."""
        process, self._process, self._state = self._process, None, State.STOPPED
        if process is not None and not end(
            process.pid, self.stop_steps, lambda: process.poll() is None
        ):
            log.error("embedded %s (pid %d) did not stop", self.name, process.pid)

    def _spawn(self) -> subprocess.Popen[bytes]:
        return spawn(self._command(), self.log_path, self.death_signal, self._user())

    async def _serving(self, process: subprocess.Popen[bytes], within: float) -> bool:
        deadline = time.monotonic() + within
        while not await asyncio.to_thread(self._ready):
            if process.poll() is not None or time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.05)
        return True

    def _end_leftover(self) -> None:
        """Stop a server a killed run left in this data directory; forget a stale pid file."""
        try:
            pid = int(self.pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return
        if not serves(pid, self.data_dir):
            self.pid_file.unlink(missing_ok=True)
            return
        log.warning("stopping embedded %s (pid %d) left running by an earlier run", self.name, pid)
        if not end(pid, self.stop_steps, lambda: alive(pid)):
            raise StartError(f"embedded {self.name} (pid {pid}) of an earlier run does not stop")
