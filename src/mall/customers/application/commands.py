"""Command handlers of Customers, one per REST command."""

from __future__ import annotations

from mall.customers.domain.customer import Customer
from mall.customers.ports import CustomerRepository
from mall.kernel.commands import AggregateCommand, create
from mall.kernel.ports import IdGenerator
from mall.kernel.unit_of_work import UnitOfWork
from mall_contracts.common.http import Empty
from mall_contracts.customers import http

CUSTOMER_NOT_FOUND = "customer with that ID does not exist"


class RegisterCustomer:
    def __init__(self, uow: UnitOfWork, customers: CustomerRepository, ids: IdGenerator) -> None:
        self._uow = uow
        self._customers = customers
        self._ids = ids

    async def __call__(self, body: http.RegisterCustomerRequest) -> http.RegisterCustomerResponse:
        customer = Customer.register(self._ids.new_id(), body.name, body.sms_number)
        response = http.RegisterCustomerResponse(id=customer.id)
        return await create(self._uow, self._customers, customer, response)


class _CustomerChange(AggregateCommand[Customer]):
    MISSING = CUSTOMER_NOT_FOUND


class ChangeSmsNumber(_CustomerChange):
    async def __call__(self, customer_id: str, body: http.ChangeSmsNumberRequest) -> Empty:
        await self.change(customer_id, lambda c: c.change_sms_number(body.sms_number))
        return Empty()


class EnableCustomer(_CustomerChange):
    async def __call__(self, customer_id: str) -> Empty:
        await self.change(customer_id, Customer.enable)
        return Empty()


class DisableCustomer(_CustomerChange):
    async def __call__(self, customer_id: str) -> Empty:
        await self.change(customer_id, Customer.disable)
        return Empty()
