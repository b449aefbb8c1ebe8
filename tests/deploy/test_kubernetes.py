"""deploy/k8s: both overlays render (tests/support/kustomize.py, the subset of kustomize they
use) into manifests valid against the Kubernetes 1.37 schemas shipped by pip
`kubernetes-validate` (strict: unknown fields fail); the microservices overlay has one
Deployment and Service per module of ALL_MODULES; every Deployment probes /liveness and
/readiness, runs as non-root and takes the DSN from a Secret; nats-values.yaml asks the NATS
chart for JetStream on three nodes. No cluster, kustomize or Helm here (docs/deploy.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate  # type: ignore[import-untyped]  # no type information
import pytest
import yaml

from mall_adapters.bootstrap.settings import ALL_MODULES
from tests.support.deploy_files import K8S
from tests.support.kustomize import KustomizationError, Manifest, build

KUBERNETES_VERSION = "1.37.0"
OVERLAYS = ["monolith", "microservices"]


def rendered(overlay: str) -> list[Manifest]:
    return build(K8S / "overlays" / overlay)


def of_kind(manifests: list[Manifest], kind: str) -> dict[str, Manifest]:
    return {m["metadata"]["name"]: m for m in manifests if m["kind"] == kind}


def container(deployment: Manifest) -> dict[str, Any]:
    (only,) = deployment["spec"]["template"]["spec"]["containers"]
    found: dict[str, Any] = only
    return found


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_rendered_manifest_is_valid_for_kubernetes(overlay: str) -> None:
    manifests = rendered(overlay)

    assert manifests
    for manifest in manifests:
        kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)


def test_the_schema_check_rejects_an_unknown_field() -> None:
    deployment = of_kind(rendered("monolith"), "Deployment")["intellimall"]
    container(deployment)["readinesProbe"] = {"httpGet": {"path": "/readiness", "port": "http"}}

    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_the_monolith_is_one_deployment_serving_every_module() -> None:
    manifests = rendered("monolith")

    (deployment,) = of_kind(manifests, "Deployment").values()
    assert container(deployment)["args"] == ["serve"]
    assert set(of_kind(manifests, "Service")) == {"intellimall"}


def test_the_microservices_overlay_serves_each_module_in_its_own_deployment() -> None:
    manifests = rendered("microservices")
    deployments = of_kind(manifests, "Deployment")

    assert {name: container(d)["args"] for name, d in deployments.items()} == {
        f"intellimall-{m}": ["serve", "--module", m] for m in ALL_MODULES
    }
    assert set(of_kind(manifests, "Service")) == set(deployments)
    folders = {p.parent.name for p in (K8S / "overlays" / "microservices").glob("*/*.yaml")}
    assert folders == set(ALL_MODULES)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_service_selects_the_pods_of_exactly_its_own_deployment(overlay: str) -> None:
    manifests = rendered(overlay)
    deployments = of_kind(manifests, "Deployment")

    for name, service in of_kind(manifests, "Service").items():
        selector = service["spec"]["selector"].items()
        selected = [
            d
            for d, m in deployments.items()
            if selector <= m["spec"]["template"]["metadata"]["labels"].items()
        ]
        assert selected == [name]
        deployment = deployments[name]
        assert deployment["spec"]["selector"]["matchLabels"].items() <= (
            deployment["spec"]["template"]["metadata"]["labels"].items()
        )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_deployment_probes_runs_as_non_root_and_reads_the_dsn_from_a_secret(
    overlay: str,
) -> None:
    manifests = rendered(overlay)
    configmaps = of_kind(manifests, "ConfigMap")

    for deployment in of_kind(manifests, "Deployment").values():
        app = container(deployment)
        assert app["livenessProbe"]["httpGet"]["path"] == "/liveness"
        assert app["readinessProbe"]["httpGet"]["path"] == "/readiness"
        assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
        env = {e["name"]: e for e in app["env"]}
        assert env["INTELLIMALL_PG_DSN"]["valueFrom"]["secretKeyRef"] == {
            "name": "intellimall-postgres",
            "key": "dsn",
        }
        (source,) = app["envFrom"]
        settings = configmaps[source["configMapRef"]["name"]]["data"]
        assert settings["INTELLIMALL_HOST"] == "0.0.0.0"
        assert settings["INTELLIMALL_NATS_URL"] == "nats://nats:4222"
        assert "INTELLIMALL_PG_DSN" not in settings  # a secret, never in the ConfigMap
        label = env["OTEL_SERVICE_NAME"]["valueFrom"]["fieldRef"]["fieldPath"]
        key = label.removeprefix("metadata.labels['").removesuffix("']")
        assert key in deployment["spec"]["template"]["metadata"]["labels"]


def test_the_nats_chart_values_ask_for_jetstream_on_three_clustered_nodes() -> None:
    values = yaml.safe_load((K8S / "nats-values.yaml").read_text())

    assert values["config"]["jetstream"]["enabled"] is True
    assert values["config"]["jetstream"]["fileStore"]["enabled"] is True
    assert values["config"]["cluster"] == {"enabled": True, "replicas": 3}


def test_the_renderer_refuses_a_kustomize_field_it_does_not_implement(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: mall\n"
    )

    with pytest.raises(KustomizationError, match="namespace"):
        build(tmp_path)
