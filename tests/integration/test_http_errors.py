"""Bad input always gets a clear 4xx with a JSON body; never a 500, never a partial write."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.app import AppUnderTest

App = AppUnderTest


def assert_error(response: object, status: int, code: int, message: str) -> None:
    assert response.status_code == status  # type: ignore[attr-defined]
    assert response.headers["content-type"].startswith("application/json")  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["message"].startswith(message), body
    assert (body["code"], body["status"], body["detail"]) == (code, status, body["message"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"name": "x", "location":', "JSON is malformed: Input data was truncated"),
        (b'{"name": "\xff"}', "JSON is malformed: the body is not UTF-8 (invalid start byte)"),
        (b"", "Validation failed for POST /api/stores: a JSON body is required"),
        (b"not json", "JSON is malformed"),
        (
            b'{"name": 5, "location": "L"}',
            "Validation failed for POST /api/stores: Expected `str`, got `int` at `$.name`",
        ),
        (
            b"[]",
            "Validation failed for POST /api/stores: Expected `object`, got `array` at `$`",
        ),
    ],
)
async def test_malformed_bodies_are_400(app: App, content: bytes, message: str) -> None:
    client, _ = app
    response = await client.post(
        "/api/stores", content=content, headers={"content-type": "application/json"}
    )
    assert_error(response, 400, 3, message)


async def test_a_body_over_ten_megabytes_is_413(app: App) -> None:
    client, _ = app
    body = b'{"name": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    response = await client.post(
        "/api/stores", content=body, headers={"content-type": "application/json"}
    )
    assert_error(response, 413, 3, "Request Entity Too Large")


async def test_unknown_routes_and_methods(app: App) -> None:
    client, _ = app
    assert_error(await client.get("/api/nowhere"), 404, 5, "Not Found")
    not_allowed = await client.patch("/api/stores")
    assert_error(not_allowed, 405, 12, "Method Not Allowed")
    assert {"GET", "POST"} <= set(not_allowed.headers["allow"].split(", "))  # RFC 9110


async def test_unknown_ids_are_404_for_reads_and_commands(app: App) -> None:
    client, _ = app
    assert_error(await client.get("/api/stores/nope"), 404, 5, "store with that ID does not exist")
    assert_error(
        await client.put("/api/stores/nope/rebrand", json={"name": "x"}),
        404,
        5,
        "store with that ID does not exist",
    )
    assert_error(
        await client.put("/api/stores/products/nope/increasePrice", json={"price": 3}),
        404,
        5,
        "product with that ID does not exist",
    )


@pytest.mark.parametrize(
    ("quantity", "problem"),
    [(2**40, "Expected `int` <= 10000"), (-(2**40), "Expected `int` >= -2147483648")],
)
async def test_out_of_range_integers_are_rejected(app: App, quantity: int, problem: str) -> None:
    client, _ = app
    response = await client.put(
        "/api/baskets/b/addItem", json={"productId": "p", "quantity": quantity}
    )
    assert_error(
        response,
        400,
        3,
        f"Validation failed for PUT /api/baskets/b/addItem: {problem} at `$.quantity`",
    )


async def test_concurrent_writes_to_one_aggregate_conflict_cleanly(app: App) -> None:
    """Many rebrands of one store at once: each is applied (200) or refused whole (409)."""
    client, root = app
    store_id = (await client.post("/api/stores", json={"name": "S0", "location": "L"})).json()["id"]
    responses = await asyncio.gather(
        *(
            client.put(f"/api/stores/{store_id}/rebrand", json={"name": f"S{i}"})
            for i in range(1, 21)
        )
    )
    statuses = [r.status_code for r in responses]
    assert set(statuses) <= {200, 409}
    for conflict in (r for r in responses if r.status_code == 409):
        assert_error(
            conflict, 409, 10, "the store was changed by another request at the same time; retry"
        )
    pool = root.infra.db().pool
    events = await pool.fetchval(
        "SELECT count(*) FROM stores.events WHERE stream_id = $1", store_id
    )
    outbox = await pool.fetchval(
        "SELECT count(*) FROM stores.outbox WHERE name = 'storesapi.StoreRebranded'"
    )
    assert events == 1 + statuses.count(200)  # nothing half-written by the losers
    assert outbox == statuses.count(200)
