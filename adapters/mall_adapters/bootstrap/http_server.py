"""How `intellimall up` and `serve` run uvicorn: on `httptools` and `uvloop` when both import.

They are dependencies; the fallbacks (h11, the standard asyncio loop) exist only for a
platform they do not build on. uvloop is chosen for the server process alone, through the
loop factory of its `asyncio.Runner`: nothing sets a global loop policy, so tests and tools
that import this package keep the standard loop.
"""

from __future__ import annotations

import asyncio
import importlib.util
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import uvicorn
from litestar import Litestar

T = TypeVar("T")


def http_protocol() -> str:
    """`httptools` (a C parser: about a third less CPU per request than h11), else `h11`."""
    return "httptools" if importlib.util.find_spec("httptools") is not None else "h11"


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop]:
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop builds on every platform we run on
        return asyncio.new_event_loop
    return uvloop.new_event_loop


def server(app: Litestar) -> uvicorn.Server:
    """The HTTP server of `up`: the lifespan is ours (`runtime.running`), so uvicorn's is off."""
    config = uvicorn.Config(app, log_level="warning", lifespan="off", http=http_protocol())
    return uvicorn.Server(config)


def run(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` on the fast loop."""
    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        return runner.run(main)
