"""`PipelinedPublisher`: a batch of messages to JetStream in one go, the acks awaited together.

The messages are written in order on the broker's one connection without waiting for each
acknowledgement (the server stores the messages of a connection in the order it reads them),
then the acks are awaited together, up to a timeout. Publishing one message at a time costs
a round trip each; a batch costs about one.

Every message gets an outcome, in order: `None` once JetStream acknowledged it, or the error.
A message that fails before it is sent with a transient error (the connection is closed, the
reconnect buffer is full) ends the batch: the ones behind it are not sent, so none of them can
overtake it. A permanent error (too large, a bad subject or header) does not end the batch.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Sequence

import nats.errors
import nats.js.errors
from faststream.nats import NatsBroker
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js.api import Header

from mall_adapters.observability.tracing import publish_span
from mall_adapters.reliability.envelope import Envelope

Outcome = BaseException | None
NO_RESPONDERS = "503"  # the status of a reply when no stream listens on the subject
PERMANENT = (
    nats.errors.MaxPayloadError,
    nats.errors.BadSubjectError,
    nats.errors.BadHeaderError,
    nats.js.errors.BadRequestError,  # JetStream refused the message itself (e.g. its size)
)


def is_permanent(error: BaseException) -> bool:
    """True when publishing this message again can never succeed."""
    return isinstance(error, PERMANENT)


class PipelinedPublisher:
    def __init__(self, broker: NatsBroker, stream: str, timeout_seconds: float) -> None:
        self._broker = broker
        self._stream = stream
        self._timeout = timeout_seconds
        self._client: Client | None = None
        self._inbox = ""
        self._tokens = itertools.count()
        self._waiting: dict[str, asyncio.Future[None]] = {}

    async def publish(self, envelopes: Sequence[Envelope]) -> list[Outcome]:
        """Publish `envelopes` in order; one outcome per message sent (fewer than
        `envelopes` when a transient error ended the batch; its outcome is the last)."""
        client = await self._connection()
        loop = asyncio.get_running_loop()
        sent: list[tuple[str, asyncio.Future[None]] | BaseException] = []
        try:
            for envelope in envelopes:
                token, ack = str(next(self._tokens)), loop.create_future()
                self._waiting[token] = ack
                try:
                    await self._send(client, envelope, f"{self._inbox}.{token}")
                except Exception as error:
                    del self._waiting[token]
                    sent.append(error)
                    if is_permanent(error):
                        continue
                    break
                sent.append((token, ack))
            acks = [item[1] for item in sent if isinstance(item, tuple)]
            if acks:
                await asyncio.wait(acks, timeout=self._timeout)
            return [_outcome(item) for item in sent]
        finally:
            for item in sent:
                if isinstance(item, tuple):
                    self._waiting.pop(item[0], None)
                    item[1].cancel()

    async def _send(self, client: Client, envelope: Envelope, reply: str) -> None:
        headers = envelope.headers()
        with publish_span(envelope.name, envelope.id, envelope.subject, headers) as trace:
            headers.update(trace)
            headers[Header.EXPECTED_STREAM] = self._stream
            await client.publish(envelope.subject, envelope.data, reply=reply, headers=headers)

    async def _connection(self) -> Client:
        client: Client = self._broker.config.connection_state.connection
        if client is not self._client:  # the broker connected anew: listen for acks on it
            inbox = client.new_inbox()
            await client.subscribe(f"{inbox}.*", cb=self._acked)
            self._client, self._inbox = client, inbox
        return client

    async def _acked(self, msg: Msg) -> None:
        ack = self._waiting.pop(msg.subject[len(self._inbox) + 1 :], None)
        if ack is None or ack.done():  # timed out meanwhile
            return
        if msg.headers and msg.headers.get(Header.STATUS) == NO_RESPONDERS:
            ack.set_exception(nats.js.errors.NoStreamResponseError())
            return
        if b'"error"' not in msg.data:  # the usual ack; parse only an error
            ack.set_result(None)
            return
        error = json.loads(msg.data).get("error")
        if error:
            ack.set_exception(nats.js.errors.APIError.from_error(error))
        else:
            ack.set_result(None)


def _outcome(item: tuple[str, asyncio.Future[None]] | BaseException) -> Outcome:
    if isinstance(item, BaseException):
        return item
    ack = item[1]
    if not ack.done():
        return nats.errors.TimeoutError()
    return ack.exception()
