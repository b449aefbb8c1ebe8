"""The rule "no network I/O while a database connection is held", checked at run time.

Storage adapters mark the stretch in which the current task holds a connection (a
transaction, or a session of a few reads); network adapters call `forbid_network_io` before
every request, so a request issued from inside a transaction fails loudly instead of
holding a connection for a network round trip and starving the pool.
"""

from __future__ import annotations

from contextvars import ContextVar, Token

_holding: ContextVar[bool] = ContextVar("intellimall_holding_transaction", default=False)


class NetworkInTransactionError(RuntimeError):
    """Code asked for network I/O while its task held a database connection."""


class holding_connection:  # noqa: N801 - used like the function it replaced
    """Mark the current task as holding a connection for the duration of the block.

    A class, not a generator: every database statement enters one."""

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token: Token[bool] = _holding.set(True)

    def __exit__(self, kind: object, error: BaseException | None, tb: object) -> None:
        _holding.reset(self._token)


def forbid_network_io(what: str) -> None:
    """Raise `NetworkInTransactionError` when the current task holds a connection."""
    if _holding.get():
        raise NetworkInTransactionError(
            f"{what} was requested while holding a database connection; do look-ups before"
            " the unit of work opens (a transaction must never wait for the network)"
        )
