"""The real app on a real HTTP port, for Pact provider verifications (the verifier needs a URL).

uvicorn runs in a background thread with its own event loop; the app's lifespan opens the
database pool, migrates, connects the broker and starts the relays, as in production.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from litestar import Litestar

from mall_adapters.infra.ports import free_port

HOST = "127.0.0.1"
START_WITHIN_SECONDS = 60.0


@contextmanager
def serving(app: Litestar) -> Iterator[str]:
    """Serves `app` until the block ends; yields its base URL once /liveness answers."""
    port = free_port()
    config = uvicorn.Config(
        app, host=HOST, port=port, log_level="warning", lifespan="on", loop="asyncio"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"provider-app-{port}", daemon=True)
    thread.start()
    url = f"http://{HOST}:{port}"
    try:
        wait_until_live(url, thread)
        yield url
    finally:
        server.should_exit = True
        thread.join()


def wait_until_live(url: str, thread: threading.Thread) -> None:
    deadline = time.monotonic() + START_WITHIN_SECONDS
    while True:
        if not thread.is_alive():
            raise RuntimeError(f"the app at {url} stopped before it answered /liveness")
        try:
            if httpx.get(f"{url}/liveness", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the app at {url} did not answer /liveness in time")
        time.sleep(0.05)
