"""`InMemoryUnitOfWork`: `UnitOfWork.run` for the in-memory adapters.

Memory adapters change state at once and cannot roll back; what this keeps of the contract
is everything a core can observe: the per-key queue, the conflict retry, the receipts, and
the network guard (a look-up inside `run` fails here as it does on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar

from mall_adapters.reliability.guard import holding_connection
from mall_adapters.reliability.unit_of_work import RetryingUnitOfWork

_open: ContextVar[bool] = ContextVar("intellimall_memory_transaction", default=False)


class InMemoryUnitOfWork(RetryingUnitOfWork):
    def transaction(self) -> AbstractAsyncContextManager[object]:
        return self._transaction()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[object]:
        token = _open.set(True)
        try:
            with holding_connection():
                yield None
        finally:
            _open.reset(token)

    def in_transaction(self) -> bool:
        return _open.get()
