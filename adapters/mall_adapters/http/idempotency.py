"""`IdempotentRequests`: a create sent again with the same `Idempotency-Key` gets the first
response instead of a second effect.

The first response is stored, as a receipt, in the same transaction as the create's effect,
so either both commit or neither does. A repeat with the same key and the same request
(operation, path parameters and body) gets the stored response unchanged, marked with
`Idempotent-Replayed: true`; the same key with a different request answers 422. Two
requests with one key at the same time: the second waits for the first's transaction and
then gets its response. Keys expire after the records' time to live.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Sequence

import msgspec
from litestar import MediaType, Response
from litestar.exceptions import HTTPException

from mall.kernel.unit_of_work import UnitOfWork
from mall_adapters.reliability import receipts
from mall_adapters.reliability.ports import IdempotencyRecords, StoredResponse

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


class IdempotencyKeyReusedError(HTTPException):
    status_code = 422


def fingerprint(operation: str, params: Sequence[str], body: msgspec.Struct) -> str:
    """What makes two requests the same request (the body decoded, so the JSON's spacing
    and key order do not matter)."""
    return hashlib.sha256(msgspec.json.encode([operation, list(params), body])).hexdigest()


class IdempotentRequests:
    def __init__(self, records: IdempotencyRecords, uow: UnitOfWork) -> None:
        self._records = records
        self._uow = uow

    async def run(
        self,
        key: str | None,
        request: str,
        call: Callable[[], Awaitable[msgspec.Struct]],
    ) -> Response[bytes]:
        """`call` once per key; `request` is the request's `fingerprint`."""
        if key is None:
            return _response(msgspec.json.encode(await call()))
        stored = await self._records.find(key)
        if stored is not None:
            return _replay(key, stored, request)

        async def record(result: object) -> None:
            await self._records.record(key, StoredResponse(request, 200, _encode(result)))

        try:
            with receipts.expecting(record) as receipt:
                result = await call()
                if not receipt.recorded:  # the call wrote nothing: keep its answer anyway
                    await self._uow.run(lambda: _same(result))
        except receipts.AlreadyRecordedError:
            stored = await self._records.find(key)
            if stored is None:  # it expired in between: nothing is left to compare with
                raise
            return _replay(key, stored, request)
        return _response(_encode(result))


async def _same(result: msgspec.Struct) -> msgspec.Struct:
    return result


def _encode(result: object) -> bytes:
    return msgspec.json.encode(result)


def _response(body: bytes, status: int = 200, replayed: bool = False) -> Response[bytes]:
    headers = {REPLAYED: "true"} if replayed else {}
    return Response(body, status_code=status, media_type=MediaType.JSON, headers=headers)


def _replay(key: str, stored: StoredResponse, request: str) -> Response[bytes]:
    if stored.fingerprint != request:
        raise IdempotencyKeyReusedError(
            detail=f"the {HEADER} {key!r} was already used for a different request;"
            " send a new key for a new request"
        )
    return _response(stored.body, stored.status, replayed=True)
