"""JSON Schema bounds (the validation keywords our specs use) to `msgspec.Meta` arguments.

Strings take `minLength`/`maxLength`; numbers and integers take `minimum`, `maximum`,
`exclusiveMinimum` and `exclusiveMaximum` (OpenAPI 3.1 / JSON Schema 2020-12 spelling: each a
number). An integer's `format` (int32, int64) bounds every side the spec leaves open. A keyword
on the wrong type, a bound that is not a number, two bounds on one side, an empty range, or a
default outside the range fails with a `SpecError` naming the spec path.
"""

from __future__ import annotations

import math
import operator

from mall_adapters.codegen.loader import Node, SpecError

INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
STRING_BOUNDS = {"minLength": "min_length", "maxLength": "max_length"}
NUMBER_BOUNDS = {
    "minimum": "ge",
    "exclusiveMinimum": "gt",
    "maximum": "le",
    "exclusiveMaximum": "lt",
}
BOUND_KEYS = frozenset(STRING_BOUNDS) | frozenset(NUMBER_BOUNDS)
META_ORDER = ("ge", "gt", "le", "lt", "min_length", "max_length")
HOLDS = {
    "ge": operator.ge,
    "gt": operator.gt,
    "le": operator.le,
    "lt": operator.lt,
    "min_length": operator.ge,
    "max_length": operator.le,
}

Bounds = dict[str, int | float]
"""`msgspec.Meta` keyword arguments, e.g. `{"ge": 0, "le": 10000}` or `{"max_length": 64}`."""


def read_bounds(prop: Node, kind: object, fmt: object) -> Bounds:
    """The Meta arguments `prop`'s bounds (and an integer's format) give, in a fixed order."""
    allowed = {"string": STRING_BOUNDS, "number": NUMBER_BOUNDS, "integer": NUMBER_BOUNDS}.get(
        str(kind), {}
    )
    meta: Bounds = {}
    for key in sorted(BOUND_KEYS & set(prop.value)):
        at = prop.at.child(key)
        if key not in allowed:
            raise SpecError(at, f"'{key}' does not apply to type {kind!r}")
        meta[allowed[key]] = _bound(Node(prop.value[key], at), kind)
    if kind == "integer" and fmt in INT_RANGES:
        low, high = INT_RANGES[str(fmt)]
        for name, value in meta.items():
            if not low <= value <= high:
                raise SpecError(prop.at, f"bound {name}={value} is outside {fmt}")
        if "ge" not in meta and "gt" not in meta:
            meta["ge"] = low
        if "le" not in meta and "lt" not in meta:
            meta["le"] = high
    _check_range(prop, meta)
    return {name: meta[name] for name in META_ORDER if name in meta}


def check_default(node: Node, meta: Bounds) -> None:
    """A default outside the bounds would be a value the API itself rejects."""
    value = node.value
    measure = len(value) if isinstance(value, str) else value
    for name, bound in meta.items():
        if not HOLDS[name](measure, bound):
            raise SpecError(node.at, f"default {value!r} breaks the bound {name}={bound}")


def _bound(node: Node, kind: object) -> int | float:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise SpecError(node.at, f"a bound must be a finite number, not {value!r}")
    if kind != "number" and not isinstance(value, int):
        raise SpecError(node.at, f"a bound on type {kind!r} must be an integer")
    if kind == "string" and value < 0:
        raise SpecError(node.at, "a length bound cannot be negative")
    return value


def _check_range(prop: Node, meta: Bounds) -> None:
    for one, other in (("ge", "gt"), ("le", "lt")):
        if one in meta and other in meta:
            raise SpecError(prop.at, "give one lower and one upper bound at most")
    low = meta.get("ge", meta.get("gt", meta.get("min_length")))
    high = meta.get("le", meta.get("lt", meta.get("max_length")))
    exclusive = "gt" in meta or "lt" in meta
    if low is not None and high is not None and (low > high or (exclusive and low == high)):
        raise SpecError(prop.at, "the bounds leave no valid value")
