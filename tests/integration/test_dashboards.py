"""The Grafana dashboards query only metrics the app really exports: the real app (real
PostgreSQL and NATS) serves an order from checkout to approved and a look-up, then every
metric named in every panel's PromQL is looked for in its `/metrics` page. Also: the
provisioning files point Grafana at those dashboards and Prometheus scrapes `/metrics`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.app import AppUnderTest
from tests.support.mall import Mall
from tests.support.polling import eventually
from tests.support.promql import Selector, exported_names, selectors

DOCKER = Path(__file__).resolve().parents[2] / "docker"
DASHBOARDS = sorted((DOCKER / "grafana" / "dashboards").glob("*.json"))


def expressions() -> list[tuple[str, str]]:
    """(dashboard: panel title, PromQL) of every query of every dashboard."""
    found = []
    for path in DASHBOARDS:
        dashboard = json.loads(path.read_text(encoding="utf-8"))
        for panel in _panels(dashboard["panels"]):
            for target in panel.get("targets", []):
                found.append((f"{path.name}: {panel['title']}", target["expr"]))
    return found


def _panels(panels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [p for panel in panels for p in [panel, *_panels(panel.get("panels", []))]]


def test_the_promql_reader_finds_names_and_name_matchers() -> None:
    expr = (
        'sum by (le, route) (rate(a_bucket{x="1"}[5m])) / on (route) b_total'
        ' - (sum({__name__=~".+_c_total", m="all"}) or 0 * d)'
    )
    assert selectors(expr) == [
        Selector(".+_c_total", regex=True),
        Selector("a_bucket"),
        Selector("b_total"),
        Selector("d"),
    ]
    assert not Selector("a_count").matches({"a_count_total"})
    assert Selector("[a-z]+_parked_total", regex=True).matches({"x_parked_total"})
    assert not Selector("[a-z]+_parked_total", regex=True).matches({"x_outbox_parked_total"})


async def test_every_dashboard_query_names_metrics_the_app_exports(app: AppUnderTest) -> None:
    client, root = app
    mall = Mall(client)
    customer = await mall.customer()
    order_id = await mall.checkout(customer, amount=10.0)
    await mall.order_in(order_id, "approved")
    await mall.saga_done(order_id)
    # A look-up: baskets forgets its caches, so adding a product asks stores.
    pool = root.infra.db().pool
    _, product = await mall.product()
    cached = "SELECT count(*) FROM baskets.products_cache WHERE id = $1"
    await eventually(lambda: pool.fetchval(cached, product), lambda count: count == 1)
    await pool.execute("TRUNCATE baskets.products_cache, baskets.stores_cache")
    basket = (await mall.ok("POST", "/api/baskets", {"customerId": customer}))["id"]
    await mall.ok("PUT", f"/api/baskets/{basket}/addItem", {"productId": product, "quantity": 1})

    page = (await client.get("/metrics")).text
    exported = exported_names(page)
    assert "sagas_count_total" in exported and "lookup_requests_count_total" in exported
    queries = expressions()
    assert len(queries) >= 15
    missing = []
    for where, expr in queries:
        named = selectors(expr)
        assert named, f"{where}: no metric found in {expr!r}"
        missing += [f"{where}: {s.name}" for s in named if not s.matches(exported)]
    assert missing == []


def test_grafana_is_provisioned_with_prometheus_and_the_dashboards() -> None:
    provisioning = DOCKER / "grafana" / "provisioning"
    [source] = yaml.safe_load((provisioning / "datasources" / "prometheus.yaml").read_text())[
        "datasources"
    ]
    [provider] = yaml.safe_load((provisioning / "dashboards" / "intellimall.yaml").read_text())[
        "providers"
    ]
    assert (source["type"], source["uid"]) == ("prometheus", "prometheus")
    assert provider["options"]["path"] == "/var/lib/grafana/dashboards"
    for path in DASHBOARDS:
        panels = _panels(json.loads(path.read_text(encoding="utf-8"))["panels"])
        uids = {p["datasource"]["uid"] for p in panels if "datasource" in p}
        assert uids == {source["uid"]}, path.name


@pytest.mark.parametrize("job", ["intellimall"])
def test_prometheus_scrapes_the_metrics_page(job: str) -> None:
    config = yaml.safe_load((DOCKER / "prometheus" / "prometheus.yml").read_text())
    [scrape] = [c for c in config["scrape_configs"] if c["job_name"] == job]
    assert scrape["metrics_path"] == "/metrics"
    assert "intellimall:8080" in scrape["static_configs"][0]["targets"]
