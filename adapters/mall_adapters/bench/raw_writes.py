"""The baseline of `bench write`: C concurrent asyncpg transactions of N inserts each, for a
duration, in a process of its own (like the load generator), run as
`python -m mall_adapters.bench.raw_writes` with a JSON spec on stdin (dsn, clients,
seconds, inserts); prints the figures as JSON. Its rows go to `bench.raw_writes`."""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid
from typing import Any

import asyncpg

from mall_adapters.bench.stats import latency_figures, rate

TABLE = """
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.raw_writes (
    id   text        PRIMARY KEY,
    data jsonb       NOT NULL,
    at   timestamptz NOT NULL DEFAULT now()
)"""
INSERT = "INSERT INTO bench.raw_writes (id, data) VALUES ($1, $2::jsonb)"
DATA = json.dumps({"name": "Store", "location": "Row 1", "participating": False})


async def run(spec: dict[str, Any]) -> dict[str, Any]:
    clients, inserts = int(spec["clients"]), int(spec["inserts"])
    pool = await asyncpg.create_pool(spec["dsn"], min_size=clients, max_size=clients)
    latencies: list[float] = []
    try:
        await pool.execute(TABLE)
        until = time.perf_counter() + float(spec["seconds"])

        async def client() -> None:
            while time.perf_counter() < until:
                began = time.perf_counter()
                async with pool.acquire() as conn, conn.transaction():
                    for _ in range(inserts):
                        await conn.execute(INSERT, uuid.uuid4().hex, DATA)
                latencies.append(time.perf_counter() - began)

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        seconds = time.perf_counter() - started
    finally:
        await pool.close()
    figures = latency_figures(latencies)
    return {"count": len(latencies), "per_s": rate(len(latencies), seconds), "errors": 0, **figures}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(json.load(sys.stdin)))))
