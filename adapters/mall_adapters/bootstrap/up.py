"""`intellimall up` (and `serve`): the HTTP server on the modules, embedded servers supervised.

Order of start: the data directory's lock, the HTTP port, PostgreSQL and NATS, then the app;
each failure is one line and exit code 1, and what already started is stopped. SIGINT,
SIGTERM and SIGHUP stop it in reverse order, with exit code 0; one that arrives while it
starts takes effect when the step under way (e.g. starting PostgreSQL) is done.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
import time

import uvicorn

from mall_adapters.bootstrap import http_server
from mall_adapters.bootstrap.app import create_app
from mall_adapters.bootstrap.containers import Root
from mall_adapters.bootstrap.runtime import StartupError, running
from mall_adapters.bootstrap.servers import Servers, runtime_file, servers, write_runtime_file
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.infra.errors import StartError
from mall_adapters.infra.listen import bind_http
from mall_adapters.infra.lock import owning
from mall_adapters.infra.stop_signals import StopSignals


def run_up(settings: Settings, *, own_data_dir: bool) -> int:
    """Serve until a stop signal; the exit code. `own_data_dir` (`up`): hold the data
    directory's lock, so a second instance on it fails at once (`serve` processes share one)."""
    with StopSignals() as signals:
        try:
            started = _run(settings, signals, own_data_dir)
        except (StartError, StartupError) as error:
            print(f"IntelliMall did not start: {error}", file=sys.stderr)
            return 1
    if not started:
        print("IntelliMall did not start (see the error above)", file=sys.stderr)
        return 1
    print("IntelliMall stopped; data kept in", settings.data_dir, flush=True)
    return 0


def _run(settings: Settings, signals: StopSignals, lock: bool) -> bool:
    begun = time.perf_counter()
    with contextlib.ExitStack() as stack:
        owner = stack.enter_context(owning(settings.data_dir)) if lock else None
        if owner is not None:
            runtime_file(settings).unlink(missing_ok=True)  # left by a killed run
        sock = stack.enter_context(bind_http(settings.host, settings.port))
        http_url = f"http://{settings.host}:{sock.getsockname()[1]}"
        if owner is not None:
            owner.record(http_url)
        started = stack.enter_context(servers(settings))
        if signals.received:
            return True
        stack.callback(runtime_file(settings).unlink, missing_ok=True)
        root = Root(settings=started.settings)
        app = create_app(started.settings, root, manage_lifespan=False, embedded=started.embedded)
        server = http_server.server(app)
        return http_server.run(_serve(server, sock, root, started, signals, http_url, begun))


async def _serve(
    server: uvicorn.Server,
    sock: socket.socket,
    root: Root,
    started: Servers,
    signals: StopSignals,
    http_url: str,
    begun: float,
) -> bool:
    # While serving, uvicorn catches SIGINT and SIGTERM itself and re-raises them when done:
    # they then reach StopSignals in its serving mode, which only asks to exit once more.
    signals.serving(lambda sig: server.handle_exit(sig, None))
    supervision = asyncio.create_task(started.supervise(), name="supervise-servers")
    try:
        async with running(root, started.settings.modules):
            if signals.received:
                return True
            listening = asyncio.create_task(server.serve(sockets=[sock]))
            # uvicorn offers a `started` flag, no event to wait on.
            while not (server.started or listening.done()):  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            if server.started:
                write_runtime_file(started.settings, http_url)
                announce(started.settings, http_url, time.perf_counter() - begun)
            await listening
    finally:
        supervision.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await supervision
    return server.started


def announce(ready: Settings, http_url: str, seconds: float) -> None:
    print(
        f"IntelliMall ready in {seconds:.2f}s\n"
        f"  API        {http_url}/api/...\n"
        f"  API docs   {http_url}/docs\n"
        f"  metrics    {http_url}/metrics\n"
        f"  PostgreSQL {ready.pg_dsn}\n"
        f"  NATS       {ready.nats_url}\n"
        f"  modules    {', '.join(ready.modules)}\n"
        "Press Ctrl-C to stop.",
        flush=True,
    )
