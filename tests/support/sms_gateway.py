"""A real, tiny HTTP server standing in for an SMS gateway (`asyncio.start_server`)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: Any


@dataclass
class SmsGateway:
    """Answers every request with `status` (and `reply` as its body), or never answers while
    `hang` is set; keeps every request it read in `received`."""

    url: str = ""
    status: int = 200
    reply: str = '{"accepted": true}'
    hang: bool = False
    received: list[Received] = field(default_factory=list)
    closing: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            method, path, _ = head[0].split(" ", 2)
            headers = {}
            for line in head[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            raw = await reader.readexactly(int(headers.get("content-length", "0")))
            self.received.append(Received(method, path, headers, json.loads(raw or b"null")))
            if self.hang:
                await self.closing.wait()
                return
            body = self.reply.encode()
            writer.write(
                f"HTTP/1.1 {self.status} X\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                + body
            )
            await writer.drain()
        finally:
            writer.close()


@asynccontextmanager
async def sms_gateway() -> AsyncIterator[SmsGateway]:
    gateway = SmsGateway()
    server = await asyncio.start_server(gateway.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    gateway.url = f"http://127.0.0.1:{port}/sms"
    try:
        yield gateway
    finally:
        gateway.closing.set()
        server.close()
        await server.wait_closed()
