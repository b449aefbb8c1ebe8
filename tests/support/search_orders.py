"""Publishing ordering's events straight to JetStream, as ordering's outbox relay would."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import msgspec
import nats

from mall_adapters.reliability.envelope import Envelope
from mall_contracts.ordering import messages, subjects


def order_created(
    order_id: str, customer_id: str, items: list[tuple[str, str, float, int]]
) -> messages.OrderCreated:
    """OrderCreated with lines of (product id, store id, price, quantity)."""
    return messages.OrderCreated(
        id=order_id,
        customer_id=customer_id,
        payment_id="pay-1",
        items=[
            messages.OrderCreatedItem(product_id=p, store_id=s, price=price, quantity=q)
            for p, s, price, q in items
        ],
    )


async def publish_order_events(nats_url: str, *events: tuple[str, msgspec.Struct]) -> None:
    """Publish (wire name, message) pairs on the Order channel, in the order given."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        for name, message in events:
            envelope = Envelope(
                id=str(uuid.uuid4()),
                name=name,
                subject=subjects.ORDER_EVENTS,
                data=msgspec.json.encode(message),
                occurred_at=datetime.now(UTC),
            )
            await js.publish(envelope.subject, envelope.data, headers=envelope.headers())
    finally:
        await nc.close()
