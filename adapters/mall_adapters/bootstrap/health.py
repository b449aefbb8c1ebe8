"""The readiness probes of a running IntelliMall: database, broker, outbox relays, and the
embedded servers `intellimall up` supervises."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

from faststream.nats import NatsBroker

from mall_adapters.http.health import Probe
from mall_adapters.infra.supervisor import EmbeddedServer
from mall_adapters.messaging.relay import OutboxRelay
from mall_adapters.postgres.database import Database

PROBE_TIMEOUT_SECONDS = 2.0


def database_probe(db: Database) -> Probe:
    async def probe() -> str | None:
        try:
            async with asyncio.timeout(PROBE_TIMEOUT_SECONDS):
                await db.reserved.fetchval("SELECT 1")
        except Exception as error:
            return f"PostgreSQL is unreachable: {type(error).__name__}: {error}"
        return None

    return probe


def broker_probe(broker: NatsBroker, url: str) -> Probe:
    async def probe() -> str | None:
        state = broker.config.connection_state
        if not state or not state.connection.is_connected:
            return f"NATS at {url} is unreachable (reconnecting)"
        return None

    return probe


def relays_probe(relays: Sequence[OutboxRelay], unhealthy_after_seconds: float) -> Probe:
    async def probe() -> str | None:
        now = time.monotonic()
        failing = [
            f"the {relay.module} outbox relay has been failing for"
            f" {now - relay.failing_since:.0f}s: {relay.last_error}"
            for relay in relays
            if relay.failing_since is not None
            and now - relay.failing_since > unhealthy_after_seconds
        ]
        return "; ".join(failing) or None

    return probe


def embedded_probe(servers: Sequence[EmbeddedServer]) -> Probe:
    async def probe() -> str | None:
        down = [
            f"embedded {status.name} is not serving ({status.state}, last exit code"
            f" {status.last_exit_code}, {status.restarts} restarts so far)"
            for status in (server.describe() for server in servers if not server.healthy)
        ]
        return "; ".join(down) or None

    return probe
