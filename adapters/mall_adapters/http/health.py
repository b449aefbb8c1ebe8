"""`GET /readiness`: whether this process can do its work now (liveness stays `/liveness`).

200 `{"status": "ready"}` when every probe passes; 503 `{"status": "unavailable",
"reasons": [...]}` while one fails (PostgreSQL or NATS unreachable, an outbox relay failing
for too long), so a load balancer sends traffic elsewhere and an operator sees why.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

import msgspec
from litestar import MediaType, Response, get
from litestar.handlers import HTTPRouteHandler

Probe = Callable[[], Awaitable[str | None]]
"""Returns None when its part is fine, else the reason it is not (one line, for people)."""


class Readiness(msgspec.Struct, frozen=True):
    status: str
    reasons: list[str] = msgspec.field(default_factory=list)


def readiness_route(probes: Sequence[Probe]) -> HTTPRouteHandler:
    @get("/readiness", media_type=MediaType.JSON)
    async def readiness() -> Response[bytes]:
        reasons = [r for r in await asyncio.gather(*(probe() for probe in probes)) if r]
        if reasons:
            body = Readiness("unavailable", reasons)
            return Response(msgspec.json.encode(body), status_code=503)
        return Response(msgspec.json.encode(Readiness("ready")), status_code=200)

    return readiness
