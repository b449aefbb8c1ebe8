"""What a saga is made of: steps that send commands and fold replies into the saga data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

D = TypeVar("D")


@dataclass(frozen=True)
class SagaCommand:
    """A command to send: its wire message name (e.g. `customersapi.AuthorizeCustomer`) and
    its payload (a contracts Struct; opaque to the kernel)."""

    name: str
    payload: object


@dataclass(frozen=True)
class Step(Generic[D]):
    """One step. `action` runs forward, `compensation` undoes it when a later step fails;
    either may be missing. `on_reply` maps a reply message name to a function folding the
    reply payload into the saga data (forward replies only, success and failure alike)."""

    name: str
    action: Callable[[D], SagaCommand] | None = None
    compensation: Callable[[D], SagaCommand] | None = None
    on_reply: Mapping[str, Callable[[D, object], D]] = field(default_factory=dict)


@dataclass(frozen=True)
class SagaDefinition(Generic[D]):
    name: str
    steps: tuple[Step[D], ...]
