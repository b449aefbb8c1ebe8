"""Provider side of `pacts/search-ui-search-api.json`: the real app verified against the
search UI's pact.

Orders are set up as search keeps them: rows of its read model `search.orders`, recorded by
its repository with the names search had cached when ordering's `OrderCreated` came. A
state that pages answers the `next` of a first page, made by search's own cursor encoding.
The search tables are emptied after each interaction.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from mall.search.application import cursor
from mall.search.domain.status import OrderStatus
from mall.search.ports import OrderLine, Position, SearchedOrder
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.search import PostgresOrderReadModel
from tests.support.contract_http_provider import Injected, Params, ProviderStates, verify_http_pact

LINE = OrderLine("product-id", "store-id", "TheProduct", "TheStore", 9.99, 2)


async def new_order(db: Database, customer_id: str, minutes_ago: int) -> SearchedOrder:
    """A new order of one line, recorded `minutes_ago`."""
    order = SearchedOrder(
        order_id=str(uuid.uuid4()),
        customer_id=customer_id,
        customer_name="TheCustomer",
        lines=(LINE,),
        total=LINE.price * LINE.quantity,
        status=OrderStatus.NEW,
        created_at=datetime.now(UTC) - timedelta(minutes=minutes_ago),
    )
    await PostgresOrderReadModel(db).record(order)
    return order


async def a_new_order(db: Database, params: Params) -> Injected:
    """Answers `orderId`."""
    order = await new_order(db, str(params.get("customerId", "customer-id")), 1)
    return {"orderId": order.order_id}


async def two_new_orders(db: Database, params: Params) -> Injected:
    """Two orders of `customerId`; answers `next`, where a search of one order per page
    continues after the newer one."""
    customer_id = str(params.get("customerId", "customer-id"))
    await new_order(db, customer_id, 2)
    newer = await new_order(db, customer_id, 1)
    return {"next": cursor.encode(Position(newer.created_at, newer.order_id))}


SEARCH_STATES = ProviderStates(
    schemas=("search",),
    setups={
        "a new order exists": a_new_order,
        "two new orders of a customer exist": two_new_orders,
    },
)


def test_search_api_honours_the_search_ui_pact(settings: Settings) -> None:
    verify_http_pact(settings, "search-api", "search-ui-search-api.json", SEARCH_STATES)
