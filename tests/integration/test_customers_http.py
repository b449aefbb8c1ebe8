"""Customers through the real app: HTTP in, PostgreSQL, the outbox and its relay behind."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from mall_adapters.bootstrap.containers import Root
from mall_contracts.common import messages as common
from mall_contracts.customers import messages, subjects
from tests.support.app import AppUnderTest

App = AppUnderTest
NOT_FOUND = "customer with that ID does not exist"


async def register(client: httpx.AsyncClient, name: str = "Ann") -> str:
    created = await client.post("/api/customers", json={"name": name, "smsNumber": "555-0100"})
    assert created.status_code == 200, created.text
    customer_id: str = created.json()["id"]
    return customer_id


def error(body: dict[str, Any]) -> tuple[str, int]:
    return body["message"], body["code"]


async def test_register_and_get(app: App) -> None:
    client, _ = app
    customer_id = await register(client)
    got = await client.get(f"/api/customers/{customer_id}")
    assert got.status_code == 200
    assert got.json() == {
        "customer": {"id": customer_id, "name": "Ann", "smsNumber": "555-0100", "enabled": True}
    }


async def test_blank_fields_are_bad_requests(app: App) -> None:
    client, _ = app
    blank_name = await client.post("/api/customers", json={"name": " ", "smsNumber": "1"})
    assert blank_name.status_code == 400
    assert error(blank_name.json()) == ("the customer name cannot be blank", 3)
    blank_sms = await client.post("/api/customers", json={"name": "Ann"})
    assert blank_sms.status_code == 400
    assert error(blank_sms.json()) == ("the SMS number cannot be blank", 3)


async def test_enable_disable_and_change_sms(app: App) -> None:
    client, _ = app
    base = f"/api/customers/{await register(client)}"
    again = await client.put(f"{base}/enable", json={})
    assert again.status_code == 400
    assert error(again.json()) == ("the customer is already enabled", 3)
    disabled = await client.put(f"{base}/disable", json={})
    assert (disabled.status_code, disabled.json()) == (200, {})
    twice = await client.put(f"{base}/disable", json={})
    assert twice.status_code == 400
    assert error(twice.json()) == ("the customer is already disabled", 3)
    changed = await client.put(f"{base}/change-sms", json={"smsNumber": "555-0199"})
    assert (changed.status_code, changed.json()) == (200, {})
    blank = await client.put(f"{base}/change-sms", json={"smsNumber": ""})
    assert blank.status_code == 400
    assert error(blank.json()) == ("the SMS number cannot be blank", 3)
    customer = (await client.get(base)).json()["customer"]
    assert (customer["smsNumber"], customer["enabled"]) == ("555-0199", False)


async def test_unknown_ids_are_404(app: App) -> None:
    client, _ = app
    for response in (
        await client.get("/api/customers/nope"),
        await client.put("/api/customers/nope/enable", json={}),
        await client.put("/api/customers/nope/disable", json={}),
        await client.put("/api/customers/nope/change-sms", json={"smsNumber": "1"}),
    ):
        assert response.status_code == 404
        assert response.json()["message"] == NOT_FOUND
        assert response.json()["code"] == 5


async def outbox_rows(root: Root) -> list[Any]:
    async with root.infra.db().pool.acquire() as conn:
        return list(await conn.fetch("SELECT name, subject, published_at FROM customers.outbox"))


async def test_registration_is_relayed_from_the_outbox(app: App) -> None:
    client, root = app
    await register(client)
    rows = await outbox_rows(root)
    deadline = time.monotonic() + 10  # a generous bound, not a timing assertion
    while not (rows and rows[0]["published_at"]) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        rows = await outbox_rows(root)
    assert [(r["name"], r["subject"]) for r in rows] == [
        (messages.CUSTOMER_REGISTERED, subjects.CUSTOMER_EVENTS)
    ]
    assert rows[0]["published_at"] is not None, "the relay did not publish the registration"


async def test_metrics_count_registrations(app: App) -> None:
    client, _ = app
    await register(client)
    await client.post("/api/customers", json={"name": "", "smsNumber": "1"})  # not counted
    metrics = (await client.get("/metrics")).text
    assert "customers_registered_count_total 1.0" in metrics.splitlines()


async def test_get_customer_query_over_nats(app: App) -> None:
    client, root = app
    customer_id = await register(client)
    replies = {
        messages.GET_CUSTOMER_REPLY: messages.GetCustomerReply,
        common.NOT_FOUND: common.NotFound,
    }
    requester = root.infra.requester()
    found = await requester.request(
        subjects.GET_CUSTOMER, messages.GET_CUSTOMER, messages.GetCustomer(id=customer_id), replies
    )
    assert found == messages.GetCustomerReply(
        customer=messages.CustomerDetails(
            id=customer_id, name="Ann", sms_number="555-0100", enabled=True, version=1
        )
    )
    missing = await requester.request(
        subjects.GET_CUSTOMER, messages.GET_CUSTOMER, messages.GetCustomer(id="nope"), replies
    )
    assert missing == common.NotFound(message=NOT_FOUND)
