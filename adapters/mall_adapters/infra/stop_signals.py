"""SIGINT, SIGTERM and SIGHUP: each means one orderly stop of a running IntelliMall."""

from __future__ import annotations

import signal
from collections.abc import Callable
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class StopRequested(BaseException):
    """A stop signal arrived while starting; raised from the handler (as Ctrl-C raises
    KeyboardInterrupt) so that whatever already started is stopped on the way out."""


class StopSignals:
    """Handlers for the three signals, installed for the `with` block (then restored).

    While starting, the first signal raises `StopRequested`. After `serving(ask_to_stop)`,
    every signal calls `ask_to_stop(signal)` instead (the HTTP server shuts down; uvicorn
    takes a second Ctrl-C as "do not wait for open connections"). After `stopping()` signals
    are only recorded, so that stopping the servers runs to the end.
    """

    def __init__(self) -> None:
        self.received: signal.Signals | None = None
        self._ask_to_stop: Callable[[signal.Signals], None] | None = None
        self._stopping = False
        self._previous: dict[signal.Signals, Any] = {}

    def __enter__(self) -> StopSignals:
        self._previous = {sig: signal.signal(sig, self._handle) for sig in SIGNALS}
        return self

    def __exit__(self, *_: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def serving(self, ask_to_stop: Callable[[signal.Signals], None]) -> None:
        self._ask_to_stop = ask_to_stop

    def stopping(self) -> None:
        self._ask_to_stop, self._stopping = None, True

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        sig = signal.Signals(number)
        first = self.received is None
        self.received = self.received or sig
        if self._ask_to_stop is not None:
            self._ask_to_stop(sig)
        elif first and not self._stopping:
            raise StopRequested(sig.name)
