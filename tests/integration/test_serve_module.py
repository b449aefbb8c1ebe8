"""The container's command, run here without Docker: for each module, the image's entry point
(docker/Dockerfile ENTRYPOINT) with that module's command in docker/compose.yaml
(`serve --module X`), against the session's PostgreSQL and NATS named by
INTELLIMALL_PG_DSN / INTELLIMALL_NATS_URL, as the containers get them. Each becomes ready
(`/readiness` 200, what the HEALTHCHECK and the readiness probe ask) and stops cleanly on
SIGTERM (what `docker stop` and Kubernetes send), with exit code 0.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mall_adapters.bootstrap.settings import ALL_MODULES
from tests.support.deploy_files import dockerfile, exec_form, services
from tests.support.up_process import START_SECONDS, Launcher, until

pytestmark = [pytest.mark.pg, pytest.mark.nats]


@pytest.fixture
def folder() -> Iterator[Path]:
    made = Path(tempfile.mkdtemp(prefix="intellimall-serve-"))
    yield made
    shutil.rmtree(made, ignore_errors=True)


def container_command(module: str) -> tuple[str, ...]:
    """ENTRYPOINT + the compose service's command, the entry point resolved in this venv."""
    (entrypoint,) = [exec_form(a) for name, a in dockerfile() if name == "ENTRYPOINT"]
    program, *rest = entrypoint
    installed = Path(sys.executable).parent / program
    return (str(installed), *rest, *services("microservices")[module]["command"])


def readiness(url: str) -> int:
    try:
        return httpx.get(f"{url}/readiness", timeout=5).status_code
    except httpx.TransportError:
        return 0


@pytest.mark.parametrize("module", ALL_MODULES)
def test_serve_module_becomes_ready_and_stops_on_sigterm(
    module: str,
    pg_dsn: str,
    nats_url: str,
    folder: Path,
    launcher: Launcher,  # after folder: the process ends before the folder goes
) -> None:
    program, *arguments = container_command(module)
    env = {"INTELLIMALL_PG_DSN": pg_dsn, "INTELLIMALL_NATS_URL": nats_url}

    served = launcher.up(
        folder / "data", program=(program,), arguments=tuple(arguments), env=env, cwd=folder
    )
    served.ready()

    assert until(lambda: readiness(served.url), lambda code: code == 200, START_SECONDS) == 200
    assert f"  modules    {module}\n" in served.output()
    served.process.send_signal(signal.SIGTERM)
    assert served.exit_code() == 0, served.output()
    assert "IntelliMall stopped" in served.output()
