"""`CustomerAuthorizer`: whether a customer may place an order (a create-order saga step)."""

from __future__ import annotations

from mall.customers.application.deps import CustomersDeps


class CustomerAuthorizer:
    def __init__(self, deps: CustomersDeps) -> None:
        self.deps = deps

    async def authorize_customer(self, customer_id: str) -> None:
        """Return when the customer exists and is enabled; writes nothing.

        Raises `NotFoundError` for an unknown id and `UnauthorizedError` for a disabled one.
        """
        customer = await self.deps.customer(customer_id)
        customer.authorize()
