"""Provider side of `pacts/cosec-payments.json`: payments answers ConfirmPayment the way the
saga expects, reply headers included.

Each reply is produced by the real payments core (in memory) in the interaction's provider
state: the ConfirmPayment command goes through payments' command route and the real command
processor, and the reply it writes to the outbox is what the verifier checks.
"""

from __future__ import annotations

from mall.payments.domain.payment import Payment
from mall_adapters.messaging.generated.payments import build_payments_router
from mall_adapters.reliability.envelope import Envelope
from mall_contracts.payments import messages
from mall_contracts.payments.subjects import PAYMENT_COMMANDS
from tests.support.contract_saga import Params, SagaParticipant, saga_command
from tests.support.cores import PaymentsCore, build_payments_core


async def covering_payment(core: PaymentsCore, params: Params) -> None:
    await core.payments.save(Payment.authorize(params["id"], "customer-id", params["total"]))


async def smaller_payment(core: PaymentsCore, params: Params) -> None:
    await core.payments.save(Payment.authorize(params["id"], "customer-id", params["total"] / 2))


def confirm(params: Params) -> Envelope:
    command = messages.ConfirmPayment(id=params["id"], amount=params["total"])
    return saga_command(PAYMENT_COMMANDS, messages.CONFIRM_PAYMENT, command)


PAYMENTS = SagaParticipant(
    "payments",
    build_payments_core,
    build_payments_router,
    states={
        "a payment covering the total": covering_payment,
        "a payment below the total": smaller_payment,
    },
    replies={
        "an am.Success reply to ConfirmPayment": confirm,
        "an am.Failure reply to ConfirmPayment": confirm,
    },
)


def test_payments_answers_confirm_payment_as_cosec_expects() -> None:
    PAYMENTS.verify("cosec-payments.json")
