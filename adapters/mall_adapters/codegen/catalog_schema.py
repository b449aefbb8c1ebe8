"""A message payload as a self-contained JSON Schema, and an example value that satisfies it.

The schema is the spec's own (our subset, see `schemas`), with every `$ref` to a named object
moved into `$defs`, so EventCatalog's schema viewer needs no other file. The example is built
from the schema alone: defaults where the spec gives one, else a value of the right type and
format inside its bounds, so the same spec always gives the same example.
"""

from __future__ import annotations

from typing import Any

from mall_adapters.codegen.loader import Node, SpecSet
from mall_adapters.codegen.schemas import StructDef

DIALECT = "https://json-schema.org/draft/2020-12/schema"
EXAMPLE_UUID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
EXAMPLE_TIME = "2026-01-01T12:00:00Z"


def struct_node(specs: SpecSet, struct: StructDef) -> Node:
    return specs.resolve(Node({"$ref": f"#{struct.at.pointer}"}, struct.at))


def json_schema(specs: SpecSet, struct: StructDef) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    body = _inline(specs, struct_node(specs, struct), defs, top=True)
    schema: dict[str, Any] = {"$schema": DIALECT, "title": struct.ref.name, **body}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _inline(specs: SpecSet, node: Node, defs: dict[str, Any], top: bool = False) -> Any:
    if isinstance(node.value, dict) and "$ref" in node.value and not top:
        target = specs.resolve(node)
        name = target.at.key
        if name not in defs:
            defs[name] = {}  # reserve first: a recursive shape refers to itself
            defs[name] = {"title": name, **_inline(specs, target, defs, top=True)}
        return {"$ref": f"#/$defs/{name}"}
    node = specs.resolve(node)
    if not isinstance(node.value, dict):
        return node.value
    out: dict[str, Any] = {}
    for key, child in node.items():
        if key == "properties":
            out[key] = {name: _inline(specs, prop, defs) for name, prop in child.items()}
        elif key == "items":
            out[key] = _inline(specs, child, defs)
        elif key == "description" and isinstance(child.value, str):
            out[key] = " ".join(child.value.split())
        else:
            out[key] = child.value
    return out


def example(schema: dict[str, Any], name: str = "", root: dict[str, Any] | None = None) -> Any:
    """A value of `schema` (a `json_schema` result or a part of it)."""
    root = root or schema
    if "$ref" in schema:
        return example(root["$defs"][schema["$ref"].rsplit("/", 1)[-1]], name, root)
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {key: example(prop, key, root) for key, prop in props.items()}
    if kind == "array":
        return [example(schema["items"], name, root)]
    if kind == "boolean":
        return True
    if kind == "string":
        return _string(schema, name)
    return _number(schema, integer=kind == "integer")


def _string(schema: dict[str, Any], name: str) -> str:
    if schema.get("format") == "date-time":
        return EXAMPLE_TIME
    lowered = name.lower()
    if lowered == "id" or lowered.endswith("id") or lowered.endswith("_id"):
        text = EXAMPLE_UUID
    elif "sms" in lowered or "phone" in lowered:
        text = "+15555550100"
    else:
        text = f"{name or 'text'} example"
    text = text[: schema.get("maxLength", len(text))]
    return text.ljust(schema.get("minLength", 0), "x")


def _number(schema: dict[str, Any], integer: bool) -> float | int:
    value: float = 3 if integer else 9.99
    step = 1 if integer else 0.01
    if "minimum" in schema:
        value = max(value, schema["minimum"])
    if "exclusiveMinimum" in schema:
        value = max(value, schema["exclusiveMinimum"] + step)
    if "maximum" in schema:
        value = min(value, schema["maximum"])
    if "exclusiveMaximum" in schema:
        value = min(value, schema["exclusiveMaximum"] - step)
    return int(value) if integer else round(value, 2)
