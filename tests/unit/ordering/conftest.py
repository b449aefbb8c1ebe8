"""The ordering core on in-memory adapters, built by its production container, and the steps
the tests share (the messages ordering receives, delivered as its consumers would)."""

from __future__ import annotations

import pytest

from mall_contracts.baskets import messages as baskets
from mall_contracts.depot import messages as depot
from mall_contracts.ordering import http, messages
from mall_contracts.payments import messages as payments
from tests.support import cores

WAND = baskets.BasketCheckedOutItem(
    store_id="s1",
    product_id="p1",
    store_name="Ollivanders",
    product_name="Wand",
    price=9.99,
    quantity=2,
)
CAPE = baskets.BasketCheckedOutItem(
    store_id="s2",
    product_id="p2",
    store_name="Madam Malkin's",
    product_name="Cape",
    price=5.0,
    quantity=1,
)


class OrderingCore(cores.OrderingCore):
    async def checkout(self, basket_id: str = "basket-1", customer_id: str = "cust-1") -> str:
        """Deliver a basket checkout (two lines); returns the order id (the basket id)."""
        await self.handlers.on_basket_checked_out(
            baskets.BasketCheckedOut(
                id=basket_id, customer_id=customer_id, payment_id="pay-1", items=[WAND, CAPE]
            )
        )
        return basket_id

    async def approve(self, order_id: str, shopping_id: str = "list-1") -> None:
        await self.handlers.approve_order(
            messages.ApproveOrder(id=order_id, shopping_id=shopping_id)
        )

    async def reject(self, order_id: str) -> None:
        await self.handlers.reject_order(messages.RejectOrder(id=order_id))

    async def shopping_done(self, order_id: str, shopping_id: str = "list-1") -> None:
        await self.handlers.on_shopping_list_completed(
            depot.ShoppingListCompleted(id=shopping_id, order_id=order_id)
        )

    async def invoice_paid(self, order_id: str, invoice_id: str | None = None) -> None:
        await self.handlers.on_invoice_paid(
            payments.InvoicePaid(id=invoice_id or order_id, order_id=order_id)
        )

    async def order(self, order_id: str) -> http.Order:
        return (await self.service.get_order(order_id)).order

    async def status(self, order_id: str) -> str:
        return (await self.order(order_id)).status


@pytest.fixture
def core() -> OrderingCore:
    return OrderingCore(**vars(cores.build_ordering_core()))
