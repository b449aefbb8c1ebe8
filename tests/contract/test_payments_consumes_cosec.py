"""Consumer side of `pacts/payments-cosec.json`: the create-order saga's ConfirmPayment, with
the headers payments answers by.

The example command is delivered with its headers through payments' command route and the real
command processor (in memory), as its JetStream command consumer runs it, into
`PaymentsPolicies.confirm_payment`. The tests check the reply the processor wrote for the
saga: `am.Success` when the payment covers the order's total, `am.Failure` with the
reference's text when it does not or is unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pact import Pact, match

from mall_adapters.reliability.envelope import FAILURE, SUCCESS
from mall_contracts.common import messages as common
from mall_contracts.payments import messages
from mall_contracts.payments.subjects import PAYMENT_COMMANDS
from tests.contract.payments_consumer import PaymentsConsumer
from tests.support.contract_pacts import PactRecorder
from tests.support.contract_saga import assert_answered, expect_command
from tests.support.cosec_saga import LIST_CREATED

CONSUMER, PROVIDER = "payments", "cosec"
COVERING = "a ConfirmPayment command for a payment covering the total"
BELOW = "a ConfirmPayment command for a payment below the total"
UNKNOWN = "a ConfirmPayment command for an unknown payment"
TOTAL = 42.5
CANNOT = {"message": "payment cannot be confirmed"}


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    scratch: Path = tmp_path_factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, PROVIDER, scratch, (COVERING, BELOW, UNKNOWN))
    yield recorder
    recorder.publish()


@pytest.fixture
def payments() -> PaymentsConsumer:
    return PaymentsConsumer.build()


def confirm(description: str) -> Pact:
    pact = Pact(CONSUMER, PROVIDER).with_specification("V4")
    body = {"id": match.str("payment-id"), "amount": match.number(TOTAL)}
    name = messages.CONFIRM_PAYMENT
    return expect_command(pact, description, LIST_CREATED, PAYMENT_COMMANDS, name, body)


def test_a_payment_covering_the_total_is_confirmed(
    recorder: PactRecorder, payments: PaymentsConsumer
) -> None:
    payments.seed_payment("payment-id", TOTAL)
    pact = confirm(COVERING)
    pact.verify(payments.commands.receive, "Async")
    assert_answered(payments.commands.reply(), common.SUCCESS, SUCCESS, {})
    recorder.record(pact)


def test_a_payment_below_the_total_is_not_confirmed(
    recorder: PactRecorder, payments: PaymentsConsumer
) -> None:
    payments.seed_payment("payment-id", TOTAL - 0.5)
    pact = confirm(BELOW)
    pact.verify(payments.commands.receive, "Async")
    assert_answered(payments.commands.reply(), common.FAILURE, FAILURE, CANNOT)
    recorder.record(pact)


def test_an_unknown_payment_is_not_confirmed(
    recorder: PactRecorder, payments: PaymentsConsumer
) -> None:
    pact = confirm(UNKNOWN)
    pact.verify(payments.commands.receive, "Async")
    assert_answered(payments.commands.reply(), common.FAILURE, FAILURE, CANNOT)
    recorder.record(pact)
