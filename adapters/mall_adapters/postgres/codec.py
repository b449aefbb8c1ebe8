"""JSON encoding of domain events and snapshots (frozen dataclasses) by their NAME."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

import msgspec

from mall.kernel.events import DomainEvent, Snapshot

T = TypeVar("T", DomainEvent, Snapshot)


class UnknownNameError(LookupError):
    """Stored data names a type this codec does not know (a corrupt or foreign row)."""


class NamedCodec(Generic[T]):
    def __init__(self, types: Iterable[type[T]]) -> None:
        self._types: dict[str, type[T]] = {t.NAME: t for t in types}
        self._decoders: dict[str, msgspec.json.Decoder[Any]] = {
            name: msgspec.json.Decoder(t) for name, t in self._types.items()
        }
        self._encoder = msgspec.json.Encoder()

    def encode(self, value: T) -> str:
        return self._encoder.encode(value).decode()

    def decode(self, name: str, data: str | bytes) -> T:
        decoder = self._decoders.get(name)
        if decoder is None:
            raise UnknownNameError(f"no type named {name!r} (known: {sorted(self._types)})")
        value: T = decoder.decode(data)
        return value
