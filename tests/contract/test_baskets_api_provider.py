"""Provider side of `pacts/baskets-ui-baskets-api.json`: the real app (real PostgreSQL and
NATS, all modules) on a real port, verified against the committed pact.

The provider states are set up in baskets' own tables, as the running module would have
them: a basket in the event store, products and stores in its caches (filled in production
from the stores events). After each interaction the baskets tables are emptied again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from pact import Verifier

from mall.baskets.domain.basket import Basket
from mall.baskets.domain.events import BasketStatus
from mall.baskets.ports import CachedProduct, CachedStore
from mall_adapters.bootstrap.app import create_app
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.postgres.baskets import PostgresProductCache, PostgresStoreCache
from mall_adapters.postgres.database import Database, PoolSizes
from mall_adapters.postgres.event_store import PostgresEventStore
from tests.support.contract_pacts import run_sync
from tests.support.contract_server import HOST, serving
from tests.support.contract_source import add_pact_source
from tests.support.contract_verifier import run_verifier

PACT_FILE = "baskets-ui-baskets-api.json"
BASKETS_TABLES = (
    "baskets.events",
    "baskets.snapshots",
    "baskets.products_cache",
    "baskets.stores_cache",
)

Work = Callable[[Database], Awaitable[None]]
Params = dict[str, Any]


def a_basket(params: Params) -> Work:
    """An empty basket: id `basket-id`, customer `customer-id`, status `open` by default."""
    basket = Basket.start(
        str(params.get("id", "basket-id")), str(params.get("customerId", "customer-id"))
    )
    status = BasketStatus(str(params.get("status", BasketStatus.OPEN)))
    if status is BasketStatus.CANCELED:
        basket.cancel()
    elif status is not BasketStatus.OPEN:
        raise ValueError(f"an empty basket cannot be {status.value!r}")
    return lambda db: PostgresEventStore(db, "baskets", Basket, snapshot_every=50).save(basket)


def a_product(params: Params) -> Work:
    product = CachedProduct(
        id=str(params.get("id", "product-id")),
        store_id=str(params.get("storeId", "store-id")),
        name=str(params.get("name", "TheProduct")),
        price=float(params.get("price", 10.00)),
        version=1,
    )
    return lambda db: PostgresProductCache(db).save(product)


def a_store(params: Params) -> Work:
    store = CachedStore(
        id=str(params.get("id", "store-id")), name=str(params.get("name", "TheStore")), version=1
    )
    return lambda db: PostgresStoreCache(db).save(store)


class BasketsStates:
    """The state handlers. The verifier calls each with `action` ("setup" or "teardown") and
    the state's params; a teardown empties the baskets tables."""

    def __init__(self, pg_dsn: str) -> None:
        self._dsn = pg_dsn

    def basket_exists(self, action: str, parameters: Params | None) -> None:
        self._set_up_or_reset(action, lambda: a_basket(parameters or {}))

    def product_exists(self, action: str, parameters: Params | None) -> None:
        self._set_up_or_reset(action, lambda: a_product(parameters or {}))

    def store_exists(self, action: str, parameters: Params | None) -> None:
        self._set_up_or_reset(action, lambda: a_store(parameters or {}))

    def no_state(self, action: str) -> None:
        """Interactions without provider states start from empty tables too."""
        if action == "teardown":
            self.reset()

    def reset(self) -> None:
        async def truncate(db: Database) -> None:
            await db.connection().execute(f"TRUNCATE {', '.join(BASKETS_TABLES)}")

        self._run(truncate)

    def _set_up_or_reset(self, action: str, setup: Callable[[], Work]) -> None:
        if action == "setup":
            self._run(setup())
        else:
            self.reset()

    def _run(self, work: Work) -> None:
        """`work` in one transaction on a connection of our own (the verifier calls state
        handlers synchronously, from its own thread)."""

        async def session() -> None:
            db = Database()
            await db.open(self._dsn, PoolSizes(requests=1, reserved=1))
            try:
                async with db.transaction():
                    await work(db)
            finally:
                await db.close()

        run_sync(session())


def test_baskets_api_honours_the_baskets_ui_pact(settings: Settings) -> None:
    states = BasketsStates(settings.pg_dsn)
    with serving(create_app(settings)) as url:

        def build() -> Verifier:
            verifier = (
                Verifier("baskets-api", host=HOST)
                .set_coloured_output(enabled=False)
                .add_transport(url=url)
                .state_handler(
                    {
                        "": states.no_state,
                        "a basket exists": states.basket_exists,
                        "a product exists": states.product_exists,
                        "a store exists": states.store_exists,
                    },
                    teardown=True,
                )
            )
            add_pact_source(verifier, PACT_FILE)
            return verifier

        verifier, held = run_verifier(build)
        if not held:
            # str(): the FFI returns a str subclass that pytest cannot render.
            pytest.fail(str(verifier.output(strip_ansi=True)), pytrace=False)
