"""The Customer aggregate on its own: plain, synchronous rules and the events it records."""

from __future__ import annotations

import pytest

from mall.customers.domain.customer import (
    Customer,
    CustomerDisabled,
    CustomerEnabled,
    CustomerRegistered,
    CustomerSmsChanged,
    CustomerState,
)
from mall.kernel.errors import BadRequestError, UnauthorizedError


def test_register_starts_enabled() -> None:
    customer = Customer.register("c1", "Ann", "555-0100")
    assert customer.state() == CustomerState(name="Ann", sms_number="555-0100", enabled=True)
    assert customer.pending_events == (CustomerRegistered(name="Ann", sms_number="555-0100"),)


def test_commands_record_one_event_each() -> None:
    customer = Customer.stored("c1", CustomerState("Ann", "555-0100", True), version=1)
    customer.disable()
    customer.enable()
    customer.change_sms_number("555-0199")
    customer.authorize()
    assert customer.pending_events == (
        CustomerDisabled(),
        CustomerEnabled(),
        CustomerSmsChanged(sms_number="555-0199"),
    )
    assert customer.state() == CustomerState("Ann", "555-0199", True)
    assert customer.mark_committed()
    assert customer.version == 4


def test_a_disabled_customer_is_not_authorized() -> None:
    customer = Customer.stored("c1", CustomerState("Ann", "555-0100", False), version=2)
    with pytest.raises(UnauthorizedError, match=r"^customer is not authorized$"):
        customer.authorize()
    assert customer.pending_events == ()


def test_broken_rules_record_nothing() -> None:
    customer = Customer.stored("c1", CustomerState("Ann", "555-0100", True), version=1)
    with pytest.raises(BadRequestError, match=r"^the customer is already enabled$"):
        customer.enable()
    with pytest.raises(BadRequestError, match=r"^the SMS number cannot be blank$"):
        customer.change_sms_number(" ")
    assert customer.pending_events == ()
