"""Each module's bundled AsyncAPI document stands alone: no `$ref` leaves the file, every local
`$ref` lands on something, the foreign channels its operations use are copied in, and it says
what the module's own spec says (same operations, channels, messages)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from mall_adapters.bootstrap.settings import ALL_MODULES
from mall_adapters.codegen.bundle import BUNDLED, bundle
from mall_adapters.codegen.loader import SpecSet

ROOT = Path(__file__).resolve().parents[2]
SPECS = SpecSet(ROOT)


def bundled(module: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((ROOT / BUNDLED / f"{module}.json").read_text())
    return loaded


def refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if isinstance(value.get("$ref"), str):
            yield value["$ref"]
        for child in value.values():
            yield from refs(child)
    elif isinstance(value, list):
        for child in value:
            yield from refs(child)


def target(document: dict[str, Any], ref: str) -> Any:
    value: Any = document
    for raw in [p for p in ref.removeprefix("#").split("/") if p]:
        key = raw.replace("~1", "/").replace("~0", "~")
        assert isinstance(value, dict) and key in value, f"{ref} does not resolve"
        value = value[key]
    return value


def resolved(document: dict[str, Any], value: Any) -> Any:
    while isinstance(value, dict) and "$ref" in value:
        value = target(document, value["$ref"])
    return value


def test_there_is_one_bundled_document_per_module() -> None:
    written = sorted(p.stem for p in (ROOT / BUNDLED).glob("*.json"))
    assert written == sorted(ALL_MODULES)


@pytest.mark.parametrize("module", ALL_MODULES)
def test_no_ref_leaves_the_document_and_every_ref_resolves(module: str) -> None:
    document = bundled(module)
    found = list(refs(document))
    assert found, "a bundle without $refs would prove nothing here"
    assert [r for r in found if not r.startswith("#/")] == []
    for ref in found:
        assert target(document, ref) is not None, ref


@pytest.mark.parametrize("module", ALL_MODULES)
def test_the_bundle_has_the_operations_and_channels_of_the_spec(module: str) -> None:
    spec = SPECS.document(f"specs/asyncapi/{module}.yaml")
    document = bundled(module)
    assert document["info"] == spec.value["info"]
    assert set(spec.value.get("channels", {})) <= set(document["channels"])
    assert list(document["operations"]) == [name for name, _ in spec.need("operations").items()]
    for name, operation in spec.need("operations").items():
        ours = document["operations"][name]
        assert ours["action"] == operation.need("action").text()
        channel = resolved(document, ours["channel"])
        assert channel["address"] == SPECS.resolve(operation.need("channel")).value["address"]
        messages = sorted(resolved(document, m)["name"] for m in ours["messages"])
        expected = [
            SPECS.resolve(m).need("name").text() for m in operation.need("messages").elements()
        ]
        assert messages == sorted(expected), name


def test_a_foreign_channel_an_operation_receives_from_is_copied_in() -> None:
    document = bundled("ordering")
    channel = document["operations"]["receiveBasketEvents"]["channel"]["$ref"]
    assert channel == "#/channels/BasketEvents"
    baskets = yaml.safe_load((ROOT / "specs/asyncapi/baskets.yaml").read_text())
    assert (
        document["channels"]["BasketEvents"]["address"]
        == (baskets["channels"]["BasketEvents"]["address"])
    )
    message = document["operations"]["receiveBasketEvents"]["messages"][0]["$ref"]
    assert message == "#/channels/BasketEvents/messages/BasketCheckedOut"


MINI_COMMON = """
asyncapi: 3.0.0
info: {title: common, version: 1.0.0}
components:
  messages:
    Success: {name: am.Success, payload: {$ref: '#/components/schemas/Empty'}}
  schemas:
    Empty: {type: object}
    Money: {type: number}
"""

MINI_LEFT = """
asyncapi: 3.0.0
info: {title: left, version: 1.0.0}
channels:
  Money:
    address: left.money
    messages:
      Paid: {$ref: '#/components/messages/Paid'}
components:
  messages:
    Paid: {name: left.Paid, payload: {$ref: '#/components/schemas/Money'}}
  schemas:
    Money: {type: object, properties: {amount: {$ref: 'common.yaml#/components/schemas/Money'}}}
"""

MINI_RIGHT = """
asyncapi: 3.0.0
info: {title: right, version: 1.0.0}
channels:
  Money:
    address: right.money
operations:
  receivePaid:
    action: receive
    channel: {$ref: 'left.yaml#/channels/Money'}
    messages: [{$ref: 'left.yaml#/channels/Money/messages/Paid'}]
    reply:
      messages: [{$ref: 'common.yaml#/components/messages/Success'}]
components:
  schemas:
    Money: {type: string}
"""


def test_a_foreign_name_the_module_already_uses_is_prefixed_with_its_module(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "specs" / "asyncapi"
    folder.mkdir(parents=True)
    for name, text in {"common": MINI_COMMON, "left": MINI_LEFT, "right": MINI_RIGHT}.items():
        (folder / f"{name}.yaml").write_text(text)
    document = bundle(SpecSet(tmp_path), "specs/asyncapi/right.yaml")
    assert document["channels"]["Money"]["address"] == "right.money"
    assert document["channels"]["LeftMoney"]["address"] == "left.money"
    assert document["operations"]["receivePaid"]["channel"] == {"$ref": "#/channels/LeftMoney"}
    assert document["operations"]["receivePaid"]["messages"] == [
        {"$ref": "#/channels/LeftMoney/messages/Paid"}
    ]
    schemas = document["components"]["schemas"]
    assert schemas["Money"] == {"type": "string"}  # the module's own keeps its name
    assert schemas["LeftMoney"]["properties"]["amount"] == {
        "$ref": "#/components/schemas/CommonMoney"
    }
    assert schemas["CommonMoney"] == {"type": "number"}
    success = document["components"]["messages"]["Success"]
    assert success["payload"] == {"$ref": "#/components/schemas/Empty"}
    assert [r for r in refs(document) if not r.startswith("#/")] == []
    for ref in refs(document):
        target(document, ref)
