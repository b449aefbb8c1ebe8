"""What PostgreSQL cannot store never reaches it: NUL in a JSON string is a 400 naming the
field, a path id holding NUL or longer than 64 characters is a 404, on every route; a body
nested deep enough to overflow the decoder's stack is a 400."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mall_adapters.http.guard import MAX_DEPTH, json_problem
from tests.integration.test_http_errors import assert_error
from tests.support.app import AppUnderTest
from tests.support.outbox import relayed

App = AppUnderTest
NUL = "\\u0000"  # as it appears in JSON text


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/api/stores", f'{{"name": "a{NUL}b", "location": "L"}}', "$.name"),
        ("POST", "/api/stores", f'{{"name": "S", "location": "{NUL}"}}', "$.location"),
        ("POST", "/api/customers", f'{{"name": "C", "smsNumber": "5{NUL}"}}', "$.smsNumber"),
        ("POST", "/api/baskets", f'{{"customerId": "{NUL}"}}', "$.customerId"),
        ("PUT", "/api/baskets/b1/checkout", f'{{"paymentId": "{NUL}"}}', "$.paymentId"),
        ("PUT", "/api/stores/s1/rebrand", f'{{"name": "x", "n{NUL}": 1}}', f"$.n{NUL}"),
    ],
)
async def test_nul_in_a_json_string_is_400_naming_the_field(
    app: App, method: str, path: str, body: str, field: str
) -> None:
    client, root = app
    response = await client.request(
        method, path, content=body.encode(), headers={"content-type": "application/json"}
    )
    assert_error(
        response,
        400,
        3,
        f"Validation failed for {method} {path}: a NUL character ({NUL}) is not allowed"
        f" at `{field}`",
    )
    events = await root.infra.db().pool.fetchval(
        "SELECT (SELECT count(*) FROM stores.events) + (SELECT count(*) FROM baskets.events)"
    )
    assert events == 0


@pytest.fixture
async def relayed_afterwards(app: App) -> AsyncIterator[None]:
    yield
    await relayed(app[1].infra.db())


@pytest.mark.usefixtures("relayed_afterwards")
async def test_an_escaped_backslash_before_u0000_is_plain_text(app: App) -> None:
    client, _ = app
    text = "C:\\u0000"  # the characters backslash, u, 0, 0, 0, 0: no NUL
    created = await client.post("/api/stores", json={"name": text, "location": "L"})
    assert created.status_code == 200, created.text
    got = await client.get(f"/api/stores/{created.json()['id']}")
    assert got.json()["store"]["name"] == text


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/stores/a%00b"),
        ("PUT", "/api/stores/a%00b/participating"),
        ("GET", "/api/stores/products/%00"),
        ("DELETE", "/api/baskets/%00"),
        ("GET", "/api/customers/x%00"),
        ("POST", "/admin/dead-letters/baskets/c%00/id/replay"),
    ],
)
async def test_a_path_id_holding_nul_is_404(app: App, method: str, path: str) -> None:
    client, _ = app
    response = await client.request(method, path)
    name = "consumer" if path.startswith("/admin") else "id"
    assert_error(response, 404, 5, f"`{name}` names nothing: it contains a NUL character")


async def test_a_path_id_longer_than_64_characters_is_404(app: App) -> None:
    client, _ = app
    long_id, longest = "x" * 65, "x" * 64
    assert_error(
        await client.post(f"/api/stores/{long_id}/products", json={"name": "P"}),
        404,
        5,
        "`storeId` names nothing: it is longer than 64 characters",
    )
    assert_error(
        await client.put(f"/api/baskets/{long_id}/addItem", json={"productId": "p"}),
        404,
        5,
        "`id` names nothing: it is longer than 64 characters",
    )
    assert_error(
        await client.get(f"/api/stores/{longest}"), 404, 5, "store with that ID does not exist"
    )


@pytest.mark.usefixtures("relayed_afterwards")
@pytest.mark.parametrize(
    ("depth", "status"), [(MAX_DEPTH - 1, 200), (MAX_DEPTH + 1, 400), (100_000, 400)]
)
async def test_deeply_nested_bodies_are_400(app: App, depth: int, status: int) -> None:
    client, _ = app
    body = '{"name": "S", "location": "L", "extra": ' + "[" * depth + "]" * depth + "}"
    response = await client.post(
        "/api/stores", content=body.encode(), headers={"content-type": "application/json"}
    )
    if status == 400:
        assert_error(
            response,
            400,
            3,
            f"Validation failed for POST /api/stores: the JSON nests deeper than {MAX_DEPTH}"
            " levels at `$`",
        )
    else:
        assert response.status_code == status, response.text


def test_json_problem_names_nested_values_and_keys() -> None:
    nul = f"a NUL character ({NUL}) is not allowed"
    assert json_problem({"a": [1, {"b": "x\x00"}]}) == ("$.a[1].b", nul)
    assert json_problem(["ok", "\x00"]) == ("$[1]", nul)
    assert json_problem({"k\x00": 1}) == (f"$.k{NUL}", nul)
    assert json_problem({"a": "\\u0000", "b": [[{}] for _ in range(40)]}) is None
