"""A clean JetStream for each test: the `intellimall` stream and its consumers removed."""

from __future__ import annotations

import contextlib

import nats
from nats.js.errors import NotFoundError

from mall_contracts.common import subjects


async def reset_stream(url: str) -> None:
    nc = await nats.connect(url)
    try:
        with contextlib.suppress(NotFoundError):
            await nc.jetstream().delete_stream(subjects.STREAM)
    finally:
        await nc.close()
