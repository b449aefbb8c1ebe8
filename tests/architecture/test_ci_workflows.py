"""The GitHub workflows are valid workflows (GitHub's schema, by check-jsonschema) and run
what they promise: `ci` runs `make test` on Python 3.11 with pip's cache; `contracts` runs
the official Pact broker on PostgreSQL and publishes, verifies from the broker, asks
can-i-deploy and records the deployment, in that order (docs/contracts.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


def lint(*files: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema"]
    command += ["--builtin-schema", "vendor.github-workflows", *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def workflow(name: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return document


def runs(job: dict[str, Any]) -> list[str]:
    return [str(step["run"]).strip() for step in job["steps"] if "run" in step]


def test_every_workflow_is_a_valid_github_workflow() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"ci.yml", "contracts.yml"}
    linted = lint(*files)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_a_broken_workflow_fails_the_lint(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: make\n"
    )
    linted = lint(broken)
    assert linted.returncode != 0
    assert "'stepz' was unexpected" in linted.stdout


def test_ci_runs_make_test_on_python_3_11_with_the_pip_cache() -> None:
    [job] = workflow("ci.yml")["jobs"].values()
    assert runs(job) == ["make test"]
    [python] = [s["with"] for s in job["steps"] if "setup-python" in s.get("uses", "")]
    assert python["python-version"] == "3.11"
    assert python["cache"] == "pip"


@pytest.fixture(scope="module")
def contracts() -> dict[str, Any]:
    [job] = workflow("contracts.yml")["jobs"].values()
    assert isinstance(job, dict)
    return job


def test_contracts_run_the_official_broker_on_postgresql(contracts: dict[str, Any]) -> None:
    services = contracts["services"]
    images = {name: str(service["image"]).split(":")[0] for name, service in services.items()}
    assert images == {"postgres": "postgres", "pact-broker": "pactfoundation/pact-broker"}
    database = services["pact-broker"]["env"]["PACT_BROKER_DATABASE_URL"]
    assert database.startswith("postgres://") and "@postgres/" in database
    assert contracts["env"]["PACT_BROKER_BASE_URL"] == "http://localhost:9292"


def test_contracts_publish_verify_then_ask_and_record(contracts: dict[str, Any]) -> None:
    targets = [r.removeprefix("make ") for r in runs(contracts) if r.startswith("make ")]
    assert targets == ["pacts-publish", "pacts-verify-broker", "can-i-deploy", "record-deployment"]
    [record] = [s for s in contracts["steps"] if s.get("run") == "make record-deployment"]
    assert "refs/heads/main" in record["if"]
