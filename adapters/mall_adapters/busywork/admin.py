"""Administrators: register customers, set up stores, add inventory, rebrand stores and
products."""

from __future__ import annotations

from mall_adapters.busywork import choices, names
from mall_adapters.busywork.actor import Actor
from mall_adapters.busywork.answers import Store
from mall_adapters.busywork.transport import ApiError


async def register_customer(actor: Actor) -> None:
    actor.who = "an admin"
    name = names.person(actor.rng)
    actor.log(f"an admin registers the customer {name}")
    await actor.api.register_customer(name, names.phone(actor.rng))


async def set_up_store(actor: Actor) -> None:
    api, rng = actor.api, actor.rng
    actor.who = name = names.company(rng)
    location = names.department(rng)
    actor.log(f"{name} sets up a store in {location}")
    store_id = await api.create_store(name, location)
    await actor.pause()
    for _ in range(choices.new_products(rng)):
        await add_product(actor, store_id)
        await actor.pause()
    store = await api.get_store(store_id)
    actor.log(f"{store.name} is open")


async def add_inventory(actor: Actor) -> None:
    store = await some_store(actor)
    if store is None:
        return
    actor.log(f"{store.name} adds new inventory")
    for _ in range(choices.more_products(actor.rng)):
        await actor.pause()
        await add_product(actor, store.id)


async def rebrand_store(actor: Actor) -> None:
    store = await some_store(actor)
    if store is None:
        return
    await actor.pause()
    name = names.company(actor.rng)
    actor.log(f"{store.name} is rebranded as {name}")
    await actor.api.rebrand_store(store.id, name)


async def rebrand_product(actor: Actor) -> None:
    store = await some_store(actor)
    if store is None:
        return
    await actor.pause()
    catalog = await actor.api.get_catalog(store.id)
    if not catalog:
        actor.log(f"{store.name} has no product to rebrand")
        return
    product = actor.rng.choice(catalog)
    await actor.pause()
    name, description = names.product_name(actor.rng), names.phrase(actor.rng)
    actor.log(f"{store.name} rebrands {product.name} as {name}")
    await actor.api.rebrand_product(product.id, name, description)


async def some_store(actor: Actor) -> Store | None:
    actor.who = "an admin"
    stores = await actor.api.get_stores()
    if not stores:
        actor.log("an admin finds no stores yet")
        return None
    store = actor.rng.choice(stores)
    actor.who = store.name
    return store


async def add_product(actor: Actor, store_id: str) -> None:
    rng = actor.rng
    name = names.product_name(rng)
    await actor.api.add_product(store_id, name, names.phrase(rng), names.sku(rng), names.price(rng))


async def open_mall(actor: Actor, at_least: int) -> None:
    """Set up stores until the mall has `at_least`: shoppers of an empty mall (the
    reference's start) would leave for a long while."""
    try:
        missing = at_least - len(await actor.api.get_stores())
        for _ in range(missing):
            await set_up_store(actor)
    except ApiError as error:
        actor.log(f"the mall is having a hard time opening: {error}")
