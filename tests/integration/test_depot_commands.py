"""Depot's saga commands and the OrderRejected and OrderCanceled events over real NATS and
PostgreSQL: each effect commits with its inbox row and its reply (written to depot's outbox,
addressed to the command's reply subject); a broken rule is a failure reply; a redelivery is
handled once; a closed order gets no list."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import httpx
import msgspec

from mall_adapters.bootstrap.containers import Root
from mall_adapters.reliability.envelope import (
    HEADER_COMMAND_ID,
    HEADER_OUTCOME,
    HEADER_REPLY_TO,
    HEADER_SAGA_ID,
    HEADER_SAGA_NAME,
    Envelope,
)
from mall_contracts.common import messages as common
from mall_contracts.common import subjects as common_subjects
from mall_contracts.depot import messages, subjects
from mall_contracts.ordering import messages as ordering_messages
from mall_contracts.ordering import subjects as ordering_subjects
from tests.support.app import AppUnderTest, kit
from tests.support.polling import eventually

App = AppUnderTest
REPLIES = "intellimall.cosec.replies.CreateOrder"

Reply = tuple[str, dict[str, str], dict[str, object]]


def envelope(subject: str, name: str, message: msgspec.Struct, command: bool = True) -> Envelope:
    saga = {
        HEADER_REPLY_TO: REPLIES,
        HEADER_SAGA_ID: "saga-1",
        HEADER_SAGA_NAME: "cosec.CreateOrder",
    }
    return Envelope(
        id=str(uuid.uuid4()),
        name=name,
        subject=subject,
        data=msgspec.json.encode(message),
        occurred_at=datetime.now(UTC),
        extra_headers=saga if command else {},
    )


async def send(root: Root, env: Envelope) -> None:
    await root.infra.broker().publish(
        env.data, env.subject, headers=env.headers(), stream=common_subjects.STREAM
    )


async def replies(root: Root) -> list[Reply]:
    rows = await root.infra.db().fetch(
        "SELECT name, metadata, data FROM depot.outbox WHERE subject = $1 ORDER BY position",
        REPLIES,
    )
    return [(r["name"], json.loads(r["metadata"]), json.loads(bytes(r["data"]))) for r in rows]


async def reply_to(root: Root, command: Envelope) -> Reply:
    def answered(found: list[Reply]) -> bool:
        return any(headers[HEADER_COMMAND_ID] == command.id for _, headers, _ in found)

    found = await eventually(lambda: replies(root), answered)
    [reply] = [r for r in found if r[1][HEADER_COMMAND_ID] == command.id]
    return reply


async def handled(root: Root, name: str) -> int:
    """How many messages of that name depot's inbox recorded."""
    count: int = await root.infra.db().fetchval(
        "SELECT count(*) FROM depot.inbox WHERE name = $1", name
    )
    return count


async def status(client: httpx.AsyncClient, list_id: str) -> str:
    got = await client.get(f"/api/depot/shopping/{list_id}")
    value: str = got.json()["shoppingList"]["status"]
    return value


async def catalog(client: httpx.AsyncClient) -> tuple[str, str]:
    body = {"name": "Ollivanders", "location": "Diagon Alley"}
    store = (await client.post("/api/stores", json=body)).json()["id"]
    product = await client.post(f"/api/stores/{store}/products", json={"name": "Wand", "price": 1})
    return store, product.json()["id"]


def order_event(name: str, message: msgspec.Struct) -> Envelope:
    return envelope(ordering_subjects.ORDER_EVENTS, name, message, command=False)


async def closing_reason(root: Root, order_id: str) -> str | None:
    reason: str | None = await root.infra.db().fetchval(
        "SELECT reason FROM depot.closed_orders WHERE order_id = $1", order_id
    )
    return reason


def create_command(order_id: str, store: str, product: str) -> Envelope:
    item = messages.ShoppingItem(product_id=product, store_id=store, quantity=1)
    body = messages.CreateShoppingList(order_id=order_id, items=[item])
    return envelope(subjects.SHOPPING_LIST_COMMANDS, messages.CREATE_SHOPPING_LIST, body)


async def test_the_saga_creates_and_initiates_a_list(app: App) -> None:
    client, root = app
    create = create_command("order-1", *await catalog(client))
    await send(root, create)
    name, headers, body = await reply_to(root, create)
    assert (name, headers[HEADER_OUTCOME]) == (messages.CREATED_SHOPPING_LIST, "SUCCESS")
    assert (headers[HEADER_SAGA_ID], headers[HEADER_SAGA_NAME]) == ("saga-1", "cosec.CreateOrder")
    list_id = str(body["id"])
    assert await status(client, list_id) == "pending"

    initiate = envelope(
        subjects.SHOPPING_LIST_COMMANDS,
        messages.INITIATE_SHOPPING,
        messages.InitiateShopping(id=list_id),
    )
    await send(root, initiate)
    name, headers, body = await reply_to(root, initiate)
    assert (name, headers[HEADER_OUTCOME], body) == (common.SUCCESS, "SUCCESS", {})
    assert await status(client, list_id) == "available"

    # The saga sends CreateShoppingList again (a new message): the order's list is answered.
    again = create_command("order-1", "any-store", "any-product")
    await send(root, again)
    assert (await reply_to(root, again))[2] == {"id": list_id}

    # A redelivery of a handled command is skipped by the inbox: no second effect or reply.
    handle = kit(root.depot).consumer().routes[subjects.DEPOT_COMMANDS][messages.INITIATE_SHOPPING]
    assert await handle(initiate, False) is False
    assert await handle(initiate, True) is False  # not looked up: the inbox row conflicts
    assert len(await replies(root)) == 3


async def test_broken_rules_are_failure_replies(app: App) -> None:
    client, root = app
    store, _product = await catalog(client)
    missing = create_command("order-1", store, "nope")
    await send(root, missing)
    name, headers, body = await reply_to(root, missing)
    assert (name, headers[HEADER_OUTCOME]) == (common.FAILURE, "FAILURE")
    assert body == {"message": "building shopping list: product 'nope' was not located"}
    cancel = envelope(
        subjects.SHOPPING_LIST_COMMANDS,
        messages.CANCEL_SHOPPING_LIST,
        messages.CancelShoppingList(id="nope"),
    )
    await send(root, cancel)
    name, _headers, body = await reply_to(root, cancel)
    assert (name, body) == (
        common.FAILURE,
        {"message": "shopping list with that ID does not exist"},
    )
    listed = await client.get("/api/depot/shopping", params={"orderId": "order-1"})
    assert listed.json() == {"shoppingLists": []}


async def test_the_saga_cancels_a_list(app: App) -> None:
    client, root = app
    create = create_command("order-1", *await catalog(client))
    await send(root, create)
    list_id = str((await reply_to(root, create))[2]["id"])
    cancel = envelope(
        subjects.SHOPPING_LIST_COMMANDS,
        messages.CANCEL_SHOPPING_LIST,
        messages.CancelShoppingList(id=list_id),
    )
    await send(root, cancel)
    assert (await reply_to(root, cancel))[:1] == (common.SUCCESS,)
    assert await status(client, list_id) == "canceled"


async def test_a_canceled_order_cancels_its_list(app: App) -> None:
    client, root = app
    store, product = await catalog(client)
    item = {"productId": product, "storeId": store, "quantity": 1}
    created = await client.post("/api/depot/shopping", json={"orderId": "order-1", "items": [item]})
    list_id = created.json()["id"]
    canceled = ordering_messages.OrderCanceled(
        id="order-1", customer_id="c", payment_id="p", total=10.0
    )
    await send(root, order_event(ordering_messages.ORDER_CANCELED, canceled))
    await eventually(lambda: status(client, list_id), lambda s: s == "canceled")
    # An order without a live list: nothing happens, and the message is not a poison message.
    await send(root, order_event(ordering_messages.ORDER_CANCELED, canceled))
    await eventually(lambda: handled(root, ordering_messages.ORDER_CANCELED), lambda n: n == 2)
    assert await root.infra.db().fetchval("SELECT count(*) FROM depot.dead_letters") == 0
    assert await closing_reason(root, "order-1") == "canceled"
    # The saga's create, executed after the cancel: refused, no new list.
    late = create_command("order-1", store, product)
    await send(root, late)
    name, headers, body = await reply_to(root, late)
    assert (name, headers[HEADER_OUTCOME]) == (common.FAILURE, "FAILURE")
    assert body == {"message": "the order is closed"}
    listed = await client.get("/api/depot/shopping", params={"orderId": "order-1"})
    assert [s["id"] for s in listed.json()["shoppingLists"]] == [list_id]


async def test_a_rejected_order_is_closed_before_its_late_create(app: App) -> None:
    """The saga's create step timed out and the order was rejected; the create is executed
    afterwards (depot was down, or the command redelivered): it builds nothing."""
    client, root = app
    store, product = await catalog(client)
    rejected = ordering_messages.OrderRejected(id="order-1", customer_id="c", payment_id="p")
    await send(root, order_event(ordering_messages.ORDER_REJECTED, rejected))
    await eventually(lambda: closing_reason(root, "order-1"), lambda r: r == "rejected")
    assert await handled(root, ordering_messages.ORDER_REJECTED) == 1  # in the same commit
    late = create_command("order-1", store, product)
    await send(root, late)
    name, headers, body = await reply_to(root, late)
    assert (name, headers[HEADER_OUTCOME], body) == (
        common.FAILURE,
        "FAILURE",
        {"message": "the order is closed"},
    )
    item = {"productId": product, "storeId": store, "quantity": 1}
    by_hand = await client.post("/api/depot/shopping", json={"orderId": "order-1", "items": [item]})
    assert (by_hand.status_code, by_hand.json()["message"]) == (400, "the order is closed")
    listed = await client.get("/api/depot/shopping", params={"orderId": "order-1"})
    assert listed.json() == {"shoppingLists": []}
