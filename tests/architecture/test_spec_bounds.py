"""Every input is bounded in the specs, and the generator maps (and checks) the bounds."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import msgspec
import pytest

from mall_adapters.codegen.bounds import read_bounds
from mall_adapters.codegen.loader import Location, Node, SpecError, SpecSet
from mall_adapters.codegen.run import generate

ROOT = Path(__file__).resolve().parents[2]
SPECS = SpecSet(ROOT)
FILES = [*SPECS.files("openapi"), *SPECS.files("asyncapi")]


def typed_schemas(node: Node) -> Iterator[Node]:
    """Every schema with a `type` in the document, headers and path parameters included."""
    if isinstance(node.value, dict):
        if isinstance(node.value.get("type"), str):
            yield node
        for _key, child in node.items():
            yield from typed_schemas(child)
    elif isinstance(node.value, list):
        for child in node.elements():
            yield from typed_schemas(child)


@pytest.mark.parametrize("file", FILES)
def test_every_string_and_number_in_the_specs_is_bounded(file: str) -> None:
    unbounded = []
    for schema in typed_schemas(SPECS.document(file)):
        keys, kind = set(schema.value), schema.value["type"]
        lower = keys & {"minimum", "exclusiveMinimum"}
        upper = keys & {"maximum", "exclusiveMaximum"}
        if (
            (kind == "string" and "maxLength" not in keys)
            or (kind == "number" and not (lower and upper))
            or (kind == "integer" and not upper and schema.value.get("format") != "int32")
        ):
            unbounded.append(str(schema.at))
    assert not unbounded


INT32 = (-(2**31), 2**31 - 1)


@pytest.mark.parametrize(
    ("schema", "meta", "json_schema"),
    [
        (
            {"type": "string", "minLength": 1, "maxLength": 64},
            {"min_length": 1, "max_length": 64},
            {"type": "string", "minLength": 1, "maxLength": 64},
        ),
        (
            {"type": "number", "minimum": 0, "maximum": 9.5},
            {"ge": 0, "le": 9.5},
            {"type": "number", "minimum": 0, "maximum": 9.5},
        ),
        (
            {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
            {"gt": 0, "lt": 1},
            {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
        ),
        (
            {"type": "integer", "format": "int32", "maximum": 10},
            {"ge": INT32[0], "le": 10},
            {"type": "integer", "minimum": INT32[0], "maximum": 10},
        ),
        (
            {"type": "integer", "format": "int32", "exclusiveMinimum": 0},
            {"gt": 0, "le": INT32[1]},
            {"type": "integer", "exclusiveMinimum": 0, "maximum": INT32[1]},
        ),
    ],
)
def test_bounds_become_msgspec_meta(
    schema: dict[str, Any], meta: dict[str, Any], json_schema: dict[str, Any]
) -> None:
    """The format fills only the sides the spec leaves open; msgspec says the same back."""
    got = read_bounds(Node(schema, Location("x.yaml")), schema["type"], schema.get("format"))
    assert got == meta
    python = {"string": str, "number": float, "integer": int}[schema["type"]]
    # Meta's overloads each name one fixed set of bounds; which set the spec gives varies.
    bounds: dict[str, Any] = got
    assert msgspec.json.schema(Annotated[python, msgspec.Meta(**bounds)]) == json_schema


@pytest.mark.parametrize(
    ("bounds", "problem"),
    [
        ("maxLength: 200\n          minimum: 1", "'minimum' does not apply to type 'string'"),
        ("maxLength: -1", "a length bound cannot be negative"),
        ("maxLength: 2.5", "a bound on type 'string' must be an integer"),
        ("maxLength: 'long'", "a bound must be a finite number, not 'long'"),
        ("minLength: 3\n          maxLength: 2", "the bounds leave no valid value"),
        ("minLength: 1\n          maxLength: 200", "default '' breaks the bound min_length=1"),
    ],
)
def test_bad_bounds_fail_naming_the_spec_path(tmp_path: Path, bounds: str, problem: str) -> None:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    path = tmp_path / "specs/openapi/stores.yaml"
    text = path.read_text()
    name = (
        "        name:\n          type: string\n          maxLength: 200\n          default: ''\n"
    )
    assert name in text
    path.write_text(text.replace(name, name.replace("maxLength: 200", bounds), 1))
    with pytest.raises(SpecError) as raised:
        generate(tmp_path)
    assert str(raised.value).startswith(
        "specs/openapi/stores.yaml#/components/schemas/CreateStoreRequest/properties/name"
    )
    assert problem in str(raised.value)
