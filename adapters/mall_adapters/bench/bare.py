"""The bare baseline of `bench read`: a Litestar app with one asyncpg handler reading one
row by key, served by uvicorn with the settings `intellimall up` uses (h11/asyncio unless
uvicorn picks httptools/uvloop for both). Run as `python -m mall_adapters.bench.bare DSN
PORT`; stopped with SIGINT."""

from __future__ import annotations

import sys
from typing import Any

import asyncpg
import uvicorn
from litestar import Litestar, get
from litestar.datastructures import State
from litestar.exceptions import NotFoundException

POOL_SIZE = 20  # INTELLIMALL_PG_POOL_SIZE's default


def create(dsn: str) -> Litestar:
    async def open_pool(app: Litestar) -> None:
        app.state.pool = await asyncpg.create_pool(dsn, min_size=POOL_SIZE, max_size=POOL_SIZE)

    async def close_pool(app: Litestar) -> None:
        await app.state.pool.close()

    @get("/stores/{store_id:str}")
    async def store(store_id: str, state: State) -> dict[str, Any]:
        row = await state.pool.fetchrow(
            "SELECT id, name, location, participating FROM stores.stores WHERE id = $1", store_id
        )
        if row is None:
            raise NotFoundException()
        return {"store": dict(row)}

    @get("/liveness")
    async def liveness() -> dict[str, str]:
        return {"status": "ok"}

    return Litestar([store, liveness], on_startup=[open_pool], on_shutdown=[close_pool])


if __name__ == "__main__":
    app = create(sys.argv[1])
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
