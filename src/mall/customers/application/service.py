"""`CustomersService`: the REST port of Customers, and the query handlers for NATS."""

from __future__ import annotations

from mall.customers.application.deps import CUSTOMER_NOT_FOUND, CustomersDeps
from mall.customers.domain.customer import Customer
from mall_contracts.common.http import Empty
from mall_contracts.common.messages import NotFound
from mall_contracts.customers import http, messages
from mall_contracts.customers.ports import CustomersApi, CustomersHandlers


class CustomersService(CustomersApi):
    def __init__(self, deps: CustomersDeps) -> None:
        self.deps = deps

    async def register_customer(
        self, body: http.RegisterCustomerRequest
    ) -> http.RegisterCustomerResponse:
        customer = Customer.register(self.deps.ids.new_id(), body.name, body.sms_number)
        await self.deps.customers.save(customer)
        return http.RegisterCustomerResponse(id=customer.id)

    async def get_customer(self, id: str) -> http.GetCustomerResponse:
        customer = await self.deps.customer(id)
        return http.GetCustomerResponse(
            customer=http.Customer(
                id=customer.id,
                name=customer.name,
                sms_number=customer.sms_number,
                enabled=customer.enabled,
            )
        )

    async def change_sms_number(self, id: str, body: http.ChangeSmsNumberRequest) -> Empty:
        customer = await self.deps.customer(id)
        customer.change_sms_number(body.sms_number)
        await self.deps.customers.save(customer)
        return Empty()

    async def enable_customer(self, id: str) -> Empty:
        customer = await self.deps.customer(id)
        customer.enable()
        await self.deps.customers.save(customer)
        return Empty()

    async def disable_customer(self, id: str) -> Empty:
        customer = await self.deps.customer(id)
        customer.disable()
        await self.deps.customers.save(customer)
        return Empty()


class CustomersQueryHandlers(CustomersHandlers):
    """Answers other modules' customer look-ups."""

    def __init__(self, deps: CustomersDeps) -> None:
        self.deps = deps

    async def get_customer(
        self, query: messages.GetCustomer
    ) -> messages.GetCustomerReply | NotFound:
        customer = await self.deps.customers.load(query.id)
        if customer is None:
            return NotFound(message=CUSTOMER_NOT_FOUND)
        details = messages.CustomerDetails(
            id=customer.id,
            name=customer.name,
            sms_number=customer.sms_number,
            enabled=customer.enabled,
        )
        return messages.GetCustomerReply(customer=details)
