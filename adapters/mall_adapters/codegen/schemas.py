"""JSON Schema (the subset our specs use) to msgspec Struct definitions.

Supported: named object schemas (`components/schemas/*`) whose properties are strings,
numbers (`format: double|float`), integers (`format: int32|int64`), booleans, arrays of those
or of named objects, and `$ref`s to named objects; strings and numbers may be bounded (see
`bounds`). Every property is either required or has a `default` (the proto3 "zero value"
convention of the reference); an optional `$ref` property defaults to the empty object, so
the object it names must have no required property. Anything else fails with a `SpecError`
naming the spec path, so a spec never silently generates the wrong code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from mall_adapters.codegen.bounds import BOUND_KEYS, INT_RANGES, check_default, read_bounds
from mall_adapters.codegen.loader import Location, Node, SpecError, SpecSet, module_of

OBJECT_KEYS = {"type", "description", "properties", "required"}
PROPERTY_KEYS = {"type", "description", "format", "default", "items"} | BOUND_KEYS
NUMBER_FORMATS = {"double", "float"}


@dataclass(frozen=True)
class StructRef:
    """Where a generated Struct lives: `mall_contracts.<module>.<kind>`."""

    name: str
    module: str
    kind: str  # "messages" (AsyncAPI) or "http" (OpenAPI)

    @property
    def import_path(self) -> str:
        return f"mall_contracts.{self.module}.{self.kind}"


@dataclass(frozen=True)
class FieldDef:
    py_name: str
    wire_name: str
    annotation: str
    default: str | None  # a Python expression, or None when the field is required
    refs: tuple[StructRef, ...] = ()


@dataclass
class StructDef:
    ref: StructRef
    description: str
    at: Location
    fields: list[FieldDef] = field(default_factory=list)


def lit(value: object) -> str:
    """A Python literal; strings in double quotes, as ruff formats them."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{lit(k)}: {lit(v)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple) and len(value) != 1:
        return "(" + ", ".join(lit(v) for v in value) + ")"
    return repr(value)


def snake(name: str) -> str:
    """`customerId` -> `customer_id`, `DisableCustomer` -> `disable_customer`."""
    name = re.sub(r"[^0-9A-Za-z]+", "_", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return name.strip("_").lower()


def upper_snake(name: str) -> str:
    return snake(name).upper()


def kind_of(file: str) -> str:
    return "messages" if file.startswith("specs/asyncapi/") else "http"


def struct_ref(at: Location) -> StructRef:
    if "/components/schemas/" not in at.pointer:
        raise SpecError(at, "payloads and bodies must be $refs to components/schemas")
    return StructRef(at.key, module_of(at.file), kind_of(at.file))


class SchemaReader:
    """Collects every named object schema reachable from the specs into `StructDef`s."""

    def __init__(self, specs: SpecSet) -> None:
        self.specs = specs
        self.structs: dict[StructRef, StructDef] = {}

    def struct(self, node: Node) -> StructRef:
        """Read the object schema `node` points at (a `$ref`) and everything it uses."""
        target = self.specs.resolve(node)
        ref = struct_ref(target.at)
        if ref not in self.structs:
            self.structs[ref] = StructDef(ref, "", target.at)  # placeholder stops recursion
            self.structs[ref] = self._read_object(ref, target)
        return ref

    def _read_object(self, ref: StructRef, node: Node) -> StructDef:
        _only(node, OBJECT_KEYS)
        if node.value.get("type") != "object":
            raise SpecError(node.at, "a named schema must have 'type: object'")
        description = node.get("description")
        struct = StructDef(ref, description.text().strip() if description else "", node.at)
        required_node = node.get("required")
        required = set(required_node.value) if required_node else set()
        properties = node.get("properties")
        for wire_name, prop in properties.items() if properties else []:
            struct.fields.append(self._field(wire_name, prop, wire_name in required))
        unknown = required - {f.wire_name for f in struct.fields}
        if unknown:
            raise SpecError(node.at.child("required"), f"unknown properties {sorted(unknown)}")
        return struct

    def _field(self, wire_name: str, prop: Node, required: bool) -> FieldDef:
        annotation, refs = self._type(prop)
        if "$ref" in prop.value:
            default = None if required else self._empty_object(prop, refs[0])
            return FieldDef(snake(wire_name), wire_name, annotation, default, refs)
        default_node = prop.get("default")
        if required and default_node is not None:
            raise SpecError(prop.at, "a required property cannot have a default")
        if not required and default_node is None:
            raise SpecError(prop.at, "an optional property needs a 'default' (its zero value)")
        default = None
        if default_node is not None:
            kind, fmt = prop.value.get("type"), prop.value.get("format")
            default = _default(default_node, kind)
            check_default(default_node, read_bounds(prop, kind, fmt))
        description = prop.get("description")
        if description is not None:
            annotation = _annotate(annotation, f"description={lit(description.text().strip())}")
        return FieldDef(snake(wire_name), wire_name, annotation, default, refs)

    def _empty_object(self, prop: Node, ref: StructRef) -> str:
        """An optional object property defaults to the empty object, its zero value, which
        only exists when every property of that object is optional too."""
        needed = [f.wire_name for f in self.structs[ref].fields if f.default is None]
        if needed:
            raise SpecError(
                prop.at, f"an optional object property needs an object without required {needed}"
            )
        return f"msgspec.field(default_factory={ref.name})"

    def _type(self, prop: Node) -> tuple[str, tuple[StructRef, ...]]:
        if isinstance(prop.value, dict) and "$ref" in prop.value:
            ref = self.struct(prop)
            return ref.name, (ref,)
        _only(prop, PROPERTY_KEYS)
        kind = prop.value.get("type")
        fmt = prop.value.get("format")
        meta = [f"{name}={lit(value)}" for name, value in read_bounds(prop, kind, fmt).items()]
        if kind == "string":
            if fmt is not None:
                raise SpecError(prop.at, f"string format '{fmt}' is not supported")
            return _meta("str", meta), ()
        if kind == "boolean":
            return "bool", ()
        if kind == "number":
            if fmt is not None and fmt not in NUMBER_FORMATS:
                raise SpecError(prop.at, f"number format '{fmt}' is not supported")
            return _meta("float", meta, fmt), ()
        if kind == "integer":
            if fmt is not None and fmt not in INT_RANGES:
                raise SpecError(prop.at, f"integer format '{fmt}' is not supported")
            return _meta("int", meta, fmt), ()
        if kind == "array":
            inner, refs = self._type(prop.need("items"))
            return f"list[{inner}]", refs
        if kind == "object":
            raise SpecError(
                prop.at, "inline object schemas are not supported; name it in components/schemas"
            )
        raise SpecError(prop.at, f"unsupported or missing type {kind!r}")


def _only(node: Node, allowed: set[str]) -> None:
    if not isinstance(node.value, dict):
        raise SpecError(node.at, "expected a schema object")
    for key in node.value:
        if key not in allowed:
            raise SpecError(node.at.child(key), f"unsupported schema keyword '{key}'")


def _meta(base: str, meta: list[str], fmt: object = None) -> str:
    """`base`, annotated with its bounds and its format (kept in the JSON Schema)."""
    if fmt is not None:
        meta = [*meta, f"extra_json_schema={lit({'format': fmt})}"]
    return f"Annotated[{base}, Meta({', '.join(meta)})]" if meta else base


def _annotate(annotation: str, meta: str) -> str:
    """Add Meta arguments, merging into an existing `Annotated[..., Meta(...)]`."""
    if annotation.startswith("Annotated["):
        return annotation[: -len(")]")] + f", {meta})]"
    return f"Annotated[{annotation}, Meta({meta})]"


def _default(node: Node, kind: object) -> str:
    value = node.value
    if kind == "array":
        if value != []:
            raise SpecError(node.at, "an array default must be []")
        return "msgspec.field(default_factory=list)"
    checks: dict[str, type | tuple[type, ...]] = {
        "string": str,
        "boolean": bool,
        "integer": int,
        "number": (int, float),
    }
    expected = checks.get(str(kind))
    if (
        expected is None
        or not isinstance(value, expected)
        or (kind != "boolean" and isinstance(value, bool))
    ):
        raise SpecError(node.at, f"default {value!r} does not fit type {kind!r}")
    return repr(float(value)) if isinstance(value, int | float) and kind == "number" else lit(value)
