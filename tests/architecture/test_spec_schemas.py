"""Every spec (and every bundled AsyncAPI document) is valid against the official JSON Schema of
its standard, AsyncAPI 3.0 or OpenAPI 3.1, besides the loader's own `$ref` checks; and a broken
spec is reported with the path of the broken node."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.spec_validation import schema_errors

ROOT = Path(__file__).resolve().parents[2]
SPEC_FILES = sorted(
    p.relative_to(ROOT).as_posix()
    for pattern in ("specs/asyncapi/*.yaml", "specs/openapi/*.yaml", "specs/bundled/**/*.json")
    for p in ROOT.glob(pattern)
)


def load(file: str) -> Any:
    text = (ROOT / file).read_text(encoding="utf-8")
    return json.loads(text) if file.endswith(".json") else yaml.safe_load(text)


def test_every_kind_of_spec_is_checked() -> None:
    folders = {Path(f).parent.as_posix() for f in SPEC_FILES}
    assert folders == {"specs/asyncapi", "specs/openapi", "specs/bundled/asyncapi"}


@pytest.mark.parametrize("file", SPEC_FILES)
def test_the_spec_is_valid_against_its_standard(file: str) -> None:
    assert schema_errors(load(file), file) == []


def test_a_broken_asyncapi_spec_fails_with_the_path_of_the_node() -> None:
    document = load("specs/asyncapi/stores.yaml")
    operation = next(iter(document["operations"]))
    document["operations"][operation]["action"] = "shout"
    errors = schema_errors(document, "specs/asyncapi/stores.yaml")
    assert errors
    assert all(e.startswith(f"specs/asyncapi/stores.yaml#/operations/{operation}") for e in errors)


def test_a_broken_openapi_spec_fails_with_the_path_of_the_node() -> None:
    document = load("specs/openapi/stores.yaml")
    document["paths"]["/api/stores"]["post"]["responses"]["teapot"] = {"description": "no"}
    errors = schema_errors(document, "specs/openapi/stores.yaml")
    assert errors == [
        "specs/openapi/stores.yaml#/paths//api/stores/post/responses:"
        " Unevaluated properties are not allowed ('teapot' was unexpected)"
    ]


def test_a_broken_schema_object_inside_an_openapi_spec_fails() -> None:
    document = load("specs/openapi/common.yaml")
    name = next(iter(document["components"]["schemas"]))
    document["components"]["schemas"][name]["type"] = "text"
    errors = schema_errors(document, "specs/openapi/common.yaml")
    assert errors
    assert all(
        e.startswith(f"specs/openapi/common.yaml#/components/schemas/{name}") for e in errors
    )
