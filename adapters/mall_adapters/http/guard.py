"""The input guard: what no route passes on to the core, checked once for every route.

PostgreSQL text cannot hold NUL (U+0000). A JSON body string or a query parameter holding one
is `400` naming the field; a path parameter holding one, or longer than its spec's
`maxLength`, is `404` (such an id names nothing). A body nesting arrays and objects deeper
than `MAX_DEPTH` is `400` too: no request needs it, and decoding a very deep one overflows the
stack. `guard_input` is the app's `before_request` hook: it runs after routing and before a
handler's arguments are read.
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
MAX_DEPTH = 32


async def guard_input(request: Request[Any, Any, Any]) -> None:
    """Raise `NotFoundException` for a path parameter that names nothing and
    `ValidationException` for a NUL or too deep nesting in the JSON body the route decodes."""
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
    # Most requests have no query string: skip building the parameters' MultiDict.
    query = request.query_params.multi_items() if request.scope.get("query_string") else ()
    for name, value in query:
        if NUL in value:
            raise ValidationException(
                detail=f"Validation failed for {request.method} {request.url.path}",
                extra=[{"message": f"a NUL character ({SHOWN_NUL}) is not allowed", "key": name}],
            )
    if "data" not in request.route_handler.parsed_fn_signature.parameters:
        return
    body = await request.body()  # cached: the handler's decoding reads it again for free
    # The hot path: C-speed scans of the raw bytes; fewer brackets than MAX_DEPTH cannot nest
    # deeper than it.
    if NUL_ESCAPE not in body and body.count(b"[") + body.count(b"{") <= MAX_DEPTH:
        return
    try:
        problem = json_problem(msgspec.json.decode(body))
    except RecursionError:
        problem = ("$", f"the JSON nests deeper than {MAX_DEPTH} levels")
    except (msgspec.DecodeError, UnicodeDecodeError):
        return  # malformed: the handler's decoding reports it
    if problem is not None:
        where, message = problem
        raise ValidationException(
            detail=f"Validation failed for {request.method} {request.url.path}",
            extra=[{"message": message, "key": where}],
        )


def json_problem(document: object) -> tuple[str, str] | None:
    """(JSON path, problem) for a string or key holding NUL (`$.name`, `$.items[0]`), or for
    nesting deeper than `MAX_DEPTH` (`$`); None when there is neither."""
    nul = f"a NUL character ({SHOWN_NUL}) is not allowed"
    pending: list[tuple[str, object, int]] = [("$", document, 0)]  # a loop, not recursion
    while pending:
        path, value, depth = pending.pop()
        if isinstance(value, str) and NUL in value:
            return path, nul
        if isinstance(value, dict | list) and depth == MAX_DEPTH:
            return "$", f"the JSON nests deeper than {MAX_DEPTH} levels"
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                if NUL in key:
                    return f"{path}.{key.replace(NUL, SHOWN_NUL)}", nul
                pending.append((f"{path}.{key}", item, depth + 1))
        elif isinstance(value, list):
            items = reversed(list(enumerate(value)))
            pending.extend((f"{path}[{i}]", item, depth + 1) for i, item in items)
    return None
