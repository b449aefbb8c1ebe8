"""The official JSON Schemas of AsyncAPI 3.0 and OpenAPI 3.1 (vendored in spec_schemas/, see
the VERSION files there), and the errors a document has against them, each with its path."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, Draft202012Validator
from jsonschema.protocols import Validator
from referencing import Registry, Resource

SCHEMAS = Path(__file__).parent / "spec_schemas"
OPENAPI_FILES = (
    "schema.json",
    "schema-base.json",
    "dialect/base.schema.json",
    "meta/base.schema.json",
)


def _load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@cache
def asyncapi_validator() -> Validator:
    return Draft7Validator(_load(SCHEMAS / "asyncapi" / "3.0.0.json"))


@cache
def openapi_validator() -> Validator:
    """The document's structure, and every Schema Object against the OAS base dialect.

    This is what schema-base.json means; but jsonschema does not follow its `$dynamicRef` from
    schema.json back out to schema-base's anchor, so schema.json's own `meta` anchor is pointed
    at the dialect instead (the same result, checked by a test with a broken Schema Object).
    """
    resources = [Resource.from_contents(_load(SCHEMAS / "openapi" / f)) for f in OPENAPI_FILES]
    registry: Registry[Any] = Registry().with_resources((r.id() or "", r) for r in resources)
    schema = _load(SCHEMAS / "openapi" / "schema.json")
    dialect = _load(SCHEMAS / "openapi" / "schema-base.json")["$defs"]["dialect"]["const"]
    schema["$defs"]["schema"] = {"$dynamicAnchor": "meta", "$ref": dialect}
    return Draft202012Validator(schema, registry=registry)


def schema_errors(document: Any, name: str) -> list[str]:
    """`<name>#/path/to/node: message` for every error against the document's own standard."""
    validator = asyncapi_validator() if "asyncapi" in document else openapi_validator()
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{name}#/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
