"""A client's loop: act at once, then once per interval (fixed per client, skipping ticks an
action overran), until told to stop. Errors are logged and the loop goes on."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from mall_adapters.busywork import admin, choices, shopper
from mall_adapters.busywork.actor import Actor
from mall_adapters.busywork.choices import Action
from mall_adapters.busywork.transport import ApiError

BEHAVIOURS: dict[Action, Callable[[Actor], Awaitable[None]]] = {
    Action.BROWSING: shopper.browse,
    Action.BUYING: shopper.buy,
    Action.REGISTER_CUSTOMER: admin.register_customer,
    Action.SET_UP_STORE: admin.set_up_store,
    Action.ADD_INVENTORY: admin.add_inventory,
    Action.REBRAND_STORE: admin.rebrand_store,
    Action.REBRAND_PRODUCT: admin.rebrand_product,
}


async def run_client(actor: Actor, stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    interval = choices.interval(actor.rng) / actor.speed
    next_tick = loop.time()
    while not stop.is_set():
        action = choices.action(actor.rng)
        actor.tally.action(action.value)
        try:
            await BEHAVIOURS[action](actor)
        except ApiError as error:
            actor.log(f"{actor.who} is having a hard time: {error}")
        except Exception as error:  # a fault of the simulator: counted, shown, and go on
            actor.tally.fault()
            actor.log(f"busywork fault in {action.value}: {type(error).__name__}: {error}")
        now = loop.time()
        while next_tick <= now:
            next_tick += interval
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), next_tick - now)
