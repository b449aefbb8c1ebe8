"""Consumer side of `pacts/payments-cosec.json`: the create-order saga's ConfirmPayment, with
the headers payments answers by.

The example command is delivered with its headers through payments' command route and the real
command processor (in memory), as its JetStream command consumer runs it, into
`PaymentsPolicies.confirm_payment`. The tests check the reply the processor wrote for the
saga: `am.Success` when the payment covers the order's total, `am.Failure` with the
reference's text when it does not or is unknown.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pact import match

from mall_contracts.payments import messages
from mall_contracts.payments.subjects import PAYMENT_COMMANDS
from tests.contract.payments_consumer import PaymentsConsumer
from tests.support.contract_pacts import PactRecorder, pact_recorder
from tests.support.contract_saga import (
    SUCCEEDED,
    CommandCase,
    ExpectedCommand,
    check_command,
    refused,
)
from tests.support.cosec_saga import LIST_CREATED

TOTAL = 42.5
CONFIRM = ExpectedCommand(
    LIST_CREATED,
    PAYMENT_COMMANDS,
    messages.CONFIRM_PAYMENT,
    {"id": match.str("payment-id"), "amount": match.number(TOTAL)},
)


def a_payment_of(amount: float) -> Callable[[PaymentsConsumer], None]:
    """The payment `payment-id`, authorized for `amount`."""
    return lambda payments: payments.seed_payment("payment-id", amount)


def no_payment(payments: PaymentsConsumer) -> None:
    """Payments knows no such payment."""


CASES: list[CommandCase[PaymentsConsumer]] = [
    CommandCase(
        "a payment covering the total is confirmed",
        "a ConfirmPayment command for a payment covering the total",
        CONFIRM,
        SUCCEEDED,
        given=a_payment_of(TOTAL),
    ),
    CommandCase(
        "a payment below the total is not confirmed",
        "a ConfirmPayment command for a payment below the total",
        CONFIRM,
        refused("payment cannot be confirmed"),
        given=a_payment_of(TOTAL - 0.5),
    ),
    CommandCase(
        "an unknown payment is not confirmed",
        "a ConfirmPayment command for an unknown payment",
        CONFIRM,
        refused("payment cannot be confirmed"),
        given=no_payment,
    ),
]
recorder = pact_recorder("payments", "cosec", [case.description for case in CASES])


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.intent)
def test_a_command_is_answered(case: CommandCase[PaymentsConsumer], recorder: PactRecorder) -> None:
    check_command(case, PaymentsConsumer.build(), recorder)
