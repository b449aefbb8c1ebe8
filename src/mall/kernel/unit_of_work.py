"""The unit of work: the one transaction a command's writes commit in.

A handler reads and looks up first (outside any transaction: reads work anywhere, and a
look-up may cross the network), decides, and then hands its writes to `UnitOfWork.run`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class UnitOfWork(Protocol):
    """Runs `work` as one transaction: repositories, read models, caches and the outbox used
    inside it commit together when it returns, and roll back together when it raises.

    - With `key` (an aggregate id), calls for the same key run one after the other in this
      process, so writers of one aggregate queue instead of colliding.
    - When `work` raises `ConflictError` (another process saved the aggregate first) it is
      rolled back and run again, with a short jittered back-off, a bounded number of times,
      before the `ConflictError` reaches the caller. `work` must therefore load, decide and
      save: the aggregate's rules are checked again, on fresh state, on every try.
    - The value `work` returns is what an idempotent request replays: a create returns its
      response from its unit of work.
    - Receipts of the current handling (the inbox row of a message, the stored response of
      a request with an `Idempotency-Key`) are recorded in the same transaction; a command
      writes in one unit of work.
    - `work` must not wait for the network: a request to another module raises
      `NetworkInTransactionError`.
    - Inside another unit of work, `run` joins the open transaction (no lock, no retry).
    """

    async def run(self, work: Callable[[], Awaitable[T]], *, key: str = "") -> T: ...
