"""Bounds the specs put on response fields, read from the generated Structs (no second copy)."""

from __future__ import annotations

import msgspec


def spec_max_length(struct: type[msgspec.Struct], name: str) -> int:
    """The `maxLength` the spec gives the string field `name` of `struct`."""
    info = msgspec.inspect.type_info(struct)
    assert isinstance(info, msgspec.inspect.StructType)
    for field in info.fields:
        kind = field.type.type if isinstance(field.type, msgspec.inspect.Metadata) else field.type
        if field.name == name and isinstance(kind, msgspec.inspect.StrType) and kind.max_length:
            return kind.max_length
    raise LookupError(f"{struct.__name__}.{name} has no maxLength")


def cut(text: str, max_length: int) -> str:
    """`text`, or its first `max_length` - 1 characters and an ellipsis."""
    return text if len(text) <= max_length else text[: max_length - 1] + "…"
