"""`PostgresUnitOfWork`: `UnitOfWork.run` as one PostgreSQL transaction."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from mall_adapters.postgres.database import Database
from mall_adapters.reliability.unit_of_work import ConflictRetry, RetryingUnitOfWork


class PostgresUnitOfWork(RetryingUnitOfWork):
    def __init__(self, db: Database, retry: ConflictRetry | None = None) -> None:
        super().__init__(retry)
        self._db = db

    def transaction(self) -> AbstractAsyncContextManager[object]:
        return self._db.transaction()

    def in_transaction(self) -> bool:
        return self._db.in_transaction()
