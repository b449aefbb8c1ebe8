"""Provider side of `pacts/ordering-ui-ordering-api.json` and
`pacts/busywork-ordering-api.json`: the real app verified against the ordering UI's and the
simulator's pacts.

Orders are set up as ordering keeps them: an event-sourced `Order` whose events (created,
then approved, readied, ... up to the status the state asks for) are saved in
`ordering.events`; an earlier create sent with an `Idempotency-Key` left its order and its
stored response in `ordering.idempotency`. The ordering tables are emptied after each
interaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import msgspec

from mall.ordering.domain.events import OrderItem, OrderStatus
from mall.ordering.domain.order import Order
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.http.idempotency import fingerprint
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.event_store import PostgresEventStore
from mall_adapters.postgres.idempotency import PostgresIdempotencyRecords
from mall_adapters.reliability.ports import StoredResponse
from mall_contracts.ordering import http
from tests.support.contract_http_provider import Injected, Params, ProviderStates, verify_http_pact

LINE = OrderItem("store-id", "product-id", "TheStore", "TheProduct", 9.99, 2)
AFTER_CREATE: dict[OrderStatus, tuple[Callable[[Order], None], ...]] = {
    OrderStatus.PENDING: (),
    OrderStatus.REJECTED: (Order.reject,),
    OrderStatus.APPROVED: (lambda o: o.approve(f"shopping-{o.id}"),),
    OrderStatus.READY: (lambda o: o.approve(f"shopping-{o.id}"), Order.ready),
    OrderStatus.COMPLETED: (
        lambda o: o.approve(f"shopping-{o.id}"),
        Order.ready,
        lambda o: o.complete(o.id),
    ),
    OrderStatus.CANCELLED: (Order.cancel,),
}


def events(db: Database) -> PostgresEventStore[Order]:
    return PostgresEventStore(db, "ordering", Order, snapshot_every=50)


async def an_order(db: Database, params: Params) -> Injected:
    """An order of one line, in `status` (pending by default); answers `orderId`."""
    order = Order(str(uuid.uuid4()))
    order.create(str(params.get("customerId", "customer-id")), "payment-id", [LINE])
    for step in AFTER_CREATE[OrderStatus(str(params.get("status", "pending")))]:
        step(order)
    await events(db).save(order)
    return {"orderId": order.id}


async def an_order_created_with_a_key(db: Database, params: Params) -> Injected:
    """The order an earlier `POST /api/ordering` made with the Idempotency-Key `key`, and the
    response stored for that key, as the idempotent create leaves them."""
    earlier = http.CreateOrderRequest(
        items=[http.OrderItem(store_id="store-id", product_id="product-id", quantity=1)],
        customer_id="earlier-customer",
        payment_id="earlier-payment",
    )
    order = Order(str(uuid.uuid4()))
    order.create(earlier.customer_id, earlier.payment_id, [LINE])
    await events(db).save(order)
    stored = StoredResponse(
        fingerprint("createOrder", [], earlier),
        200,
        msgspec.json.encode(http.CreateOrderResponse(id=order.id)),
    )
    await PostgresIdempotencyRecords(db, "ordering", ttl_seconds=3600).record(
        str(params["key"]), stored
    )
    return {"orderId": order.id}


ORDERING_STATES = ProviderStates(
    schemas=("ordering",),
    setups={
        "an order exists": an_order,
        "an order was created with an Idempotency-Key": an_order_created_with_a_key,
    },
)


def test_ordering_api_honours_the_ordering_ui_pact(settings: Settings) -> None:
    verify_http_pact(settings, "ordering-api", "ordering-ui-ordering-api.json", ORDERING_STATES)


def test_ordering_api_honours_the_busywork_pact(settings: Settings) -> None:
    verify_http_pact(settings, "ordering-api", "busywork-ordering-api.json", ORDERING_STATES)
