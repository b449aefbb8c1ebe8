"""Provider side of the pacts with ordering: the order events depot, notifications, payments
and search expect.

Each event is produced by the real event-sourced `Order` in the ordering core (in-memory
adapters), driven through the use cases of its lifecycle as the messages and requests of a
real order drive it: a checkout creates it, the saga rejects or approves it, the completed
shopping list readies it, the paid invoice completes it, and its customer cancels it. The
message the core sent last is verified.
"""

from __future__ import annotations

import pytest

from mall_contracts.depot import messages as depot
from mall_contracts.ordering import messages
from mall_contracts.payments import messages as payments
from tests.contract.ordering_consumer import ORDER_ID, SHOPPING_ID, checkout
from tests.support.contract_message_provider import MessageProvider
from tests.support.cores import OrderingCore, build_ordering_core

PACT_FILES = (
    "depot-ordering.json",
    "notifications-ordering.json",
    "payments-ordering.json",
    "search-ordering.json",
)


async def order_created(ordering: OrderingCore) -> None:
    await ordering.handlers.on_basket_checked_out(checkout(ORDER_ID, price=10.0, quantity=2))


async def order_rejected(ordering: OrderingCore) -> None:
    await order_created(ordering)
    await ordering.handlers.reject_order(messages.RejectOrder(id=ORDER_ID))


async def order_approved(ordering: OrderingCore) -> None:
    await order_created(ordering)
    approve = messages.ApproveOrder(id=ORDER_ID, shopping_id=SHOPPING_ID)
    await ordering.handlers.approve_order(approve)


async def order_readied(ordering: OrderingCore) -> None:
    await order_approved(ordering)
    completed = depot.ShoppingListCompleted(id=SHOPPING_ID, order_id=ORDER_ID)
    await ordering.handlers.on_shopping_list_completed(completed)


async def order_completed(ordering: OrderingCore) -> None:
    await order_readied(ordering)
    paid = payments.InvoicePaid(id=ORDER_ID, order_id=ORDER_ID)
    await ordering.handlers.on_invoice_paid(paid)


async def order_canceled(ordering: OrderingCore) -> None:
    await order_approved(ordering)  # canceled with its shopping list under way
    await ordering.service.cancel_order(ORDER_ID)


ORDERING = MessageProvider(
    "ordering",
    build_ordering_core,
    events={
        "an OrderCreated message": order_created,
        "an OrderRejected message": order_rejected,
        "an OrderApproved message": order_approved,
        "an OrderReadied message": order_readied,
        "an OrderCompleted message": order_completed,
        "an OrderCanceled message": order_canceled,
    },
)


@pytest.mark.parametrize("pact_file", PACT_FILES)
def test_ordering_honours_the_pact(pact_file: str) -> None:
    ORDERING.verify(pact_file)
