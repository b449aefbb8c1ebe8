"""What the UI clients of the mall's REST APIs share: JSON requests, typed answers, and an
`ApiError` carrying a failed request's status and message.

Answers decode into the client's own Structs (not the service's): a missing member or a
member of another type fails the client, so the pact pins what the UI reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import httpx
import msgspec

JSON = "application/json"
T = TypeVar("T")


class ApiError(Exception):
    """A non-2xx answer; `message` is the `message` member of its JSON body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class Shape(msgspec.Struct, rename="camel"):
    """Base of the clients' request and answer shapes: the APIs' members are camelCase;
    members an answer has beyond the client's are ignored."""


class Done(Shape):
    """The empty object a command answers."""


class Created(Shape):
    """What a create answers: the id of what it made."""

    id: str


class _Error(msgspec.Struct):
    message: str = ""


class JsonApi:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url.rstrip("/")

    def call(
        self,
        answer: type[T],
        method: str,
        path: str,
        *,
        body: object | None = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> T:
        """Send the request; the answer decoded as `answer`, or `ApiError`."""
        content = None if body is None else msgspec.json.encode(body)
        sent = {"Accept": JSON, **({"Content-Type": JSON} if content is not None else {})}
        with httpx.Client(base_url=self._base_url) as client:
            response = client.request(
                method, path, content=content, params=params, headers={**sent, **(headers or {})}
            )
        if not response.is_success:
            raise ApiError(response.status_code, _message(response))
        return msgspec.json.decode(response.content, type=answer)


class UiClient:
    """Base of the UI clients: each request goes through the client's `JsonApi`."""

    def __init__(self, base_url: str) -> None:
        self._api = JsonApi(base_url)


def _message(response: httpx.Response) -> str:
    try:
        return msgspec.json.decode(response.content, type=_Error).message
    except msgspec.DecodeError:
        return response.text
