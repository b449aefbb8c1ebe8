"""The Make targets that talk to a Pact broker say so and fail when `PACT_BROKER_BASE_URL`
is not set, before installing or running anything."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ("pacts-publish", "pacts-verify-broker", "can-i-deploy", "record-deployment")


@pytest.mark.parametrize("target", TARGETS)
def test_a_broker_target_without_a_broker_url_says_so_and_fails(target: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PACT_BROKER_BASE_URL"}
    done = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), target],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "PACT_BROKER_BASE_URL is not set" in done.stderr
    assert done.stdout == ""  # nothing ran before the check
