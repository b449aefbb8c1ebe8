"""`RetryingUnitOfWork`: the mechanics of `UnitOfWork.run` every storage shares — a lock per
aggregate key, the bounded conflict retry, and the receipts — over a storage transaction."""

from __future__ import annotations

import asyncio
import random
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from dataclasses import dataclass
from typing import TypeVar

from mall.kernel.errors import ConflictError
from mall.kernel.unit_of_work import UnitOfWork
from mall_adapters.reliability import receipts

T = TypeVar("T")


@dataclass(frozen=True)
class ConflictRetry:
    """How often and how patiently a conflicting unit of work is run again."""

    attempts: int = 5
    first_delay_seconds: float = 0.005
    max_delay_seconds: float = 0.2

    def delay(self, failed_attempts: int) -> float:
        """Full jitter: a random wait up to an exponentially growing cap."""
        cap = min(self.first_delay_seconds * 2 ** (failed_attempts - 1), self.max_delay_seconds)
        return random.uniform(0, cap)


class KeyedLocks:
    """One asyncio lock per key, kept only while someone holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


class RetryingUnitOfWork(UnitOfWork, ABC):
    """Subclasses say what a transaction is; this class does the rest of the contract."""

    def __init__(self, retry: ConflictRetry | None = None) -> None:
        self.retry = retry or ConflictRetry()
        self.locks = KeyedLocks()

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[object]:
        """Begin a transaction (committed when the block ends, rolled back on an error)."""

    @abstractmethod
    def in_transaction(self) -> bool:
        """True when the current task is inside a transaction already."""

    async def run(self, work: Callable[[], Awaitable[T]], *, key: str = "") -> T:
        if self.in_transaction():
            return await work()
        lock = self.locks.hold(key) if key else nullcontext()
        async with lock:
            for attempt in range(1, self.retry.attempts + 1):
                try:
                    return await self._once(work)
                except ConflictError:
                    if attempt == self.retry.attempts:
                        raise
                await asyncio.sleep(self.retry.delay(attempt))
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _once(self, work: Callable[[], Awaitable[T]]) -> T:
        taken = receipts.pending()
        async with self.transaction():
            result = await work()
            for expectation in taken:
                await expectation.receipt(result)
        for expectation in taken:
            expectation.recorded = True
        return result
