"""The input guard: what no route passes on to the core, checked once for every route.

PostgreSQL text cannot hold NUL (U+0000). A JSON body string holding one is `400` naming the
field; a path parameter holding one, or longer than its spec's `maxLength`, is `404` (such an
id names nothing). `guard_input` is the app's `before_request` hook: it runs after routing and
before a handler's arguments are read.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import NotFoundException, ValidationException

PATH_LIMITS = "path_limits"
"""Route `opt` key the generated routes set: `{py_name: (wire_name, maxLength)}`."""

NUL = "\x00"
SHOWN_NUL = "\\u0000"
NUL_ESCAPE = SHOWN_NUL.encode()  # a JSON text can only hold NUL escaped (a raw one is malformed)


async def guard_input(request: Request[Any, Any, Any]) -> None:
    """Raise `NotFoundException` for a path parameter that names nothing and
    `ValidationException` for a NUL in the JSON body the route decodes."""
    limits: dict[str, tuple[str, int]] = request.route_handler.opt.get(PATH_LIMITS, {})
    for py_name, raw in request.path_params.items():
        value = str(raw)
        wire_name, max_length = limits.get(py_name, ("", None))
        what = f"`{wire_name}`" if wire_name else "the path"
        if NUL in value:
            raise NotFoundException(f"{what} names nothing: it contains a NUL character")
        if max_length is not None and len(value) > max_length:
            raise NotFoundException(
                f"{what} names nothing: it is longer than {max_length} characters"
            )
    if "data" not in request.route_handler.parsed_fn_signature.parameters:
        return
    body = await request.body()  # cached: the handler's decoding reads it again for free
    if NUL_ESCAPE not in body:  # the hot path: one scan of the raw bytes
        return
    try:
        decoded = msgspec.json.decode(body)
    except (msgspec.DecodeError, UnicodeDecodeError):
        return  # malformed: the handler's decoding reports it
    where = nul_path(decoded)
    if where is not None:
        raise ValidationException(
            detail=f"Validation failed for {request.method} {request.url.path}",
            extra=[{"message": f"a NUL character ({SHOWN_NUL}) is not allowed", "key": where}],
        )


def nul_path(document: object) -> str | None:
    """The JSON path (`$.name`, `$.items[0]`) of a string or key holding NUL, if any."""
    pending: list[tuple[str, object]] = [("$", document)]  # a loop: nesting depth is the client's
    while pending:
        path, value = pending.pop()
        if isinstance(value, str) and NUL in value:
            return path
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                if NUL in key:
                    return f"{path}.{key.replace(NUL, SHOWN_NUL)}"
                pending.append((f"{path}.{key}", item))
        elif isinstance(value, list):
            pending.extend((f"{path}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return None
