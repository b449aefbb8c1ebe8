"""Baskets' caches stay right when stores events arrive late or again, over real NATS.

Baskets starts with an empty inbox and cache (as a newly deployed module would), caches a
product through the fallback, and only then its consumer replays stores' whole history.
"""

from __future__ import annotations

import nats

from mall_adapters.bootstrap.settings import Settings
from mall_contracts.baskets import subjects as baskets_subjects
from mall_contracts.common import subjects
from tests.support.app import running_app
from tests.support.polling import eventually


async def test_a_replayed_history_does_not_undo_a_newer_fallback_entry(settings: Settings) -> None:
    async with running_app(settings) as (client, root):
        pool = root.infra.db().pool
        store_id = (await client.post("/api/stores", json={"name": "S", "location": "L"})).json()[
            "id"
        ]
        product = await client.post(
            f"/api/stores/{store_id}/products", json={"name": "Wand", "price": 10}
        )
        product_id = product.json()["id"]
        await client.put(f"/api/stores/products/{product_id}/increasePrice", json={"price": 12.5})
        await client.put(f"/api/stores/products/{product_id}/rebrand", json={"name": "Staff"})
        await eventually(
            lambda: pool.fetchval(
                "SELECT version FROM baskets.products_cache WHERE id = $1", product_id
            ),
            lambda version: version == 3,
        )
        # Baskets forgets everything it consumed: as if it had just been deployed.
        await pool.execute("TRUNCATE baskets.inbox, baskets.products_cache, baskets.stores_cache")
        basket_id = (await client.post("/api/baskets", json={"customerId": "c1"})).json()["id"]
        added = await client.put(
            f"/api/baskets/{basket_id}/addItem", json={"productId": product_id, "quantity": 1}
        )
        assert added.status_code == 200  # through the fallback: version 3, 12.5, "Staff"

    nc = await nats.connect(settings.nats_url)
    await nc.jetstream().delete_consumer(subjects.STREAM, baskets_subjects.BASKETS_PRODUCTS)
    await nc.close()

    async with running_app(settings) as (client, root):
        pool = root.infra.db().pool
        # The recreated consumer delivers ProductAdded (10.0), the increase and the rebrand.
        await eventually(
            lambda: pool.fetchval(
                "SELECT count(*) FROM baskets.inbox WHERE subject = 'intellimall.stores.events.Product'"
            ),
            lambda count: count == 3,
        )
        row = await pool.fetchrow(
            "SELECT name, price::float8 AS price, version FROM baskets.products_cache WHERE id = $1",
            product_id,
        )
        assert dict(row) == {"name": "Staff", "price": 12.5, "version": 3}
        basket = (await client.get(f"/api/baskets/{basket_id}")).json()["basket"]
        assert [(i["productName"], i["productPrice"]) for i in basket["items"]] == [("Staff", 12.5)]
