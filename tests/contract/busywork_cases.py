"""The pacts of `intellimall busywork` (consumer `busywork`), one per API it calls: each
row a request its own client (`mall_adapters.busywork.mall_api.MallApi`, over its real
transport) sends to Pact's mock server, and the answer it relies on.

Creates carry an `Idempotency-Key` (any UUID); ids the provider makes reach paths and
bodies through provider states.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from pact import match

from mall_adapters.busywork.mall_api import MallApi
from mall_adapters.busywork.tally import Tally
from mall_adapters.busywork.transport import ApiError, JsonTransport
from tests.support.contract_http import Body, Request, error_body, mock_provider
from tests.support.contract_pacts import PactRecorder, pact_recorder, run_sync

CONSUMER = "busywork"
KEY = {"Idempotency-Key": match.uuid("5b0c8f7e-1d2a-4e3b-9c4d-6e7f8a9b0c1d")}
Use = Callable[[MallApi], Awaitable[object]]


@dataclass(frozen=True)
class Case:
    """`request`, answered `status` with `body`; `use` is the simulator's call that sends
    it, returning `returns` (a 2xx) or raising `ApiError` with `status`."""

    request: Request
    status: int
    body: Body
    use: Use
    returns: object = None


def refused(request: Request, status: int, message: str, use: Use) -> Case:
    return Case(request, status, error_body(message), use)


def done(request: Request, use: Use) -> Case:
    """A command carried out: 200 and an empty object."""
    return Case(request, 200, {}, use)


def description(case: Case) -> str:
    return case.request.description


def recorder_for(provider: str, cases: Sequence[Case]) -> Any:
    """The consumer module's `recorder` fixture: `pacts/busywork-<provider>.json`."""
    return pact_recorder(CONSUMER, provider, [description(c) for c in cases])


def check(case: Case, recorder: PactRecorder) -> None:
    pact = case.request.answered(recorder.new_pact(), case.status, case.body)
    with mock_provider(pact) as url:
        if case.status < 300:
            assert run_sync(_using(url, case.use)) == case.returns
        else:
            with pytest.raises(ApiError) as raised:
                run_sync(_using(url, case.use))
            assert raised.value.status == case.status
    recorder.record(pact)


async def _using(url: str, use: Use) -> object:
    async with httpx.AsyncClient(base_url=url) as http:
        return await use(MallApi(JsonTransport(http, Tally())))
