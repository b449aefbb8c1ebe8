"""`intellimall busywork` against a real `intellimall up`: three fast clients make requests,
some orders get approved and completed, no answer is a 5xx, and the run ends cleanly with the
final table, after its duration or at Ctrl-C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.up_process import STOP_SECONDS, Launcher, Up, until

pytestmark = [pytest.mark.pg, pytest.mark.nats]
BUSYWORK = (sys.executable, "-m", "mall_adapters.bootstrap.cli", "busywork")
ROW = re.compile(r"^│ (?P<figure>[^│]+?) +│ +(?P<value>[^│]+?) │$", re.M)


@pytest.fixture(scope="module")
def mall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Up]:
    launcher = Launcher()
    try:
        up = launcher.up(tmp_path_factory.mktemp("busywork") / "data")
        up.ready()
        yield up
    finally:
        launcher.close()


def figures(output: str) -> dict[str, str]:
    """The final table's rows, by figure."""
    return {m["figure"]: m["value"] for m in ROW.finditer(output)}


def test_three_clients_keep_the_mall_busy_and_orders_complete(mall: Up) -> None:
    arguments = ("--clients", "3", "--duration", "12", "--speed", "20", "--seed", "1")
    done = subprocess.run(
        [*BUSYWORK, *arguments, "--url", mall.url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    table = figures(output)
    assert int(table["requests"]) > 0, output
    assert int(table["5xx"]) == 0, output
    assert int(table["no answer"]) == 0, output
    assert int(table["busywork faults"]) == 0, output
    assert int(table["unexpected 4xx"]) == 0, output
    assert int(table["orders completed"]) >= 1, output
    assert re.search(r"client \d: .+ checks out, paying \$", output), output
    assert re.search(r"client \d: bot-\d picks the order", output), output  # it was approved
    assert "peak RSS of the target" in table and table["peak RSS of the target"].endswith("MiB")


def test_ctrl_c_stops_cleanly_with_the_final_table(mall: Up, tmp_path: Path) -> None:
    log = tmp_path / "busywork.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*BUSYWORK, "--clients", "1", "--speed", "20", "--seed", "2", "--url", mall.url],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        until(log.read_text, lambda text: "client 1:" in text, STOP_SECONDS)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=STOP_SECONDS) == 0, log.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    table = figures(log.read_text())
    assert int(table["requests"]) > 0, log.read_text()
    assert int(table["5xx"]) == 0, log.read_text()
