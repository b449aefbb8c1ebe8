"""Where `intellimall up` and `make run` listen: INTELLIMALL_HOST / INTELLIMALL_PORT, and
options passed through `make run ARGS=...` (which win over the environment)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from mall_adapters.bootstrap.infrastructure import relay_settings
from mall_adapters.bootstrap.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_host_and_port_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTELLIMALL_HOST", "0.0.0.0")
    monkeypatch.setenv("INTELLIMALL_PORT", "9090")

    assert (Settings.from_env().host, Settings.from_env().port) == ("0.0.0.0", 9090)
    assert Settings.from_env(port=9191).port == 9191  # the command line wins


def test_make_run_passes_its_args_to_up() -> None:
    # Under `make test` this is a sub-make: leave the outer make's flags and directory lines out.
    outer = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    shown = subprocess.run(
        [
            *("make", "--no-print-directory", "--dry-run", "--always-make", "run"),
            "ARGS=--port 9090 --data-dir /tmp/m",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in outer},
        capture_output=True,
        text=True,
        check=True,
    )

    assert shown.stdout.splitlines()[-1].endswith("intellimall up --port 9090 --data-dir /tmp/m")


def test_synchronous_commit_is_on_unless_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().pg_synchronous_commit
    monkeypatch.setenv("INTELLIMALL_PG_SYNCHRONOUS_COMMIT", "off")
    assert not Settings.from_env().pg_synchronous_commit
    monkeypatch.setenv("INTELLIMALL_PG_SYNCHRONOUS_COMMIT", "sometimes")
    with pytest.raises(ValueError, match="on or off"):
        Settings.from_env()


def test_the_relay_batch_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert relay_settings(Settings.from_env()).batch_size == 500
    monkeypatch.setenv("INTELLIMALL_RELAY_BATCH_SIZE", "50")
    assert relay_settings(Settings.from_env()).batch_size == 50
    monkeypatch.setenv("INTELLIMALL_RELAY_BATCH_SIZE", "0")
    with pytest.raises(ValueError, match="INTELLIMALL_RELAY_BATCH_SIZE must be at least 1"):
        Settings.from_env()
