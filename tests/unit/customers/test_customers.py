"""Customer use cases against in-memory adapters: rules, replies and what gets published."""

from __future__ import annotations

import pytest

from mall.kernel.errors import BadRequestError, NotFoundError, UnauthorizedError
from mall_contracts.common.messages import NotFound
from mall_contracts.customers import http, messages, subjects
from tests.support.cores import CustomersCore

NOT_FOUND = "^customer with that ID does not exist$"


async def register(core: CustomersCore, name: str = "Ann", sms: str = "555-0100") -> str:
    response = await core.service.register_customer(
        http.RegisterCustomerRequest(name=name, sms_number=sms)
    )
    return response.id


async def test_register_stores_an_enabled_customer_and_publishes(core: CustomersCore) -> None:
    customer_id = await register(core)
    got = await core.service.get_customer(customer_id)
    assert got.customer == http.Customer(
        id=customer_id, name="Ann", sms_number="555-0100", enabled=True
    )
    [sent] = core.sink.sent
    assert (sent.subject, sent.name) == (subjects.CUSTOMER_EVENTS, messages.CUSTOMER_REGISTERED)
    assert sent.message == messages.CustomerRegistered(
        id=customer_id, name="Ann", sms_number="555-0100", version=1
    )


@pytest.mark.parametrize(
    ("name", "sms", "error"),
    [
        ("", "555-0100", "the customer name cannot be blank"),
        ("   ", "555-0100", "the customer name cannot be blank"),
        ("", "", "the customer name cannot be blank"),
        ("Ann", "", "the SMS number cannot be blank"),
        ("Ann", " \t", "the SMS number cannot be blank"),
    ],
)
async def test_register_rejects_blanks(
    core: CustomersCore, name: str, sms: str, error: str
) -> None:
    with pytest.raises(BadRequestError, match=f"^{error}$"):
        await register(core, name, sms)
    assert core.sink.sent == []
    assert core.store.rows == {}


async def test_enable_and_disable_toggle_once_each_way(core: CustomersCore) -> None:
    customer_id = await register(core)
    with pytest.raises(BadRequestError, match=r"^the customer is already enabled$"):
        await core.service.enable_customer(customer_id)
    await core.service.disable_customer(customer_id)
    assert not (await core.service.get_customer(customer_id)).customer.enabled
    with pytest.raises(BadRequestError, match=r"^the customer is already disabled$"):
        await core.service.disable_customer(customer_id)
    await core.service.enable_customer(customer_id)
    assert (await core.service.get_customer(customer_id)).customer.enabled
    assert [m.message for m in core.sink.sent[1:]] == [
        messages.CustomerDisabled(id=customer_id, version=2),
        messages.CustomerEnabled(id=customer_id, version=3),
    ]
    assert core.sink.names()[1:] == [messages.CUSTOMER_DISABLED, messages.CUSTOMER_ENABLED]


async def test_change_sms_number(core: CustomersCore) -> None:
    customer_id = await register(core)
    await core.service.change_sms_number(
        customer_id, http.ChangeSmsNumberRequest(sms_number="555-0199")
    )
    assert (await core.service.get_customer(customer_id)).customer.sms_number == "555-0199"
    with pytest.raises(BadRequestError, match=r"^the SMS number cannot be blank$"):
        await core.service.change_sms_number(customer_id, http.ChangeSmsNumberRequest())
    assert [(m.name, m.message) for m in core.sink.sent[1:]] == [
        (
            messages.CUSTOMER_SMS_CHANGED,
            messages.CustomerSmsChanged(id=customer_id, sms_number="555-0199", version=2),
        )
    ]


async def test_unknown_ids_are_not_found(core: CustomersCore) -> None:
    for call in (
        core.service.get_customer("nope"),
        core.service.enable_customer("nope"),
        core.service.disable_customer("nope"),
        core.service.change_sms_number("nope", http.ChangeSmsNumberRequest(sms_number="1")),
        core.authorize("nope"),
    ):
        with pytest.raises(NotFoundError, match=NOT_FOUND):
            await call
    assert core.sink.sent == []


async def test_queries_answer_found_or_not_found(core: CustomersCore) -> None:
    customer_id = await register(core)
    found = await core.queries.get_customer(messages.GetCustomer(id=customer_id))
    assert found == messages.GetCustomerReply(
        customer=messages.CustomerDetails(
            id=customer_id, name="Ann", sms_number="555-0100", enabled=True, version=1
        )
    )
    missing = await core.queries.get_customer(messages.GetCustomer(id="nope"))
    assert missing == NotFound(message="customer with that ID does not exist")


async def test_authorize_enabled_customers_only_and_publish_nothing(core: CustomersCore) -> None:
    customer_id = await register(core)
    await core.authorize(customer_id)
    await core.service.disable_customer(customer_id)
    with pytest.raises(UnauthorizedError, match=r"^customer is not authorized$"):
        await core.authorize(customer_id)
    assert core.sink.names() == [messages.CUSTOMER_REGISTERED, messages.CUSTOMER_DISABLED]
