"""After a checkout: wait for the order to be approved, then act as the depot's bot and the
cashier (assign the shopping list, complete it, pay the invoice) or cancel the order, as its
fate says. Each order is followed beside the client's loop, which goes on shopping."""

from __future__ import annotations

from collections.abc import Collection

from mall_adapters.busywork.actor import Actor
from mall_adapters.busywork.answers import Order
from mall_adapters.busywork.choices import Fate
from mall_adapters.busywork.transport import ApiError

WAIT_SECONDS = 60.0
"""How long an order may take to move on before the simulator calls it lost (a stuck saga)."""


async def follow(actor: Actor, order_id: str, fate: Fate, bot: str) -> None:
    try:
        await _follow(actor, order_id, fate, bot)
    except ApiError as error:
        actor.log(f"the order {order_id[:8]} is having a hard time: {error}")
    except Exception as error:  # a fault of the simulator: counted, shown
        actor.tally.fault()
        actor.log(f"busywork fault following {order_id[:8]}: {type(error).__name__}: {error}")


async def _follow(actor: Actor, order_id: str, fate: Fate, bot: str) -> None:
    api, tally = actor.api, actor.tally
    order = await moved_on(actor, order_id, ("pending",))
    if order is None or order.status != "approved" or fate is Fate.KEEP:
        return
    await actor.pause()
    if fate is Fate.CANCEL:
        await api.cancel_order(order_id)
        tally.order(order_id, "cancelled")
        actor.log(f"the order {order_id[:8]} is cancelled")
        return
    await api.assign_shopping_list(order.shopping_id, bot)
    actor.log(f"{bot} picks the order {order_id[:8]}")
    await actor.pause()
    await api.complete_shopping_list(order.shopping_id)
    if await moved_on(actor, order_id, ("approved",)) is None:
        return
    await pay(actor, order_id)
    if await moved_on(actor, order_id, ("ready",)) is not None:
        actor.log(f"the order {order_id[:8]} is paid and completed")


async def moved_on(actor: Actor, order_id: str, states: Collection[str]) -> Order | None:
    """The order once it has left `states` (recorded in the tally); None when it did not
    within `WAIT_SECONDS` (recorded as lost)."""
    deadline = actor.clock() + WAIT_SECONDS
    while actor.clock() < deadline:
        try:
            order = await actor.api.get_order(order_id, not_yet=True)
        except ApiError as error:
            if error.status != 404:
                raise
        else:
            if order.status not in states:
                actor.tally.order(order_id, order.status)
                return order
        await actor.poll_pause()
    actor.tally.order(order_id, "lost")
    actor.log(f"the order {order_id[:8]} is lost: still {'/'.join(states)}")
    return None


async def pay(actor: Actor, invoice_id: str) -> None:
    """The cashier pays the invoice (it has the order's id) once payments has made it."""
    deadline = actor.clock() + WAIT_SECONDS
    while True:
        try:
            await actor.api.pay_invoice(invoice_id, not_yet=True)
            return
        except ApiError as error:
            if error.status != 404 or actor.clock() > deadline:
                raise
        await actor.poll_pause()
