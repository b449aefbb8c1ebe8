"""docker/compose.yaml is a valid Compose file (the compose-spec JSON Schema vendored in
deploy/schemas/), its `microservices` profile runs every module of ALL_MODULES as
`serve --module <module>` on a NATS cluster of three, its `monolith` profile runs `serve`, and
every file it mounts exists. Docker itself cannot run here: see docs/deploy.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mall_adapters.bootstrap.settings import ALL_MODULES
from tests.support.deploy_files import COMPOSE, DOCKER, SCHEMAS, compose, services

# Written by the observability work; mounted here, checked there.
MOUNTED_ELSEWHERE = {"prometheus/prometheus.yml", "grafana/provisioning", "grafana/dashboards"}
SHARED = {"postgres", "otel-collector", "jaeger", "prometheus", "grafana", "pact-broker"}
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def check_compose_schema(path: Path) -> subprocess.CompletedProcess[str]:
    schema = SCHEMAS / "compose-spec.json"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_compose_file_is_valid_against_the_compose_spec_schema() -> None:
    checked = check_compose_schema(COMPOSE)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_schema_check_rejects_a_service_with_an_unknown_key(tmp_path: Path) -> None:
    broken = compose()
    broken["services"]["stores"]["comand"] = ["serve"]
    path = tmp_path / "compose.yaml"
    path.write_text(yaml.safe_dump(broken))

    checked = check_compose_schema(path)

    assert checked.returncode == 1
    assert "comand" in checked.stdout + checked.stderr


def test_the_microservices_profile_serves_each_module_in_its_own_service() -> None:
    started = services("microservices")
    commands = {name: started[name]["command"] for name in ALL_MODULES if name in started}

    assert commands == {module: ["serve", "--module", module] for module in ALL_MODULES}
    modules = {n for n, s in started.items() if s.get("image", "").startswith("intellimall:")}
    assert modules == set(ALL_MODULES)  # and no other IntelliMall process


def test_the_monolith_profile_serves_every_module_in_one_service() -> None:
    started = services("monolith")
    apps = {n: s for n, s in started.items() if s.get("image", "").startswith("intellimall:")}

    assert list(apps) == ["intellimall"]
    assert apps["intellimall"]["command"] == ["serve"]
    assert apps["intellimall"]["environment"]["INTELLIMALL_NATS_URL"] == "nats://nats:4222"


@pytest.mark.parametrize("profile", ["monolith", "microservices"])
def test_each_profile_runs_the_shared_services(profile: str) -> None:
    assert set(services(profile)) >= SHARED | {"pact-broker-db"}


@pytest.mark.parametrize("profile", ["monolith", "microservices"])
def test_every_intellimall_service_names_its_servers_and_waits_for_them(profile: str) -> None:
    started = services(profile)
    for name, service in started.items():
        if not service.get("image", "").startswith("intellimall:"):
            continue
        env = service["environment"]
        assert env["INTELLIMALL_PG_DSN"].startswith("postgresql://"), name
        nats_host = env["INTELLIMALL_NATS_URL"].removeprefix("nats://").split(":")[0]
        assert nats_host in started, name
        assert env["OTEL_SERVICE_NAME"] == (name if profile == "microservices" else "intellimall")
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy", name
        assert service["depends_on"][nats_host]["condition"] == "service_healthy", name
        assert service["build"] == {"context": "..", "dockerfile": "docker/Dockerfile"}


def test_the_microservices_profile_runs_a_nats_cluster_of_three() -> None:
    started = services("microservices")
    nodes = {n: s for n, s in started.items() if s.get("image", "").startswith("nats:")}

    assert sorted(nodes) == ["nats-1", "nats-2", "nats-3"]
    assert {s["environment"]["NATS_SERVER_NAME"] for s in nodes.values()} == set(nodes)
    cluster = (DOCKER / "nats" / "cluster.conf").read_text()
    for name, node in nodes.items():
        assert f"nats-route://{name}:6222" in cluster
        assert "./nats/cluster.conf:/etc/nats/nats.conf:ro" in node["volumes"]
    assert "nats" not in started  # the single node is the monolith's


def test_every_mounted_file_exists_but_those_the_observability_work_provides() -> None:
    mounts = [
        volume.split(":")[0]
        for service in compose()["services"].values()
        for volume in service.get("volumes", [])
        if volume.startswith("./")
    ]
    assert len(mounts) > len(MOUNTED_ELSEWHERE)
    missing = [m for m in mounts if not (DOCKER / m).exists()]
    assert set(missing) <= {f"./{m}" for m in MOUNTED_ELSEWHERE}, missing
