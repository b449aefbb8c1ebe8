"""The saga of an order, as the REST API shows it."""

from __future__ import annotations

from datetime import datetime

from mall.cosec.domain.create_order import CREATE_ORDER, CreateOrderData
from mall.kernel.errors import NotFoundError
from mall.kernel.saga.coordinator import SagaCoordinator
from mall.kernel.saga.state import HistoryEntry, SagaState
from mall_contracts.cosec import http

SAGA_NOT_FOUND = "no create-order saga for that order ID"


class GetSaga:
    def __init__(self, sagas: SagaCoordinator[CreateOrderData]) -> None:
        self._sagas = sagas

    async def __call__(self, order_id: str) -> http.GetSagaResponse:
        state = await self._sagas.get(order_id)
        if state is None:
            raise NotFoundError(SAGA_NOT_FOUND)
        return http.GetSagaResponse(saga=_saga(state))


def _saga(state: SagaState[CreateOrderData]) -> http.Saga:
    data, pending = state.data, state.pending
    steps = CREATE_ORDER.steps
    waiting = next((h.command for h in reversed(state.history) if h.outcome is None), "")
    return http.Saga(
        id=state.id,
        name=state.name,
        status=state.status.value,
        step=state.step,
        step_name=steps[state.step].name if 0 <= state.step < len(steps) else "",
        compensating=state.compensating,
        waiting_for=waiting if pending else "",
        deadline=_time(pending.deadline if pending else None),
        error=state.error,
        order_id=data.order_id,
        customer_id=data.customer_id,
        payment_id=data.payment_id,
        shopping_id=data.shopping_id,
        total=data.total,
        started_at=_time(state.started_at),
        updated_at=_time(state.updated_at),
        history=[_step(h) for h in state.history],
    )


def _step(entry: HistoryEntry) -> http.SagaStep:
    return http.SagaStep(
        step=entry.step,
        step_name=entry.step_name,
        direction=entry.direction.value,
        command=entry.command,
        command_id=entry.command_id,
        sent_at=_time(entry.sent_at),
        outcome=entry.outcome or "",
        finished_at=_time(entry.finished_at),
        error=entry.error[:2000],
    )


def _time(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""
