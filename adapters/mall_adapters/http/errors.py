"""One mapping from errors to HTTP responses (`{"message", "code"}` + RFC 9457 members).

Domain errors map by kind; framework errors (malformed JSON, wrong types, unknown routes)
keep their status with a readable message; anything else is a logged 500 that reveals nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

from mall.kernel.errors import DomainError, ErrorKind
from mall_adapters.http.spec_bounds import cut, spec_max_length
from mall_contracts.common.http import ErrorBody

log = logging.getLogger(__name__)
MALFORMED = "JSON is malformed"
MISSING = "Missing required "  # Litestar's words for an absent query parameter or header


MESSAGE_LIMIT = spec_max_length(ErrorBody, "message")
"""Longer texts (a replay's error, a long query string in Litestar's words) are cut to it."""

KIND_STATUS = {
    ErrorKind.BAD_REQUEST: HTTPStatus.BAD_REQUEST,
    ErrorKind.NOT_FOUND: HTTPStatus.NOT_FOUND,
    ErrorKind.UNAUTHORIZED: HTTPStatus.UNAUTHORIZED,
    ErrorKind.CONFLICT: HTTPStatus.CONFLICT,
    ErrorKind.UNAVAILABLE: HTTPStatus.SERVICE_UNAVAILABLE,
}
GRPC_CODE = {  # what the reference's clients read in `code`
    HTTPStatus.BAD_REQUEST: 3,
    HTTPStatus.NOT_FOUND: 5,
    HTTPStatus.CONFLICT: 10,
    HTTPStatus.UNAUTHORIZED: 16,
    HTTPStatus.SERVICE_UNAVAILABLE: 14,
    HTTPStatus.METHOD_NOT_ALLOWED: 12,
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: 3,
    HTTPStatus.UNPROCESSABLE_ENTITY: 9,  # failed precondition: an Idempotency-Key reused
    HTTPStatus.INTERNAL_SERVER_ERROR: 13,
}


def error_response(
    status: HTTPStatus, message: str, headers: Mapping[str, str] | None = None
) -> Response[bytes]:
    """The error body; `headers` are the framework's own, e.g. a 405's `Allow`."""
    message = cut(message, MESSAGE_LIMIT)
    body = ErrorBody(
        message=message,
        code=GRPC_CODE.get(status, 2),
        type="about:blank",
        title=status.phrase,
        status=status.value,
        detail=message,
    )
    return Response(
        msgspec.json.encode(body),
        status_code=status.value,
        media_type=MediaType.JSON,
        headers=dict(headers or {}),
    )


def domain_error(_: Request[Any, Any, Any], error: DomainError) -> Response[bytes]:
    return error_response(KIND_STATUS[error.kind], error.message)


def framework_error(request: Request[Any, Any, Any], error: HTTPException) -> Response[bytes]:
    status = HTTPStatus(error.status_code)
    message = error.detail or status.phrase
    if isinstance(error, ValidationException) and isinstance(error.extra, list):
        problems = [_problem(request, p) for p in error.extra if isinstance(p, dict)]
        message = f"{message}: {'; '.join(problems)}" if problems else message
    elif status == HTTPStatus.BAD_REQUEST and not message.startswith((MALFORMED, MISSING)):
        message = f"{MALFORMED}: {message}"  # msgspec's own texts, e.g. "Input data was truncated"
    if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        log.error("%s %s failed: %s", request.method, request.url.path, message)
        message = status.phrase
    return error_response(status, message, error.headers)


def _problem(request: Request[Any, Any, Any], problem: dict[str, Any]) -> str:
    key = problem.get("key")
    text = str(problem.get("message", "invalid value"))
    if key == "data" and text == "'data'":  # Litestar's words for a missing body
        return "a JSON body is required"
    if problem.get("source") == "body":  # Litestar names body fields `data` and `name`
        key = "$" if key == "data" else f"$.{key}"
    elif problem.get("source") in ("header", "query"):  # Litestar names the Python parameter
        parameter = request.route_handler.parsed_fn_signature.parameters.get(str(key))
        name = getattr(getattr(parameter, "kwarg_definition", None), "name", None) or key
        where = "header" if problem["source"] == "header" else "query"  # a str enum
        return f"{text} in {where} `{name}`"
    return f"{text} at `{key}`" if key else text


def undecodable_body(_: Request[Any, Any, Any], error: UnicodeDecodeError) -> Response[bytes]:
    return error_response(
        HTTPStatus.BAD_REQUEST, f"{MALFORMED}: the body is not UTF-8 ({error.reason})"
    )


def unexpected_error(request: Request[Any, Any, Any], error: Exception) -> Response[bytes]:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=error)
    return error_response(HTTPStatus.INTERNAL_SERVER_ERROR, "internal server error")


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error,
    UnicodeDecodeError: undecodable_body,
    HTTPException: framework_error,
    Exception: unexpected_error,
}
