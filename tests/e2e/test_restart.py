"""A restart of `intellimall up` in the middle of 250 create-order sagas loses and repeats
nothing, and no process of a stopped `up` outlives it.

`up` runs on one data directory and is stopped three times while sagas wait for replies:
by SIGTERM during a batch of 100 concurrent checkouts (a clean stop: exit code 0, no process
left, no message left delivered and unacknowledged); by kill -9 of `up` alone during a second
batch of 100, sent once the first batch's approved orders are shopped for, their invoicing
under way (its PostgreSQL and NATS stop with it, cleanly); and, right after that restart,
during a third batch of 50, by kill -9 of `up`, PostgreSQL and NATS at once (stale lock
files, a NATS store not closed). Each time it starts again on the same data and resumes.
Once everything settled, `order_ledger` checks every order.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import nats
import pytest
from nats.js.api import ConsumerInfo

from mall_adapters.bootstrap.settings import ALL_MODULES
from mall_adapters.infra.nats import EmbeddedNats
from mall_adapters.infra.process import alive
from mall_contracts.common import subjects
from tests.e2e.database import fetch
from tests.e2e.order_ledger import Ledger, Planned, Stop
from tests.support.up_process import Launcher, Up, naming, one_of_each, until

BATCH = 100  # checkouts fired at once
PRICE, QUANTITY = 5.0, 2  # an order totals 10.00
ENOUGH, TOO_LITTLE = 10.0, 9.99
SETTLE_SECONDS = 120.0  # for everything under way to finish; the machine is shared
GONE_SECONDS = 30.0
TERMINAL = ["completed", "compensated", "failed"]


@pytest.fixture(autouse=True)
def world() -> None:
    """This module runs `intellimall up` itself, not the session's of the Gherkin features."""


@pytest.fixture
def launcher() -> Iterator[Launcher]:
    launcher = Launcher()
    yield launcher
    launcher.close()


@pytest.fixture
def data_dir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="intellimall-restart-"))
    yield folder / "data"
    shutil.rmtree(folder, ignore_errors=True)


def test_sagas_cut_by_sigterm_and_kill_9_each_finish_exactly_once(
    launcher: Launcher, data_dir: Path
) -> None:
    up = start(launcher, data_dir, "first")
    shop = asyncio.run(open_shop(up))
    stops: list[Stop] = []

    first = asyncio.run(fill_baskets(up, shop, BATCH))
    asyncio.run(check_out(up, first))
    until_under_way(up, first)
    stops.append(Stop("SIGTERM", datetime.now(UTC)))
    up.process.send_signal(signal.SIGTERM)
    assert up.exit_code() == 0, up.output()
    assert naming(data_dir) == {}, "a process outlived the clean stop"
    assert unacknowledged(data_dir) == {}, "the clean stop left messages to the ack wait"
    up = start(launcher, data_dir, "after-sigterm")
    settle(up, first)

    second = asyncio.run(fill_baskets(up, shop, BATCH))
    readied = [p for p in first if p.approved]
    asyncio.run(shop_then_check_out(up, second, readied))
    until_under_way(up, second)
    servers = one_of_each(data_dir)
    stops.append(Stop("kill -9 of up", datetime.now(UTC)))
    up.process.kill()
    up.process.wait()
    until_gone(servers)
    assert not (data_dir / "pg" / "postmaster.pid").exists(), "PostgreSQL did not stop cleanly"
    up = start(launcher, data_dir, "after-kill")
    assert set(one_of_each(data_dir).values()).isdisjoint(servers.values())

    # What the kill left unacknowledged comes again only after the ack wait: sagas wait. A
    # third batch set off now is surely under way at the crash, however long the start took.
    third = asyncio.run(fill_baskets(up, shop, BATCH // 2))
    asyncio.run(check_out(up, third))
    until_under_way(up, third)
    servers = one_of_each(data_dir)
    stops.append(Stop("kill -9 of up, PostgreSQL and NATS", datetime.now(UTC)))
    os.kill(up.process.pid, signal.SIGSTOP)  # its supervisor must not restart them
    for pid in servers.values():
        os.kill(pid, signal.SIGKILL)
    up.process.kill()
    up.process.wait()
    until_gone(servers)
    assert (data_dir / "pg" / "postmaster.pid").exists()  # stale, as after a crash
    up = start(launcher, data_dir, "after-crash")
    settle(up, first + second + third, readied)
    until_quiet(up)

    problems = Ledger.read(dsn(up), first + second + third, readied).violations(stops)
    up.interrupt()
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


# ------------------------------------------------------------------------------ the orders


@dataclass(frozen=True)
class Shop:
    """A store with a product; eight enabled customers and two disabled ones."""

    product_id: str
    enabled: list[str]
    disabled: list[str]


async def ok(api: httpx.AsyncClient, method: str, path: str, body: Any = None) -> Any:
    response = await api.request(method, path, json=body)
    assert response.status_code == 200, f"{method} {path}: {response.status_code} {response.text}"
    return response.json()


def client(up: Up, connections: int = 10) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=connections)
    return httpx.AsyncClient(base_url=up.url, timeout=60, limits=limits)


async def open_shop(up: Up) -> Shop:
    async with client(up) as api:
        store = await ok(api, "POST", "/api/stores", {"name": "Shop", "location": "Row 1"})
        product = {"name": "Wand", "description": "Oak", "sku": "W-1", "price": PRICE}
        added = await ok(api, "POST", f"/api/stores/{store['id']}/products", product)
        customers = []
        for n in range(10):
            body = {"name": f"Customer {n}", "smsNumber": "555-0100"}
            customers.append((await ok(api, "POST", "/api/customers", body))["id"])
        for customer in customers[8:]:
            await ok(api, "PUT", f"/api/customers/{customer}/disable", {})
    return Shop(added["id"], customers[:8], customers[8:])


async def fill_baskets(up: Up, shop: Shop, count: int) -> list[Planned]:
    """`count` baskets holding the product, each with a payment, not checked out yet: every
    fifth is a disabled customer's, every fourth payment is a cent short."""

    async def one(n: int, api: httpx.AsyncClient) -> Planned:
        enabled, paid_enough = n % 5 != 4, n % 4 != 1
        customers = shop.enabled if enabled else shop.disabled
        customer = customers[n % len(customers)]
        amount = ENOUGH if paid_enough else TOO_LITTLE
        payment = await ok(api, "POST", "/api/payments", {"customerId": customer, "amount": amount})
        basket = await ok(api, "POST", "/api/baskets", {"customerId": customer})
        item = {"productId": shop.product_id, "quantity": QUANTITY}
        await ok(api, "PUT", f"/api/baskets/{basket['id']}/addItem", item)
        return Planned(basket["id"], payment["id"], enabled, paid_enough)

    async with client(up) as api:
        return list(await asyncio.gather(*(one(n, api) for n in range(count))))


async def check_out(up: Up, batch: list[Planned]) -> None:
    """Every basket of the batch checked out at once."""
    async with client(up, len(batch)) as api:
        await asyncio.gather(
            *(
                ok(api, "PUT", f"/api/baskets/{p.order_id}/checkout", {"paymentId": p.payment_id})
                for p in batch
            )
        )


async def shop_for(up: Up, approved: list[Planned]) -> None:
    """A bot takes and completes each order's shopping list: the orders become ready, and
    payments invoices them."""

    async def one(planned: Planned, api: httpx.AsyncClient) -> None:
        order = (await ok(api, "GET", f"/api/ordering/{planned.order_id}"))["order"]
        shopping = f"/api/depot/shopping/{order['shoppingId']}"
        await ok(api, "PUT", f"{shopping}/assign", {"botId": "bot-1"})
        await ok(api, "PUT", f"{shopping}/complete", {})

    async with client(up) as api:
        await asyncio.gather(*(one(planned, api) for planned in approved))


async def shop_then_check_out(up: Up, batch: list[Planned], approved: list[Planned]) -> None:
    """The shopping first: the checkouts are the last requests answered, so their sagas are
    under way when the caller stops `up` (shopping alongside them could outlast them all on
    a loaded machine, leaving no saga to cut)."""
    await shop_for(up, approved)
    await check_out(up, batch)


# ------------------------------------------------------------------------------ the system


def start(launcher: Launcher, data_dir: Path, name: str) -> Up:
    up = launcher.up(data_dir, log_name=f"{name}.log")
    up.ready()
    return up


def dsn(up: Up) -> str:
    return up.runtime()["pg_dsn"]


def until_under_way(up: Up, batch: list[Planned]) -> None:
    """Until a tenth of the batch's sagas have started (and so most have not finished)."""
    ids = [p.order_id for p in batch]
    sql = "SELECT id FROM cosec.sagas WHERE id = ANY($1)"
    until(lambda: len(fetch(dsn(up), sql, ids)), lambda n: n >= len(ids) // 10, 60)


def until_gone(pids: dict[str, int]) -> None:
    """Until none of `pids` runs any more (a zombie does not run)."""
    until(
        lambda: {n: p for n, p in pids.items() if alive(p)}, lambda left: left == {}, GONE_SECONDS
    )


def under_way(up: Up, orders: list[Planned], readied: list[Planned]) -> list[str]:
    """Sagas not finished, and readied orders not invoiced yet."""
    finished = "SELECT id FROM cosec.sagas WHERE id = ANY($1) AND status = ANY($2)"
    invoiced = "SELECT order_id AS id FROM payments.invoices WHERE order_id = ANY($1)"
    sagas, invoices = [p.order_id for p in orders], [p.order_id for p in readied]
    done = {r["id"] for r in fetch(dsn(up), finished, sagas, TERMINAL)}
    billed = {r["id"] for r in fetch(dsn(up), invoiced, invoices)}
    return [f"saga {i}" for i in sagas if i not in done] + [
        f"invoice {i}" for i in invoices if i not in billed
    ]


def settle(up: Up, orders: list[Planned], readied: list[Planned] | None = None) -> None:
    deadline = time.monotonic() + SETTLE_SECONDS
    while left := under_way(up, orders, readied or []):
        if time.monotonic() > deadline:
            pytest.fail(
                f"{len(left)} still under way {SETTLE_SECONDS:.0f}s after the restart, e.g. "
                f"{left[:3]}; output of `up`:\n{up.output()}",
                pytrace=False,
            )
        time.sleep(0.2)


async def consumers_at(url: str) -> list[ConsumerInfo]:
    nc = await nats.connect(url)
    try:
        return await nc.jetstream().consumers_info(subjects.STREAM)
    finally:
        await nc.close()


def backlog(up: Up) -> dict[str, int]:
    """Messages no consumer has handled yet, and outbox rows not relayed yet."""
    found = {
        f"consumer {c.name}": (c.num_pending or 0) + (c.num_ack_pending or 0)
        for c in asyncio.run(consumers_at(up.runtime()["nats_url"]))
    }
    for module in ALL_MODULES:
        sql = f"SELECT count(*) AS n FROM {module}.outbox WHERE published_at IS NULL"
        found[f"{module} outbox"] = fetch(dsn(up), sql)[0]["n"]
    return {where: n for where, n in found.items() if n}


def until_quiet(up: Up) -> None:
    until(lambda: backlog(up), lambda left: left == {}, SETTLE_SECONDS)


def unacknowledged(data_dir: Path) -> dict[str, int]:
    """Messages a stopped `up` received and never acknowledged, by consumer (JetStream delivers
    them again only after its ack wait): asked of its NATS, started alone."""
    server = EmbeddedNats(data_dir / "nats")
    url = server.start()
    try:
        found = asyncio.run(consumers_at(url))
    finally:
        server.stop()
    return {c.name: c.num_ack_pending for c in found if c.num_ack_pending}
