"""The HTTP port, claimed before anything else starts."""

from __future__ import annotations

import socket

from mall_adapters.infra.errors import StartError


def bind_http(host: str, port: int) -> socket.socket:
    """A TCP socket bound to `host:port` (port 0: any free one), for the HTTP server to listen
    on once the app is ready. Raises `StartError` naming the address when it is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on accepted sockets whose proto says
    # TCP; without it a keep-alive client waits ~40 ms (Nagle + delayed ACK) on every response
    # written in two parts.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        reason = error.strerror or str(error)
        raise StartError(f"cannot listen on {host}:{port}: {reason.lower()}") from None
    return sock
