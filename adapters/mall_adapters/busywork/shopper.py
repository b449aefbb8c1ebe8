"""Shoppers: register, start a basket, visit one to three stores adding a random product of
each; browsers then cancel the basket, buyers pay and check out, and their order is
followed through its lifecycle."""

from __future__ import annotations

from mall_adapters.busywork import choices, names
from mall_adapters.busywork.actor import Actor
from mall_adapters.busywork.lifecycle import follow


async def browse(actor: Actor) -> None:
    await shop(actor, buying=False)


async def buy(actor: Actor) -> None:
    await shop(actor, buying=True)


async def shop(actor: Actor, *, buying: bool) -> None:
    api, rng = actor.api, actor.rng
    actor.who = who = names.person(rng)
    actor.log(f"{who} is {'buying items' if buying else 'just browsing'}")
    customer_id = await api.register_customer(who, names.phone(rng))
    await actor.pause()
    basket_id = await api.start_basket(customer_id)
    await actor.pause()
    stores = await api.get_stores()
    visits = choices.store_visits(rng)
    if len(stores) < visits:
        actor.log(f"{who} finds too few stores ({len(stores)}) and leaves")
        return
    total = 0.0
    for _ in range(visits):
        store = await api.get_store(rng.choice(stores).id)
        await actor.pause()
        catalog = await api.get_catalog(store.id)
        if not catalog:  # the reference crashed here
            actor.log(f"{who} finds nothing to buy at {store.name}")
            continue
        product = await api.get_product(rng.choice(catalog).id)
        quantity = choices.quantity(rng)
        await api.add_item(basket_id, product.id, quantity)
        total += product.price * quantity
        actor.log(f"{who} adds {quantity} x {product.name} from {store.name}")
        await actor.pause()
    if not buying or total == 0:
        actor.log(f"{who} thinks ${total:.2f} is too much")
        await api.cancel_basket(basket_id)
        return
    amount = round(total, 2)
    payment_id = await api.authorize_payment(customer_id, amount)
    await actor.pause()
    await api.checkout_basket(basket_id, payment_id)
    actor.log(f"{who} checks out, paying ${amount:.2f}")
    fate, bot = choices.fate(rng), choices.bot(rng)
    actor.tally.order(basket_id, "pending")  # the order gets the basket's id
    actor.spawn(follow(actor, basket_id, fate, bot))
