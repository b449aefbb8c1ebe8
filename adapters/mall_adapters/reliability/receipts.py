"""Receipts: records that must commit in the same transaction as the effect they vouch for.

The inbox row of a message being handled and the stored response of an HTTP request with an
`Idempotency-Key` are receipts. Whoever starts the handling registers one with `expecting`;
the next unit of work that commits in the same task records it (with the value its work
returned) inside its transaction, so the effect and its receipt commit or roll back
together. `Expectation.recorded` tells afterwards whether a unit of work took it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Receipt = Callable[[object], Awaitable[None]]
"""Writes one receipt in the current transaction, given the value the unit of work returned.
Raises `AlreadyRecordedError` when a concurrent handling recorded the same receipt first."""


class AlreadyRecordedError(Exception):
    """Another delivery of the same message (or request) recorded its receipt first; the
    unit of work rolls back and the caller answers as for a duplicate."""


class Expectation:
    def __init__(self, receipt: Receipt) -> None:
        self.receipt = receipt
        self.recorded = False


_expected: ContextVar[list[Expectation] | None] = ContextVar("intellimall_receipts", default=None)


@contextmanager
def expecting(receipt: Receipt) -> Iterator[Expectation]:
    """Register `receipt` for the next unit of work that commits in this task."""
    expectation = Expectation(receipt)
    pending = _expected.get()
    token = _expected.set([*(pending or []), expectation])
    try:
        yield expectation
    finally:
        _expected.reset(token)


def pending() -> list[Expectation]:
    """The receipts registered in this task that no committed unit of work has taken yet.

    A unit of work records each of them in its transaction and sets `recorded` once it
    committed, so a rolled-back transaction leaves them pending."""
    return [e for e in _expected.get() or [] if not e.recorded]
