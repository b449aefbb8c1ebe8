"""Provider side of the pacts of the saga's participants (`pacts/<participant>-cosec.json`):
the create-order saga sends the commands they expect, headers included where a pact holds
them.

Every command is produced by the real saga (cosec's core, in memory): it starts from an
OrderCreated and is answered step by step until it sends the command (compensations by a
failed step), which is checked as it went into cosec's outbox: body, subject, name and NATS
headers (`Nats-Msg-Id` is the command id; `Intellimall-Reply-To` and the saga's id and name).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pact import Verifier
from pact.types import Message

from mall_contracts.customers import messages as customers
from mall_contracts.depot import messages as depot
from mall_contracts.ordering import messages as ordering
from mall_contracts.payments import messages as payments
from tests.support.contract_pacts import PACTS_DIR
from tests.support.contract_saga import wire_message
from tests.support.cosec_saga import SagaDriver

COMMANDS: dict[str, dict[str, str]] = {
    # participant -> interaction -> the command the saga sends for it
    "customers": {
        "an AuthorizeCustomer command for an enabled customer": customers.AUTHORIZE_CUSTOMER,
        "an AuthorizeCustomer command for a disabled customer": customers.AUTHORIZE_CUSTOMER,
        "an AuthorizeCustomer command for an unknown customer": customers.AUTHORIZE_CUSTOMER,
    },
    "depot": {
        "a CreateShoppingListCommand": depot.CREATE_SHOPPING_LIST,
        "an InitiateShoppingCommand": depot.INITIATE_SHOPPING,
        "a CancelShoppingListCommand": depot.CANCEL_SHOPPING_LIST,
    },
    "payments": {"a ConfirmPayment command": payments.CONFIRM_PAYMENT},
    "ordering": {
        "an ApproveOrder command": ordering.APPROVE_ORDER,
        "a RejectOrder command": ordering.REJECT_ORDER,
    },
}


def produce(command: str) -> Callable[[], Message]:
    """`command` as a new saga sends it once it got that far."""

    def producer() -> Message:
        return wire_message(SagaDriver.build().waiting_for(command))

    return producer


@pytest.mark.parametrize("participant", sorted(COMMANDS))
def test_cosec_sends_the_commands_the_participant_expects(participant: str) -> None:
    verifier = (
        Verifier("cosec")
        .set_coloured_output(enabled=False)
        .message_handler({d: produce(c) for d, c in COMMANDS[participant].items()})
        .add_source(PACTS_DIR / f"{participant}-cosec.json")
    )
    try:
        verifier.verify()
    except RuntimeError:
        # str(): the FFI returns a str subclass that pytest cannot render.
        pytest.fail(str(verifier.output(strip_ansi=True)), pytrace=False)
