"""What a figure was measured on: the machine, the versions and the settings of the run."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import asyncpg

PACKAGES = (
    "litestar",
    "uvicorn",
    "asyncpg",
    "nats-py",
    "faststream",
    "msgspec",
    "httptools",
    "uvloop",
)


def machine() -> dict[str, object]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count() or 0,
        "ram_gb": _ram_gb(),
        "os": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float:
    try:
        first = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()[0]
        return round(int(first.split()[1]) / 1024 / 1024, 1)  # "MemTotal: <kB> kB"
    except (OSError, IndexError, ValueError):
        return 0.0


def versions(postgres: str = "unknown") -> dict[str, str]:
    found = {"python": sys.version.split()[0], "postgres": postgres, "nats-server": _nats()}
    for package in PACKAGES:
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = "not installed"
    found["wrk"] = _wrk()
    return found


async def postgres_version(dsn: str | None) -> str:
    if dsn is None:
        return "unknown"
    conn = await asyncpg.connect(dsn)
    try:
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


def _wrk() -> str:
    if shutil.which("wrk") is None:
        return "not installed"
    # `wrk -v` prints "wrk 4.1.0 [epoll] Copyright ..." and exits with 1.
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    words = (done.stdout + done.stderr).split()
    return words[1] if len(words) > 1 and words[0] == "wrk" else "installed"


def _nats() -> str:
    binary = Path(sysconfig.get_path("scripts")) / "nats-server"
    path = str(binary) if binary.exists() else shutil.which("nats-server")
    if path is None:
        return "unknown"
    done = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip().split()[-1] if done.stdout.strip() else "unknown"
