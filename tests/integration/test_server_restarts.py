"""Embedded servers that die while `intellimall up` runs are restarted and the app recovers:
NATS killed while writes go on (every outbox row is still published, consumers resume), and
PostgreSQL killed (requests succeed again). The tests share one running instance; each
leaves it recovered.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.support.up_process import Launcher, Up, one_of_each, servers, until

STORE = {"name": "Waldorf Books", "location": "Level 1"}


@pytest.fixture(scope="module")
def running() -> Iterator[Up]:
    folder = Path(tempfile.mkdtemp(prefix="intellimall-restarts-"))
    launcher = Launcher()
    try:
        up = launcher.up(folder / "data")
        up.ready()
        yield up
    finally:
        launcher.close()
        shutil.rmtree(folder, ignore_errors=True)


class StoreWriter(threading.Thread):
    """Creates stores through the API, one after another, until `finish`."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.created = 0
        self.failed: list[int] = []
        self._finish = threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as api:
            while not self._finish.is_set():
                response = api.post("/api/stores", json=STORE)
                if response.status_code == 200:
                    self.created += 1
                else:
                    self.failed.append(response.status_code)
                    time.sleep(0.1)

    def finish(self) -> None:
        self._finish.set()
        self.join()


def count(dsn: str, sql: str) -> int:
    async def fetch() -> int:
        conn = await asyncpg.connect(dsn)
        try:
            found: int = await conn.fetchval(sql)
            return found
        finally:
            await conn.close()

    return asyncio.run(fetch())


def test_a_killed_nats_is_restarted_and_every_outbox_row_is_published(running: Up) -> None:
    killed = one_of_each(running.data_dir)["nats-server"]
    writer = StoreWriter(running.url)
    writer.start()
    try:
        until(lambda: writer.created, lambda n: n >= 5, 30)
        os.kill(killed, signal.SIGKILL)
        until(
            lambda: servers(running.data_dir)["nats-server"], lambda p: p not in ([], [killed]), 30
        )
        restarted_at = writer.created
        until(lambda: writer.created, lambda n: n >= restarted_at + 5, 30)
    finally:
        writer.finish()

    dsn = running.runtime()["pg_dsn"]
    unpublished = "SELECT count(*) FROM stores.outbox WHERE published_at IS NULL"
    until(lambda: count(dsn, unpublished), lambda n: n == 0, 60)
    stores = count(dsn, "SELECT count(*) FROM stores.stores")
    cached = "SELECT count(*) FROM baskets.stores_cache"  # the consumers resumed too
    until(lambda: count(dsn, cached), lambda n: n == stores, 60)
    assert (
        f"ERROR mall_adapters.infra.supervisor: embedded NATS (pid {killed}) exited"
        in running.output()
    )
    assert "WARNING mall_adapters.infra.supervisor: embedded NATS is back" in running.output()
    one_of_each(running.data_dir)


def test_a_killed_postgres_is_restarted_and_requests_succeed_again(running: Up) -> None:
    killed = one_of_each(running.data_dir)["postgres"]

    os.kill(killed, signal.SIGKILL)

    seen: list[int] = []
    with httpx.Client(base_url=running.url, timeout=30) as api:

        def create() -> int:
            seen.append(api.post("/api/stores", json=STORE).status_code)
            return seen[-1]

        until(create, lambda status: status == 200, 60)
        assert [create() for _ in range(5)] == [200] * 5
    assert set(seen) <= {200, 503}, seen  # the outage is "unavailable, retry", never a 500
    assert one_of_each(running.data_dir)["postgres"] != killed
    assert f"embedded PostgreSQL (pid {killed}) exited" in running.output()
