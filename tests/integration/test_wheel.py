"""The built wheel, installed in a fresh virtual environment, runs `intellimall up` on its
own: spec files, Swagger UI and migrations come from the installed packages, not the source.

Marked `wheel` (it builds and installs, some seconds); it runs in the normal suite.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.deploy_files import ROOT, WHEEL_SOURCES
from tests.support.up_process import Launcher

pytestmark = pytest.mark.wheel


@pytest.fixture
def folder() -> Iterator[Path]:
    # Removed at once: the fresh venv is large, pytest would keep it with its last runs.
    made = Path(tempfile.mkdtemp(prefix="intellimall-wheel-"))
    yield made
    shutil.rmtree(made, ignore_errors=True)


def build_wheel(folder: Path) -> Path:
    # From a copy of what the build reads: an in-tree build/ could carry stale files.
    source = folder / "source"
    source.mkdir()
    for name in WHEEL_SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "-q", "--no-deps", "-w", str(folder), str(source)], check=True)
    (wheel,) = folder.glob("intellimall-*.whl")
    return wheel


def install(wheel: Path, venv: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", python]
    subprocess.run([*pip, "install", "-q", "--no-compile", str(wheel)], check=True)
    return venv / "bin" / "intellimall"


def test_the_installed_wheel_serves_the_api_docs_and_specs(
    folder: Path,
    launcher: Launcher,  # in this order: the processes end before folder goes
) -> None:
    intellimall = install(build_wheel(folder), folder / "venv")
    elsewhere = folder / "elsewhere"  # not the repository: nothing to find by cwd
    elsewhere.mkdir()

    up = launcher.up(folder / "data", program=(str(intellimall),), cwd=elsewhere)
    up.ready()

    with httpx.Client(base_url=up.url) as client:
        assert client.get("/liveness").status_code == 200
        docs = client.get("/docs")
        assert docs.status_code == 200
        assert "/specs/openapi/stores.yaml" in docs.text
        assert client.get("/static/swagger-ui/swagger-ui-bundle.js").status_code == 200
        spec = client.get("/specs/openapi/stores.yaml")
        assert spec.status_code == 200
        assert spec.text == (ROOT / "specs" / "openapi" / "stores.yaml").read_text()
        assert "AsyncApiStandalone.render" in client.get("/asyncapi/stores").text
        assert client.get("/static/asyncapi-react/index.js").status_code == 200
        bundled = client.get("/specs/bundled/asyncapi/stores.json")
        assert bundled.text == (ROOT / "specs/bundled/asyncapi/stores.json").read_text()
    up.interrupt()
