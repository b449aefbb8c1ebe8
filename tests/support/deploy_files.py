"""The deployment files (docker/, deploy/), read as the tests need them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
K8S = ROOT / "deploy" / "k8s"
SCHEMAS = ROOT / "deploy" / "schemas"
COMPOSE = DOCKER / "compose.yaml"
DOCKERFILE = DOCKER / "Dockerfile"
# What `pip wheel .` reads: the image's build stage copies exactly these.
WHEEL_SOURCES = ("setup.py", "pyproject.toml", "README.md", "contracts", "src", "adapters", "specs")


def compose() -> dict[str, Any]:
    """compose.yaml with its YAML anchors and merge keys resolved, as Compose reads it."""
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return loaded


def services(profile: str) -> dict[str, dict[str, Any]]:
    """The services `docker compose --profile <profile> up` starts (those without a profile
    run in every profile)."""
    return {
        name: service
        for name, service in compose()["services"].items()
        if profile in service.get("profiles", [profile])
    }


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    found = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            instruction, _, arguments = line.strip().partition(" ")
            found.append((instruction.upper(), arguments.strip()))
    return found


def exec_form(arguments: str) -> list[str]:
    """The JSON array of an exec-form instruction (ENTRYPOINT ["intellimall"])."""
    parsed: list[str] = json.loads(arguments)
    return parsed


def image_env() -> dict[str, str]:
    """The `ENV key=value …` settings of the Dockerfile's last stage (the runtime image)."""
    steps = dockerfile()
    runtime = max(i for i, (name, _) in enumerate(steps) if name == "FROM")
    pairs = [p for name, args in steps[runtime:] if name == "ENV" for p in args.split()]
    return dict(pair.split("=", 1) for pair in pairs)


def healthcheck() -> list[str]:
    """The exec-form command of the Dockerfile's HEALTHCHECK."""
    (arguments,) = [args for name, args in dockerfile() if name == "HEALTHCHECK"]
    return exec_form(arguments.split(" CMD ", 1)[1])
