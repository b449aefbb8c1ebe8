"""docker/otel-collector/config.yaml wires what it declares: every pipeline names declared
receivers, processors and exporters, traces reach Jaeger, and compose mounts the file where
the collector's command reads it. (The collector binary is not on any package registry here.)
"""

from __future__ import annotations

from typing import Any

import yaml

from tests.support.deploy_files import DOCKER, compose

CONFIG = DOCKER / "otel-collector" / "config.yaml"


def config() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(CONFIG.read_text())
    return loaded


def test_every_pipeline_uses_only_declared_components() -> None:
    found = config()
    pipelines = found["service"]["pipelines"]

    assert pipelines
    for name, pipeline in pipelines.items():
        for kind in ("receivers", "processors", "exporters"):
            assert set(pipeline.get(kind, [])) <= set(found.get(kind) or {}), (name, kind)
    assert set(found["service"]["extensions"]) <= set(found["extensions"])


def test_traces_from_otlp_go_to_jaeger() -> None:
    found = config()
    traces = found["service"]["pipelines"]["traces"]

    assert "otlp" in traces["receivers"]
    assert found["receivers"]["otlp"]["protocols"]["grpc"]["endpoint"].endswith(":4317")
    jaeger = [e for e in traces["exporters"] if e.startswith("otlp")]
    assert [found["exporters"][e]["endpoint"] for e in jaeger] == ["jaeger:4317"]
    assert "jaeger" in compose()["services"]


def test_compose_mounts_the_config_where_the_collector_reads_it() -> None:
    collector = compose()["services"]["otel-collector"]
    (command,) = collector["command"]
    target = command.removeprefix("--config=")

    assert f"./otel-collector/config.yaml:{target}:ro" in collector["volumes"]
    for service in compose()["services"].values():
        endpoint = service.get("environment", {}).get("OTEL_EXPORTER_OTLP_ENDPOINT")
        assert endpoint in (None, "http://otel-collector:4317")
