"""A tiny Pact broker on loopback, speaking the HAL resources a verifier walks (index,
pacts for verification, the pact, the provider's branch version, verification results).

It serves the pacts it is given and records every request, so a test sees the selectors a
verification sent and the results it published. Only what the verifier of pact-python uses
is served; anything else is a 404 (and recorded).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

HOST = "127.0.0.1"
Document = dict[str, Any]


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: Document | None


@dataclass
class BrokerPact:
    """A pact the broker serves for verification; `pending` as the broker would judge it."""

    document: Document
    pending: bool = False

    @property
    def consumer(self) -> str:
        return str(self.document["consumer"]["name"])

    @property
    def provider(self) -> str:
        return str(self.document["provider"]["name"])


@dataclass
class FakeBroker:
    pacts: list[BrokerPact]
    url: str = ""
    requests: list[Request] = field(default_factory=list)

    def received(self, method: str, suffix: str) -> list[Document]:
        """Bodies of the requests `method ...suffix` received."""
        return [
            r.body or {}
            for r in self.requests
            if r.method == method and r.path.split("?")[0].endswith(suffix)
        ]

    def results(self) -> list[Document]:
        """The verification results published."""
        return self.received("POST", "/verification-results")

    def answer(self, method: str, path: str, body: Document | None) -> tuple[int, Document]:
        self.requests.append(Request(method, path, body))
        parts = path.split("?")[0].strip("/").split("/")
        base = self.url
        if parts == [""]:
            return 200, {
                "_links": {
                    "pb:provider-pacts-for-verification": {
                        "href": f"{base}/pacts/provider/{{provider}}/for-verification",
                        "templated": True,
                    },
                    "pb:provider": {"href": f"{base}/pacticipants/{{provider}}", "templated": True},
                }
            }
        match parts:
            case ["pacts", "provider", provider, "for-verification"]:
                if method == "GET":
                    return 200, {"_links": {"self": {"href": f"{base}{path}"}}}
                return 200, {"_embedded": {"pacts": self._for_verification(provider)}}
            case ["pacts", "provider", provider, "consumer", consumer]:
                return 200, self._pact(provider, consumer)
            case ["pacts", "provider", _, "consumer", _, "verification-results"]:
                return 201, {}
            case ["pacticipants", provider]:
                branch_version = (
                    f"{base}/pacticipants/{provider}/branches/{{branch}}/versions/{{version}}"
                )
                return 200, {
                    "name": provider,
                    "_links": {
                        "pb:branch-version": {"href": branch_version, "templated": True},
                        "pb:version": {
                            "href": f"{base}/pacticipants/{provider}/versions/{{version}}",
                            "templated": True,
                        },
                    },
                }
            case ["pacticipants", _, "branches", _, "versions", _]:
                return 200, {}
            case ["pacticipants", _, "versions", _]:
                return 200, {}
        return 404, {"error": f"the fake broker serves no {method} {path}"}

    def _for_verification(self, provider: str) -> list[Document]:
        return [
            {
                "shortDescription": f"pact between {p.consumer} and {p.provider}",
                "verificationProperties": {"pending": p.pending, "notices": []},
                "_links": {"self": {"href": self._pact_href(p), "name": p.consumer}},
            }
            for p in self.pacts
            if p.provider == provider
        ]

    def _pact(self, provider: str, consumer: str) -> Document:
        pact = next(p for p in self.pacts if (p.provider, p.consumer) == (provider, consumer))
        results = f"{self._pact_href(pact)}/verification-results"
        links = {
            "pb:publish-verification-results": {"href": results},
            "pb:provider": {"href": f"{self.url}/pacticipants/{provider}"},
        }
        return {**pact.document, "_links": links}

    def _pact_href(self, pact: BrokerPact) -> str:
        return f"{self.url}/pacts/provider/{pact.provider}/consumer/{pact.consumer}"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        status, answer = self.server.broker.answer(self.command, self.path, body)
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/hal+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the broker records its requests."""


class _Server(HTTPServer):
    def __init__(self, broker: FakeBroker) -> None:
        super().__init__((HOST, 0), _Handler)
        self.broker = broker


@contextmanager
def fake_broker(pacts: list[BrokerPact]) -> Iterator[FakeBroker]:
    """A broker serving `pacts` until the block ends (its `url` set)."""
    broker = FakeBroker(pacts)
    server = _Server(broker)
    broker.url = f"http://{HOST}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="fake-broker", daemon=True)
    thread.start()
    try:
        yield broker
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
