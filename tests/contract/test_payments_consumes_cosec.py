"""Consumer side of `pacts/payments-cosec.json`: the saga command payments answers.

The example command goes through the command route of the generated binding into the real
`PaymentsPolicies.confirm_payment` (in memory); the test checks the reply and its wire name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pact import Pact, match

from mall_contracts.common import messages as common
from mall_contracts.payments import messages
from mall_contracts.payments.subjects import PAYMENT_COMMANDS
from tests.contract.payments_consumer import PaymentsConsumer, expect_message
from tests.support.contract_pacts import PactRecorder

CONSUMER, PROVIDER = "payments", "cosec"
DESCRIPTIONS = ("a ConfirmPayment command",)


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PactRecorder]:
    scratch: Path = tmp_path_factory.mktemp("pacts")
    recorder = PactRecorder(CONSUMER, PROVIDER, scratch, DESCRIPTIONS)
    yield recorder
    recorder.publish()


def test_confirm_payment_is_answered_with_success(recorder: PactRecorder) -> None:
    payments = PaymentsConsumer.build()
    payments.seed_payment("payment-id", 50.0)
    pact = Pact(CONSUMER, PROVIDER).with_specification("V4")
    expect_message(
        pact,
        "a ConfirmPayment command",
        PAYMENT_COMMANDS,
        messages.CONFIRM_PAYMENT,
        {"id": match.str("payment-id"), "amount": match.number(42.5)},
    )
    pact.verify(payments.receive, "Async")
    assert payments.replied == [(common.SUCCESS, common.Success())]
    recorder.record(pact)
