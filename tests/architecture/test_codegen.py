"""The generated code is what the specs say: no drift, and every Struct round-trips the spec."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest

from mall_adapters.codegen.bounds import INT_RANGES
from mall_adapters.codegen.loader import Node, SpecError, SpecSet
from mall_adapters.codegen.model import Model
from mall_adapters.codegen.run import check, generate
from mall_adapters.codegen.schemas import StructDef

ROOT = Path(__file__).resolve().parents[2]
MODEL = Model.read(ROOT)
STRUCTS = sorted(MODEL.structs.values(), key=lambda s: (s.ref.module, s.ref.kind, s.ref.name))


def struct_type(struct: StructDef) -> type[msgspec.Struct]:
    module = importlib.import_module(struct.ref.import_path)
    cls: type[msgspec.Struct] = getattr(module, struct.ref.name)
    return cls


def spec_schema(struct: StructDef) -> Node:
    file, pointer = struct.at.file, struct.at.pointer
    return MODEL.specs.resolve(Node({"$ref": f"{Path(file).name}#{pointer}"}, struct.at))


def test_generated_code_matches_the_specs() -> None:
    drift = check(ROOT)
    assert not drift, drift.report()


def test_generation_is_deterministic() -> None:
    assert generate(ROOT) == generate(ROOT)


@pytest.mark.parametrize(
    "struct", STRUCTS, ids=lambda s: f"{s.ref.module}.{s.ref.kind}.{s.ref.name}"
)
def test_a_spec_shaped_value_round_trips_through_the_struct(struct: StructDef) -> None:
    sample = sample_value(spec_schema(struct), MODEL.specs)
    decoded = msgspec.json.decode(msgspec.json.encode(sample), type=struct_type(struct))
    assert msgspec.to_builtins(decoded) == sample


@pytest.mark.parametrize(
    "struct", STRUCTS, ids=lambda s: f"{s.ref.module}.{s.ref.kind}.{s.ref.name}"
)
def test_msgspec_json_schema_equals_the_spec_schema(struct: StructDef) -> None:
    (generated,), components = msgspec.json.schema_components([struct_type(struct)])
    ours = canonical(generated, lambda ref: components[ref.rsplit("/", 1)[-1]])
    theirs = canonical_spec(spec_schema(struct), MODEL.specs)
    assert ours == theirs


def test_message_registries_name_every_message() -> None:
    for module in MODEL.messaging.values():
        if not module.messages:
            continue
        registry = importlib.import_module(f"mall_contracts.{module.module}.messages").MESSAGE_TYPES
        assert set(registry) == {m.name for m in module.messages.values()}


def test_unsupported_constructs_fail_naming_the_spec_path(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    path = tmp_path / "specs/asyncapi/stores.yaml"
    text = path.read_text().replace(
        "        participating:\n          type: boolean\n",
        "        participating:\n          oneOf: [{type: boolean}, {type: string}]\n",
        1,  # only the first: StoreParticipationToggled
    )
    path.write_text(text)
    with pytest.raises(SpecError) as raised:
        generate(tmp_path)
    assert str(raised.value).startswith(
        "specs/asyncapi/stores.yaml#/components/schemas/StoreParticipationToggled/properties/participating/oneOf"
    )
    assert "unsupported schema keyword 'oneOf'" in str(raised.value)


def test_a_dangling_reference_fails_naming_the_spec_path(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    path = tmp_path / "specs/openapi/baskets.yaml"
    path.write_text(
        path.read_text().replace("#/components/schemas/Basket'", "#/components/schemas/Nope'")
    )
    with pytest.raises(
        SpecError, match=r"specs/openapi/baskets.yaml#/components/schemas/GetBasketResponse"
    ):
        generate(tmp_path)


def test_an_optional_object_property_needs_an_object_without_required_properties(
    tmp_path: Path,
) -> None:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    path = tmp_path / "specs/openapi/search.yaml"
    spec = path.read_text()
    filters = "        filters:\n          $ref: '#/components/schemas/SearchFilters'\n"
    assert filters in spec
    path.write_text(spec.replace(filters, filters.replace("SearchFilters", "OrderItem"), 1))
    with pytest.raises(SpecError) as raised:
        generate(tmp_path)
    assert str(raised.value).startswith(
        "specs/openapi/search.yaml#/components/schemas/SearchOrdersRequest/properties/filters"
    )
    assert "needs an object without required ['productId'" in str(raised.value)


def test_a_query_parameter_must_be_a_string(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    path = tmp_path / "specs/openapi/notifications.yaml"
    spec = path.read_text()
    path.write_text(
        spec.replace(
            "        type: string\n        maxLength: 64\n  schemas:",
            "        type: integer\n  schemas:",
        )
    )
    with pytest.raises(SpecError, match="path and query parameters must be strings"):
        generate(tmp_path)


# ---------------------------------------------------------------- helpers


def sample_value(node: Node, specs: SpecSet) -> Any:
    node = specs.resolve(node)
    schema = node.value
    kind = schema.get("type")
    if kind == "object":
        props = node.get("properties")
        return {key: sample_value(prop, specs) for key, prop in (props.items() if props else [])}
    if kind == "array":
        return [sample_value(node.need("items"), specs)]
    if kind == "string":
        return "text"[: schema.get("maxLength", 4)].ljust(schema.get("minLength", 0), "x")
    if kind == "boolean":
        return True
    low = schema.get("minimum", schema.get("exclusiveMinimum", -1000) + 1)
    high = schema.get("maximum", schema.get("exclusiveMaximum", 1000) - 1)
    return min(max(7 if kind == "integer" else 2.5, low), high)


def canonical(schema: Any, lookup: Any) -> Any:
    """A schema with refs resolved, titles dropped, `required` sorted, descriptions unwrapped."""
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return canonical(lookup(schema["$ref"]), lookup)
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "title":
            continue
        if key == "properties":
            out[key] = {name: canonical(prop, lookup) for name, prop in value.items()}
        elif key == "items":
            out[key] = canonical(value, lookup)
        elif key == "required":
            if value:  # `required: []` says the same as no `required`
                out[key] = sorted(value)
        elif key == "description":
            out[key] = " ".join(value.split())
        else:
            out[key] = value
    return out


def canonical_spec(node: Node, specs: SpecSet) -> Any:
    """The spec schema with refs resolved and the int32/int64 range its format implies."""
    node = specs.resolve(node)
    schema = node.value
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        child = node.get(key)
        assert child is not None
        if key == "properties":
            out[key] = {k: canonical_spec(v, specs) for k, v in child.items()}
        elif key == "items":
            out[key] = canonical_spec(child, specs)
        else:
            out[key] = value
    if schema.get("type") == "integer" and schema.get("format") in INT_RANGES:
        low, high = INT_RANGES[schema["format"]]
        if "exclusiveMinimum" not in out:
            out.setdefault("minimum", low)
        if "exclusiveMaximum" not in out:
            out.setdefault("maximum", high)
    return canonical(out, lambda ref: None)
