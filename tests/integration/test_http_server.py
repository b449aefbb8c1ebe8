"""How `up` serves HTTP: httptools and uvloop in the server process only, and responses that
leave at once (TCP_NODELAY on every accepted connection, whichever loop runs)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable

import pytest
import uvloop
from litestar import Litestar, get
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from mall_adapters.bootstrap import http_server
from mall_adapters.infra.listen import bind_http


async def nodelay_of_an_accepted_connection(sock: socket.socket) -> int:
    accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def on_connection(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server_side = writer.get_extra_info("socket")
        accepted.set_result(server_side.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(on_connection, sock=sock)
    async with server:
        _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
        nodelay = await asyncio.wait_for(accepted, 5)
        writer.close()
    return nodelay


@pytest.mark.parametrize(
    "run", [asyncio.run, http_server.run], ids=["standard loop", "server loop"]
)
def test_accepted_connections_send_without_delay(run: Callable[..., int]) -> None:
    sock = bind_http("127.0.0.1", 0)
    sock.listen()

    assert run(nodelay_of_an_accepted_connection(sock)) == 1


def test_the_server_runs_on_uvloop_without_changing_the_loop_policy() -> None:
    policy = asyncio.get_event_loop_policy()

    async def loop_type() -> type[asyncio.AbstractEventLoop]:
        return type(asyncio.get_running_loop())

    assert http_server.run(loop_type()) is uvloop.Loop
    assert asyncio.get_event_loop_policy() is policy
    assert not isinstance(policy, uvloop.EventLoopPolicy)


def test_the_server_parses_http_with_httptools() -> None:
    @get("/")
    async def index() -> str:
        return "ok"

    server = http_server.server(Litestar([index]))
    server.config.load()

    assert server.config.http_protocol_class is HttpToolsProtocol
    assert server.config.lifespan == "off"
