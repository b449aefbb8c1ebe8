"""Running a Pact verifier when other test processes run beside it.

Pact picks the ports of its callback servers (message producer, state handler) when the
verifier is built and binds them only when it runs, so another process (a parallel test
worker, any outgoing connection's ephemeral port) can take a port in between. Then a new
verifier, with new ports, runs again: a lost port is the machine's doing, not the pact's.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from typing import Protocol, TypeVar

ATTEMPTS = 5


class Verifies(Protocol):
    def verify(self) -> object:
        """Raises RuntimeError when an interaction does not hold."""


V = TypeVar("V", bound=Verifies)


def run_verifier(build: Callable[[], V]) -> tuple[V, bool]:
    """Build the verifier and run it; the verifier (for its `output`) and whether every
    interaction held. A verification that fails is not run again."""
    for attempt in range(1, ATTEMPTS + 1):
        verifier = build()
        try:
            verifier.verify()
        except RuntimeError:
            return verifier, False
        except OSError as error:
            if error.errno != errno.EADDRINUSE or attempt == ATTEMPTS:
                raise
            continue
        return verifier, True
    raise AssertionError("unreachable: the last attempt returns or raises")
