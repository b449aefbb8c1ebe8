"""Orders recorded from the ordering events: names from the caches (or their fallbacks),
totals, and statuses that only move forward whatever order the events arrive in."""

from __future__ import annotations

from typing import NoReturn

import pytest

from mall.kernel.errors import NotFoundError, UnavailableError
from mall.search.application.lookup import NameLookup
from mall.search.application.policies import SearchPolicies
from mall_adapters.memory.unit_of_work import InMemoryUnitOfWork
from mall_contracts.customers import messages as customers_messages
from mall_contracts.ordering import messages as ordering
from mall_contracts.search import http
from mall_contracts.stores import http as stores_http
from mall_contracts.stores import messages as stores_messages
from tests.unit.search.conftest import SearchCore


async def test_an_order_is_recorded_with_names_total_and_status_new(core: SearchCore) -> None:
    customer_id = await core.customer("Ann")
    store_id = await core.store("Ollivanders")
    wand = await core.product(store_id, "Wand", 9.99)
    box = await core.product(store_id, "Box", 0.5)
    await core.deliver()
    await core.created("o1", customer_id, [(wand, store_id, 9.99, 2), (box, store_id, 0.5, 3)])
    assert await core.order("o1") == http.Order(
        order_id="o1",
        customer_id=customer_id,
        customer_name="Ann",
        items=[
            http.OrderItem(
                product_id=wand,
                store_id=store_id,
                product_name="Wand",
                store_name="Ollivanders",
                price=9.99,
                quantity=2,
            ),
            http.OrderItem(
                product_id=box,
                store_id=store_id,
                product_name="Box",
                store_name="Ollivanders",
                price=0.5,
                quantity=3,
            ),
        ],
        total=21.48,
        status="New",
    )
    assert core.requests.asked == []  # every name came from the caches


async def test_misses_ask_the_owning_modules_once_and_fill_the_caches(core: SearchCore) -> None:
    customer_id = await core.customer("Ann")
    store_id = await core.store("Ollivanders")
    wand = await core.product(store_id, "Wand")
    box = await core.product(store_id, "Box")
    lines = [(wand, store_id, 1.0, 1), (box, store_id, 1.0, 1)]
    await core.created("o1", customer_id, lines)
    assert core.requests.asked == [
        customers_messages.GetCustomer(id=customer_id),
        stores_messages.GetStore(id=store_id),  # asked once for the two lines
        stores_messages.GetProduct(id=wand),
        stores_messages.GetProduct(id=box),
    ]
    order = await core.order("o1")
    assert (order.customer_name, [(i.product_name, i.store_name) for i in order.items]) == (
        "Ann",
        [("Wand", "Ollivanders"), ("Box", "Ollivanders")],
    )
    await core.created("o2", customer_id, lines)
    assert len(core.requests.asked) == 4  # from the caches since


async def test_ids_nobody_knows_leave_their_names_empty(core: SearchCore) -> None:
    await core.created("o1", "ghost", [("p-none", "s-none", 2.0, 1)])
    order = await core.order("o1")
    assert (order.customer_name, order.items[0].product_name, order.items[0].store_name) == (
        "",
        "",
        "",
    )
    assert order.total == 2.0


async def test_a_removed_product_keeps_its_name(core: SearchCore) -> None:
    customer_id = await core.customer()
    store_id = await core.store()
    wand = await core.product(store_id, "Wand")
    await core.deliver()
    await core.created("o1", customer_id, [(wand, store_id, 9.99, 1)])
    await core.stores.service.remove_product(wand)
    await core.deliver()
    await core.created("o2", customer_id, [(wand, store_id, 9.99, 1)])  # checked out before
    for order_id in ("o1", "o2"):
        assert (await core.order(order_id)).items[0].product_name == "Wand"
    assert core.requests.asked == []
    assert core.product_cache.removed == {wand}


async def test_renames_reach_new_orders_only(core: SearchCore) -> None:
    customer_id = await core.customer()
    store_id = await core.store("Ollivanders")
    wand = await core.product(store_id, "Wand")
    await core.deliver()
    await core.created("o1", customer_id, [(wand, store_id, 9.99, 1)])
    await core.stores.service.rebrand_store(
        store_id, stores_http.RebrandStoreRequest(name="Ollivanders & Sons")
    )
    await core.stores.service.rebrand_product(wand, stores_http.RebrandProductRequest(name="Staff"))
    await core.deliver()
    await core.created("o2", customer_id, [(wand, store_id, 9.99, 1)])
    names = [
        (i.product_name, i.store_name) for o in ("o1", "o2") for i in (await core.order(o)).items
    ]
    assert names == [("Wand", "Ollivanders"), ("Staff", "Ollivanders & Sons")]


async def test_statuses_follow_the_order_s_life(core: SearchCore) -> None:
    await core.created("o1", "c1", [("p1", "s1", 1.0, 1)])
    h, ids = core.handlers, {"id": "o1", "customer_id": "c1"}
    await h.on_order_approved(ordering.OrderApproved(**ids, payment_id="x", shopping_id="sh"))
    assert (await core.order("o1")).status == "Approved"
    await h.on_order_readied(ordering.OrderReadied(**ids, payment_id="x", total=1.0))
    assert (await core.order("o1")).status == "Ready For Pickup"
    await h.on_order_completed(ordering.OrderCompleted(**ids, invoice_id="o1"))
    assert (await core.order("o1")).status == "Completed"


@pytest.mark.parametrize(
    ("message", "status"),
    [
        (ordering.OrderRejected(id="o1", customer_id="c1", payment_id="pay"), "Rejected"),
        (
            ordering.OrderCanceled(id="o1", customer_id="c1", payment_id="pay", total=10.0),
            "Canceled",
        ),
    ],
)
async def test_an_order_can_end_rejected_or_canceled(
    core: SearchCore, message: ordering.OrderRejected | ordering.OrderCanceled, status: str
) -> None:
    await core.created("o1", "c1", [("p1", "s1", 1.0, 1)])
    if isinstance(message, ordering.OrderRejected):
        await core.handlers.on_order_rejected(message)
    else:
        await core.handlers.on_order_canceled(message)
    assert (await core.order("o1")).status == status


async def test_a_late_event_never_undoes_a_later_status(core: SearchCore) -> None:
    h = core.handlers
    await core.created("o1", "c1", [("p1", "s1", 1.0, 1)])
    await h.on_order_readied(
        ordering.OrderReadied(id="o1", customer_id="c1", payment_id="pay", total=1.0)
    )
    await h.on_order_approved(
        ordering.OrderApproved(id="o1", customer_id="c1", payment_id="pay", shopping_id="sh")
    )
    await core.created("o1", "c1", [("p1", "s1", 1.0, 1)])  # redelivered
    assert (await core.order("o1")).status == "Ready For Pickup"


async def test_a_status_before_its_order_waits_for_it(core: SearchCore) -> None:
    await core.handlers.on_order_canceled(
        ordering.OrderCanceled(id="o1", customer_id="c1", payment_id="pay", total=10.0)
    )
    with pytest.raises(NotFoundError):
        await core.service.get_order("o1")  # nothing to show yet
    assert (await core.search()).orders == []
    await core.created("o1", "c1", [("p1", "s1", 2.5, 2)])
    order = await core.order("o1")
    assert (order.status, order.total, order.customer_id) == ("Canceled", 5.0, "c1")


async def test_an_unknown_order_is_not_found(core: SearchCore) -> None:
    with pytest.raises(NotFoundError, match=r"^order with that ID does not exist$"):
        await core.service.get_order("nope")


class SilentOwners:
    """Customers and stores that never answer (the NATS requester's `UnavailableError`)."""

    async def get_customer(self, query: customers_messages.GetCustomer) -> NoReturn:
        raise UnavailableError("customersapi.GetCustomer got no answer")

    async def get_store(self, query: stores_messages.GetStore) -> NoReturn:
        raise UnavailableError("storesapi.GetStore got no answer")

    async def get_product(self, query: stores_messages.GetProduct) -> NoReturn:
        raise UnavailableError("storesapi.GetProduct got no answer")


async def test_an_unanswered_look_up_fails_the_message_and_records_nothing(
    core: SearchCore,
) -> None:
    names = NameLookup(
        InMemoryUnitOfWork(),
        core.customer_cache,
        core.store_cache,
        core.product_cache,
        SilentOwners(),
    )
    policies = SearchPolicies(
        InMemoryUnitOfWork(),
        core.customer_cache,
        core.store_cache,
        core.product_cache,
        core.orders,
        names,
        core.clock,
    )
    created = ordering.OrderCreated(
        id="o1",
        customer_id="c1",
        payment_id="pay",
        items=[ordering.OrderCreatedItem(product_id="p1", store_id="s1", price=1.0, quantity=1)],
    )
    with pytest.raises(UnavailableError):  # the consumer redelivers it later
        await policies.on_order_created(created)
    assert core.orders.rows == {}
