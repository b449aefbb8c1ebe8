"""The simulator's JSON-over-HTTP transport: one request, its answer decoded into the
caller's own shape, every outcome reported to a `Recorder`."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Protocol, TypeVar

import httpx
import msgspec

JSON = "application/json"
T = TypeVar("T")
TRANSPORT_FAILURE = 0
"""The status recorded when no answer came (refused, reset, timed out)."""


class Recorder(Protocol):
    """Told of every request the simulator made and how it ended."""

    def request(self, operation: str, status: int, expected: bool) -> None:
        """`status` is the HTTP status (`TRANSPORT_FAILURE` without an answer); `expected`
        marks a refusal the simulator asked for (polling an order not made yet)."""


class ApiError(Exception):
    """A non-2xx answer (or none): its status and the `message` of its JSON body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status} {message}" if status else message)
        self.status = status
        self.message = message


class _Error(msgspec.Struct):
    message: str = ""


class JsonTransport:
    def __init__(self, http: httpx.AsyncClient, recorder: Recorder) -> None:
        self._http = http
        self._recorder = recorder

    async def call(
        self,
        operation: str,
        answer: type[T],
        method: str,
        path: str,
        body: object | None = None,
        *,
        create: bool = False,
        expected: Collection[int] = (),
    ) -> T:
        """Send the request (a create with a fresh `Idempotency-Key`); the answer decoded as
        `answer`, or `ApiError`. `expected` statuses are refusals the caller asked for."""
        content = None if body is None else msgspec.json.encode(body)
        headers = {"Accept": JSON}
        if content is not None:
            headers["Content-Type"] = JSON
        if create:
            headers["Idempotency-Key"] = str(uuid.uuid4())
        try:
            response = await self._http.request(method, path, content=content, headers=headers)
        except httpx.TransportError as error:
            self._recorder.request(operation, TRANSPORT_FAILURE, False)
            reason = f"{type(error).__name__} {error}".strip()
            raise ApiError(TRANSPORT_FAILURE, f"no answer to {operation}: {reason}") from None
        status = response.status_code
        self._recorder.request(operation, status, status in expected)
        if not response.is_success:
            raise ApiError(status, f"{_message(response)} ({operation})")
        try:
            return msgspec.json.decode(response.content, type=answer)
        except (msgspec.DecodeError, msgspec.ValidationError) as error:
            raise ApiError(status, f"unreadable answer to {operation}: {error}") from None


def _message(response: httpx.Response) -> str:
    try:
        return msgspec.json.decode(response.content, type=_Error).message
    except (msgspec.DecodeError, msgspec.ValidationError):
        return response.text[:200]
