"""SIGINT, SIGTERM and SIGHUP: each means one orderly stop of a running IntelliMall."""

from __future__ import annotations

import signal
from collections.abc import Callable
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class StopSignals:
    """Handlers for the three signals, installed for the `with` block (then restored).

    A handler records the signal in `received` and, once `serving(ask_to_stop)` was called,
    calls `ask_to_stop(signal)` (the HTTP server shuts down; uvicorn takes a second Ctrl-C as
    "do not wait for open connections"). It never raises: an exception raised from a signal
    handler surfaces wherever the main thread happens to be, even in a fork hook that swallows
    it or half-way through starting a child. Start-up looks at `received` between its steps.
    """

    def __init__(self) -> None:
        self.received: signal.Signals | None = None
        self._ask_to_stop: Callable[[signal.Signals], None] | None = None
        self._previous: dict[signal.Signals, Any] = {}

    def __enter__(self) -> StopSignals:
        self._previous = {sig: signal.signal(sig, self._handle) for sig in SIGNALS}
        return self

    def __exit__(self, *_: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def serving(self, ask_to_stop: Callable[[signal.Signals], None]) -> None:
        self._ask_to_stop = ask_to_stop

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        sig = signal.Signals(number)
        self.received = self.received or sig
        if self._ask_to_stop is not None:
            self._ask_to_stop(sig)
