"""Typed domain errors. Each carries a kind; adapters map kinds to HTTP statuses and replies.

Messages are the texts clients see (the reference implementation's own error texts).
"""

from __future__ import annotations

from enum import Enum
from typing import ClassVar


class ErrorKind(Enum):
    BAD_REQUEST = "bad_request"
    NOT_FOUND = "not_found"
    UNAUTHORIZED = "unauthorized"
    CONFLICT = "conflict"
    UNAVAILABLE = "unavailable"


class DomainError(Exception):
    """A rule was broken; `message` is safe to show to the client."""

    kind: ClassVar[ErrorKind]

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def wrap(self, prefix: str) -> DomainError:
        """The same kind of error with `prefix: ` in front, like the reference's wrapping."""
        return type(self)(f"{prefix}: {self.message}")


class BadRequestError(DomainError):
    kind = ErrorKind.BAD_REQUEST


class NotFoundError(DomainError):
    kind = ErrorKind.NOT_FOUND


class UnauthorizedError(DomainError):
    kind = ErrorKind.UNAUTHORIZED


class ConflictError(DomainError):
    """Another writer changed the same aggregate first; the whole unit of work rolled back."""

    kind = ErrorKind.CONFLICT

    @classmethod
    def concurrent_change(cls, aggregate_name: str) -> ConflictError:
        """The conflict for an aggregate named like `baskets.Basket`."""
        kind = aggregate_name.rsplit(".", 1)[-1].lower()
        return cls(f"the {kind} was changed by another request at the same time; retry")


class UnavailableError(DomainError):
    """A collaborator (another module, the broker) did not answer in time."""

    kind = ErrorKind.UNAVAILABLE
