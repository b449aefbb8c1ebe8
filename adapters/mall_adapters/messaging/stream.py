"""Creating (or updating) the JetStream stream the specs describe."""

from __future__ import annotations

from faststream.nats import NatsBroker
from nats.js.api import StreamConfig
from nats.js.errors import NotFoundError

from mall_contracts.common import subjects


async def ensure_stream(broker: NatsBroker) -> None:
    """Idempotent: adds the stream, or updates its subjects to the spec's."""
    js = broker.config.connection_state.stream
    config = StreamConfig(
        name=subjects.STREAM, subjects=list(subjects.STREAM_SUBJECTS), duplicate_window=120.0
    )
    try:
        await js.stream_info(subjects.STREAM)
    except NotFoundError:
        await js.add_stream(config)
    else:
        await js.update_stream(config)
