"""The container's command, run here without Docker: for each module, the image's entry point
(docker/Dockerfile ENTRYPOINT) with that module's command in docker/compose.yaml
(`serve --module X`) and the image's INTELLIMALL_* settings, against the session's PostgreSQL
and NATS named by INTELLIMALL_PG_DSN / INTELLIMALL_NATS_URL, as the containers get them. Each
becomes ready (`/readiness` 200, which the readiness probe asks; the image's own HEALTHCHECK
command passes) and stops cleanly on SIGTERM (what `docker stop` and Kubernetes send), with
exit code 0; the HEALTHCHECK then fails.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mall_adapters.bootstrap.settings import ALL_MODULES
from tests.support.deploy_files import dockerfile, exec_form, healthcheck, image_env, services
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


def image_healthcheck(port: int) -> int:
    """The exit code of the Dockerfile's HEALTHCHECK command, `python` being this venv's."""
    program, *arguments = healthcheck()
    assert program == "python"
    env = {**os.environ, "INTELLIMALL_PORT": str(port)}
    return subprocess.run([sys.executable, *arguments], env=env, check=False).returncode


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
    # The image's settings (the command line's --port and --data-dir win over its PORT and
    # DATA_DIR), and the servers compose and Kubernetes name.
    env = {k: v for k, v in image_env().items() if k.startswith("INTELLIMALL_")}
    env |= {"INTELLIMALL_PG_DSN": pg_dsn, "INTELLIMALL_NATS_URL": nats_url}

    served = launcher.up(
        folder / "data", program=(program,), arguments=tuple(arguments), env=env, cwd=folder
    )
    served.ready()

    assert until(lambda: readiness(served.url), lambda code: code == 200, START_SECONDS) == 200
    assert image_healthcheck(served.port) == 0
    assert f"  modules    {module}\n" in served.output()
    assert f"http://0.0.0.0:{served.port}/api/" in served.output()  # INTELLIMALL_HOST

    served.process.send_signal(signal.SIGTERM)

    assert served.exit_code() == 0, served.output()
    assert "IntelliMall stopped" in served.output()
    assert image_healthcheck(served.port) != 0
