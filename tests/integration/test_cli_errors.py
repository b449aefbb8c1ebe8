"""The command line explains itself: a busy HTTP port, or `dead-letters` with nothing running,
is one line on stderr and exit code 1, and a busy port is found before any server starts; a
malformed `INTELLIMALL_*` setting is one line and exit code 2, before anything starts."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from mall_adapters.infra.ports import free_port


def intellimall(*args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTELLIMALL_")} | settings
    command = [sys.executable, "-m", "mall_adapters.bootstrap.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def test_up_on_a_busy_port_says_so_in_one_line_before_starting_any_server(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = intellimall("up", "--data-dir", str(data_dir), "--port", str(port))

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"IntelliMall did not start: cannot listen on 127.0.0.1:{port}: address already in use"
    ]
    assert not (data_dir / "pg").exists()
    assert not (data_dir / "nats").exists()


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("INTELLIMALL_RELAY_BATCH_SIZE", "0", "INTELLIMALL_RELAY_BATCH_SIZE must be at least 1"),
        (
            "INTELLIMALL_PG_POOL_SIZE",
            "many",
            "INTELLIMALL_PG_POOL_SIZE must be a number, not 'many'",
        ),
    ],
)
def test_up_with_a_malformed_setting_says_so_in_one_line_before_starting_any_server(
    tmp_path: Path, name: str, value: str, says: str
) -> None:
    data_dir = tmp_path / "data"
    result = intellimall("up", "--data-dir", str(data_dir), **{name: value})

    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"intellimall up: {says}"]
    assert not data_dir.exists()


def test_dead_letters_with_nothing_running_says_so_in_one_line(tmp_path: Path) -> None:
    result = intellimall("dead-letters", "--data-dir", str(tmp_path))

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"dead-letters: no running IntelliMall found ({tmp_path}/runtime.json missing); pass --url"
    ]


def test_dead_letters_with_a_runtime_file_left_by_a_killed_run_says_so_in_one_line(
    tmp_path: Path,
) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there any more
    (tmp_path / "runtime.json").write_text(json.dumps({"http": url}))

    listed = intellimall("dead-letters", "--data-dir", str(tmp_path))
    replayed = intellimall("dead-letters", "--data-dir", str(tmp_path), "stores", "c", "id")

    for result in (listed, replayed):
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            f"dead-letters: no IntelliMall answers at {url}"
            " ([Errno 111] Connection refused); is it running?"
        ]
