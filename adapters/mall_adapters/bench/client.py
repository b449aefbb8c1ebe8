"""The fallback load generator (no `wrk`): an asyncio HTTP/1.1 keep-alive client, run as
`python -m mall_adapters.bench.client` with a JSON spec on stdin (base, calls,
connections, seconds); prints the figures as JSON. Its own ceiling is measured beside
every run, like wrk's."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any
from urllib.parse import urlsplit

from mall_adapters.bench.stats import latency_figures, rate


def _raw(host: str, call: dict[str, Any]) -> bytes:
    body = (call.get("body") or "").encode()
    head = f"{call['method']} {call['path']} HTTP/1.1\r\nHost: {host}\r\n"
    if call.get("body") is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return (head + "\r\n").encode() + body


async def _connection(
    host: str, port: int, requests: list[bytes], until: float, out: dict[str, Any], offset: int
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    n = offset
    try:
        while time.perf_counter() < until:
            sent = time.perf_counter()
            writer.write(requests[n % len(requests)])
            n += 1
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            out["latencies"].append(time.perf_counter() - sent)
            out["errors"] += status >= 400
    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        out["errors"] += 1
    finally:
        writer.close()


async def run(spec: dict[str, Any]) -> dict[str, Any]:
    url = urlsplit(spec["base"])
    host, port = url.hostname or "127.0.0.1", url.port or 80
    requests = [_raw(f"{host}:{port}", c) for c in spec["calls"]]
    out: dict[str, Any] = {"latencies": [], "errors": 0}
    started = time.perf_counter()
    until = started + float(spec["seconds"])
    await asyncio.gather(
        *(_connection(host, port, requests, until, out, n) for n in range(spec["connections"]))
    )
    seconds = time.perf_counter() - started
    latencies: list[float] = out["latencies"]
    figures = latency_figures(latencies)
    return {
        "count": len(latencies),
        "per_s": rate(len(latencies), seconds),
        "errors": out["errors"],
        **figures,
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(json.load(sys.stdin)))))
