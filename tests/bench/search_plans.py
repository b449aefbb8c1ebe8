"""EXPLAIN (ANALYZE, BUFFERS) of typical search pages over a large `search.orders`.

    .venv/bin/python -m tests.bench.search_plans [--orders 100000]

Uses the PostgreSQL of INTELLIMALL_PG_DSN (an admin DSN) or starts an embedded one in a
temporary directory; creates a scratch database, migrates the search schema, inserts the
orders with generate_series (5000 customers, 200 stores, 5000 products, two lines each,
one order every 30 s up to now), and prints the plan of each page exactly as the app
queries it (`search_query`, the first page of 20 plus one). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

from mall.search.domain.status import OrderStatus
from mall.search.ports import OrderFilters, Position
from mall_adapters.infra.postgres import EmbeddedPostgres
from mall_adapters.postgres.migrate import migrate, module_migrations
from mall_adapters.postgres.search import search_query
from tests.support.servers import create_database, drop_database

PAGE = 21  # a page of 20, and one more to know whether there is a next page

FILL = """
SELECT setseed(0.42);
INSERT INTO search.orders (order_id, customer_id, customer_name, items, product_ids,
                           store_ids, total, status, progress, created_at)
SELECT 'order-' || lpad(i::text, 7, '0'), 'customer-' || c, 'Customer ' || c,
       jsonb_build_array(
           jsonb_build_object('productId', 'product-' || p1, 'storeId', 'store-' || p1 % 200,
                              'productName', 'Product ' || p1, 'storeName', 'Store ' || p1 % 200,
                              'price', price1, 'quantity', q1),
           jsonb_build_object('productId', 'product-' || p2, 'storeId', 'store-' || p2 % 200,
                              'productName', 'Product ' || p2, 'storeName', 'Store ' || p2 % 200,
                              'price', price2, 'quantity', q2)),
       ARRAY['product-' || p1, 'product-' || p2],
       ARRAY(SELECT DISTINCT unnest(ARRAY['store-' || p1 % 200, 'store-' || p2 % 200])),
       price1 * q1 + price2 * q2,
       s.status, s.progress,
       now() - make_interval(secs => ($1 - i) * 30)
FROM (SELECT i, floor(random() * 5000)::int AS c,
             floor(random() * 5000)::int AS p1, floor(random() * 5000)::int AS p2,
             round((random() * 100)::numeric, 2) AS price1,
             round((random() * 100)::numeric, 2) AS price2,
             1 + floor(random() * 5)::int AS q1, 1 + floor(random() * 5)::int AS q2,
             floor(random() * 100)::int AS r
      FROM generate_series(1, $1) AS i) AS g
CROSS JOIN LATERAL (
    SELECT * FROM (VALUES (0, 10, 'New', 1), (10, 20, 'Approved', 2),
                          (20, 25, 'Rejected', 4), (25, 35, 'Ready For Pickup', 3),
                          (35, 45, 'Canceled', 4), (45, 100, 'Completed', 4))
                  AS v(low, high, status, progress)
    WHERE g.r >= v.low AND g.r < v.high) AS s;
ANALYZE search.orders;
"""


def pages(now: datetime) -> list[tuple[str, OrderFilters, Position | None]]:
    day = timedelta(days=1)
    return [
        ("newest orders, no filter", OrderFilters(), None),
        ("by customer", OrderFilters(customer_id="customer-42"), None),
        (
            "by customer, from a cursor 20 days back",
            OrderFilters(customer_id="customer-42"),
            Position(now - 20 * day, "order-zzz"),
        ),
        ("newest, from a cursor 20 days back", OrderFilters(), Position(now - 20 * day, "o")),
        ("by store", OrderFilters(store_ids=("store-7",)), None),
        ("by two products", OrderFilters(product_ids=("product-123", "product-4567")), None),
        (
            "by status and a one-day range",
            OrderFilters(status=OrderStatus.READY, after=now - 7 * day, before=now - 6 * day),
            None,
        ),
        ("by total range 100..101", OrderFilters(min_total=100.0, max_total=101.0), None),
        (
            "by store and status, from a cursor 10 days back",
            OrderFilters(store_ids=("store-7",), status=OrderStatus.NEW),
            Position(now - 10 * day, "order-zzz"),
        ),
    ]


async def explain(dsn: str, orders: int) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await migrate(conn, {"search": module_migrations("search")})
        started = time.perf_counter()
        await conn.execute(FILL.replace("$1", str(orders)))
        print(f"inserted {orders} orders in {time.perf_counter() - started:.1f}s\n")
        now = datetime.now(UTC)
        for title, filters, start in pages(now):
            sql, args = search_query(filters, start, PAGE)
            rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *args)
            print(f"== {title}\n-- {sql}\n-- {args}")
            print("\n".join(r[0] for r in rows), end="\n\n")
    finally:
        await conn.close()


async def main(orders: int) -> None:
    admin = os.environ.get("INTELLIMALL_PG_DSN", "")
    with tempfile.TemporaryDirectory(prefix="intellimall-search-plans-") as folder:
        embedded = None if admin else EmbeddedPostgres(Path(folder) / "pg", delete_on_stop=True)
        if embedded is not None:
            admin = embedded.start()
        try:
            dsn = await create_database(admin)
            try:
                await explain(dsn, orders)
            finally:
                await drop_database(admin, dsn)
        finally:
            if embedded is not None:
                embedded.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    asyncio.run(main(parser.parse_args().orders))
