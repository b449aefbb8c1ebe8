"""The flows the catalog draws: the order lifecycle and the CreateOrder saga.

The specs say who sends and receives each message, not in which order a business process
uses them, so the order is written down here; every message and service a step names must
exist in the specs (`catalog.emit_catalog` fails otherwise), and
`tests/architecture/test_catalog.py` checks the saga flows against the saga's definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    title: str
    message: str = ""  # wire name, e.g. ordersapi.OrderCreated
    service: str = ""  # module


@dataclass(frozen=True)
class Flow:
    id: str
    name: str
    summary: str
    owner: str  # the module whose team owns the flow
    steps: tuple[Step, ...] = field(default_factory=tuple)  # run one after the other


def _msg(name: str, title: str) -> Step:
    return Step(title=title, message=name)


def _svc(module: str, title: str) -> Step:
    return Step(title=title, service=module)


@dataclass(frozen=True)
class SagaStep:
    name: str
    command: str
    handler: str  # the module that answers the command
    reply: str  # the reply that moves the saga on
    compensated_by: str = ""  # the command that undoes this step once it succeeded


SAGA_STEPS = (
    SagaStep("authorize customer", "customersapi.AuthorizeCustomer", "customers", "am.Success"),
    SagaStep(
        "create shopping list",
        "depotapi.CreateShoppingListCommand",
        "depot",
        "depotapi.CreatedShoppingListReply",
        compensated_by="depotapi.CancelShoppingListCommand",
    ),
    SagaStep("confirm payment", "paymentsapi.ConfirmPayment", "payments", "am.Success"),
    SagaStep("initiate shopping", "depotapi.InitiateShoppingCommand", "depot", "am.Success"),
    SagaStep("approve order", "ordersapi.ApproveOrder", "ordering", "am.Success"),
)
"""The saga's forward steps in order; before them, the saga's first step (no action) is
compensated by rejecting the order."""

REJECT = "ordersapi.RejectOrder"
COMMAND_HANDLERS = {"depotapi.CancelShoppingListCommand": "depot", REJECT: "ordering"}


def _start() -> list[Step]:
    return [
        _svc("ordering", "Ordering creates a pending order"),
        _msg("ordersapi.OrderCreated", "OrderCreated"),
        _svc("cosec", "Cosec starts a CreateOrder saga"),
    ]


def _forward(step: SagaStep, reply: str) -> list[Step]:
    return [
        _msg(step.command, f"Command: {step.name}"),
        _svc(step.handler, f"{step.handler.capitalize()} handles it"),
        _msg(reply, f"Reply {reply.rsplit('.', 1)[-1]}"),
        _svc("cosec", "Cosec advances the saga" if reply == step.reply else "Cosec compensates"),
    ]


def _compensate(command: str) -> list[Step]:
    handler = COMMAND_HANDLERS[command]
    return [
        _msg(command, f"Compensation: {command.rsplit('.', 1)[-1]}"),
        _svc(handler, f"{handler.capitalize()} undoes its step"),
    ]


def saga_happy_path() -> Flow:
    steps = _start()
    for step in SAGA_STEPS:
        steps += _forward(step, step.reply)
    steps.append(_msg("ordersapi.OrderApproved", "Ordering publishes OrderApproved"))
    return Flow(
        "create-order-saga",
        "CreateOrder saga: happy path",
        "Every step succeeds: the customer is authorized, the shopping list created, the "
        "payment confirmed, shopping initiated and the order approved.",
        "cosec",
        tuple(steps),
    )


def saga_compensations() -> list[Flow]:
    """One flow per failing step: a Failure reply (or no reply in time) at step N undoes the
    steps before N that have a compensation, newest first, then rejects the order."""
    flows = []
    for index, failing in enumerate(SAGA_STEPS):
        steps = _start()
        for step in SAGA_STEPS[:index]:
            steps += _forward(step, step.reply)
        steps += _forward(failing, "am.Failure")
        for done in reversed(SAGA_STEPS[:index]):
            if done.compensated_by:
                steps += [*_compensate(done.compensated_by), _svc("cosec", "Cosec continues")]
        steps += _compensate(REJECT)
        steps.append(_msg("ordersapi.OrderRejected", "Ordering publishes OrderRejected"))
        slug = failing.name.replace(" ", "-")
        flows.append(
            Flow(
                f"create-order-saga-{slug}-fails",
                f"CreateOrder saga: {failing.name} fails",
                f"The {failing.name} step answers Failure (or times out): the saga "
                "compensates the steps already done and rejects the order.",
                "cosec",
                tuple(steps),
            )
        )
    return flows


def order_lifecycle() -> Flow:
    return Flow(
        "order-lifecycle",
        "Order lifecycle",
        "From a checked-out basket to a completed order: the saga hands the shopping list to "
        "the bots and approves the order, bots shop the list, payments invoices the ready "
        "order and the paid invoice completes it.",
        "ordering",
        (
            _svc("baskets", "A customer checks out a basket"),
            _msg("basketsapi.BasketCheckedOut", "BasketCheckedOut"),
            _svc("ordering", "Ordering creates a pending order"),
            _msg("ordersapi.OrderCreated", "OrderCreated"),
            _svc("cosec", "The CreateOrder saga runs (see its flows)"),
            _msg("depotapi.InitiateShoppingCommand", "InitiateShopping"),
            _svc("depot", "Bots shop the order's list"),
            _msg("depotapi.ShoppingListCompleted", "ShoppingListCompleted"),
            _svc("ordering", "Ordering makes the order ready"),
            _msg("ordersapi.OrderReadied", "OrderReadied"),
            _svc("payments", "Payments invoices the order"),
            _msg("paymentsapi.InvoicePaid", "InvoicePaid"),
            _svc("ordering", "Ordering completes the order"),
            _msg("ordersapi.OrderCompleted", "OrderCompleted"),
            _svc("notifications", "Notifications tells the customer"),
        ),
    )


def all_flows() -> list[Flow]:
    return [order_lifecycle(), saga_happy_path(), *saga_compensations()]
