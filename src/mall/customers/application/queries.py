"""Query handlers of Customers: the REST query, the look-up other modules send over NATS,
and the authorization check of the create-order saga."""

from __future__ import annotations

from mall.customers.application.commands import CUSTOMER_NOT_FOUND
from mall.customers.ports import CustomerRepository
from mall.kernel.repository import load_existing
from mall_contracts.common.messages import NotFound, Success
from mall_contracts.customers import http, messages
from mall_contracts.customers.ports import CustomersHandlers


class GetCustomer:
    def __init__(self, customers: CustomerRepository) -> None:
        self._customers = customers

    async def __call__(self, customer_id: str) -> http.GetCustomerResponse:
        customer = await load_existing(self._customers, customer_id, CUSTOMER_NOT_FOUND)
        return http.GetCustomerResponse(
            customer=http.Customer(
                id=customer.id,
                name=customer.name,
                sms_number=customer.sms_number,
                enabled=customer.enabled,
            )
        )


class AuthorizeCustomer:
    """Whether a customer may place an order (a create-order saga step); writes nothing."""

    def __init__(self, customers: CustomerRepository) -> None:
        self._customers = customers

    async def __call__(self, customer_id: str) -> None:
        """Return when the customer exists and is enabled; raises `NotFoundError` for an
        unknown id and `UnauthorizedError` for a disabled one."""
        customer = await load_existing(self._customers, customer_id, CUSTOMER_NOT_FOUND)
        customer.authorize()


class CustomersQueryHandlers(CustomersHandlers):
    """Answers other modules' customer look-ups and the saga's authorization command."""

    def __init__(self, customers: CustomerRepository) -> None:
        self._customers = customers
        self._authorize = AuthorizeCustomer(customers)

    async def authorize_customer(self, command: messages.AuthorizeCustomer) -> Success:
        await self._authorize(command.id)
        return Success()

    async def get_customer(
        self, query: messages.GetCustomer
    ) -> messages.GetCustomerReply | NotFound:
        customer = await self._customers.load(query.id)
        if customer is None:
            return NotFound(message=CUSTOMER_NOT_FOUND)
        details = messages.CustomerDetails(
            id=customer.id,
            name=customer.name,
            sms_number=customer.sms_number,
            enabled=customer.enabled,
            version=customer.version,
        )
        return messages.GetCustomerReply(customer=details)
