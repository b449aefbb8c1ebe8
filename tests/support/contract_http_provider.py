"""Verifying an HTTP pact against the real app (real PostgreSQL and NATS, all modules, on a
real port), with provider states set up in the module's own tables.

The verifier asks a state-change endpoint of ours before and after each interaction. A
setup runs the state's `Setup` in one transaction, through the module's real repositories,
and answers the values it made (ids the provider chose, a search cursor) as JSON: the
verifier puts them into the request where the pact has a provider-state generator
(`${orderId}`). A teardown empties every table of the states' schemas again, so each
interaction starts from empty tables.
"""

from __future__ import annotations

import json
import threading
import traceback
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, TypeVar

import pytest
from pact import Verifier

from mall_adapters.bootstrap.app import create_app
from mall_adapters.bootstrap.settings import Settings
from mall_adapters.postgres.database import Database, PoolSizes
from tests.support.contract_pacts import run_sync
from tests.support.contract_server import HOST, serving
from tests.support.contract_source import add_pact_source
from tests.support.contract_verifier import run_verifier

Params = Mapping[str, Any]
"""A provider state's parameters, as the consumer wrote them in `.given(state, **params)`."""
Injected = dict[str, str]
"""The values a setup made, by the name the pact's provider-state generators use."""
Setup = Callable[[Database, Params], Awaitable[Injected | None]]
T = TypeVar("T")


@dataclass(frozen=True)
class ProviderStates:
    """The states one provider knows (by the pact's state name) and the schemas they write:
    the tables of these schemas are emptied after every interaction."""

    schemas: tuple[str, ...]
    setups: Mapping[str, Setup]


@dataclass
class StateChanges:
    """Runs the verifier's state changes, each on a connection of its own (the verifier
    calls from its own thread, outside the test's event loop)."""

    pg_dsn: str
    states: ProviderStates
    failures: list[str] = field(default_factory=list)

    def change(self, state: str, action: str, params: Params) -> Injected:
        if action == "teardown":
            self._run(self._reset)
            return {}
        if state == "":  # an interaction without provider states
            return {}
        setup = self.states.setups.get(state)
        if setup is None:
            raise LookupError(f"no provider state {state!r}; known: {sorted(self.states.setups)}")
        return self._run(lambda db: setup(db, params)) or {}

    async def _reset(self, db: Database) -> None:
        rows = await db.connection().fetch(
            "SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables"
            " WHERE schemaname = ANY($1::text[]) AND tablename <> 'schema_migrations'",
            list(self.states.schemas),
        )
        if rows:
            await db.connection().execute(f"TRUNCATE {', '.join(r['name'] for r in rows)}")

    def _run(self, work: Callable[[Database], Awaitable[T]]) -> T:
        async def session() -> T:
            db = Database()
            await db.open(self.pg_dsn, PoolSizes(requests=1, reserved=1))
            try:
                async with db.transaction():
                    return await work(db)
            finally:
                await db.close()

        return run_sync(session())


class _StateChangeHandler(BaseHTTPRequestHandler):
    server: _StateChangeServer

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = json.loads(self.rfile.read(length) or b"{}")
        state, action = str(request.get("state") or ""), str(request.get("action") or "setup")
        try:
            injected = self.server.changes.change(state, action, request.get("params") or {})
        except Exception:
            failure = f"provider state {state!r} ({action}) failed:\n{traceback.format_exc()}"
            self.server.changes.failures.append(failure)
            # 400, not 500: the verifier retries a 5xx state change for minutes.
            self._answer(400, {"error": failure})
            return
        self._answer(200, injected)

    def _answer(self, status: int, body: Mapping[str, str]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: failures are collected in `StateChanges.failures`."""


class _StateChangeServer(HTTPServer):
    def __init__(self, changes: StateChanges) -> None:
        super().__init__((HOST, 0), _StateChangeHandler)
        self.changes = changes


@contextmanager
def state_change_endpoint(changes: StateChanges) -> Iterator[str]:
    """Serves `changes` until the block ends; yields the URL the verifier posts to."""
    server = _StateChangeServer(changes)
    thread = threading.Thread(target=server.serve_forever, name="pact-states", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/pact-states"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def verify_http_pact(
    settings: Settings, provider: str, pact_file: str, states: ProviderStates
) -> None:
    """Verify `pacts/<pact_file>` against the real app; fails the test with the verifier's report
    (and any state setup's traceback) when an interaction does not hold."""
    changes = StateChanges(settings.pg_dsn, states)
    with serving(create_app(settings)) as url, state_change_endpoint(changes) as states_url:

        def build() -> Verifier:
            verifier = (
                Verifier(provider, host=HOST)
                .set_coloured_output(enabled=False)
                .add_transport(url=url)
                .state_handler(states_url, teardown=True, body=True)
            )
            add_pact_source(verifier, pact_file)
            return verifier

        verifier, held = run_verifier(build)
        if not held:
            # str(): the FFI returns a str subclass that pytest cannot render.
            report = [str(verifier.output(strip_ansi=True)), *changes.failures]
            pytest.fail("\n".join(report), pytrace=False)
