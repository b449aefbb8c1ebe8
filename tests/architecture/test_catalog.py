"""The EventCatalog content in `catalog/` is what the specs and the saga say.

Every module is a service whose sends/receives are its AsyncAPI operations; every message has
a JSON schema and an example that the generated Struct accepts; channels carry their NATS
subject; the CreateOrder saga has a happy-path flow and one flow per failing step whose
commands are those the saga's definition issues; generation is deterministic. (That the
committed files equal a fresh generation is `test_codegen`'s drift test: the catalog is part
of `intellimall codegen`.)
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml

from mall.cosec.domain.create_order import CREATE_ORDER, CreateOrderData, Item
from mall_adapters.codegen.catalog import emit_catalog
from mall_adapters.codegen.catalog_flows import SAGA_STEPS
from mall_adapters.codegen.model import Model

ROOT = Path(__file__).resolve().parents[2]
MODEL = Model.read(ROOT)
FILES = emit_catalog(MODEL)
MESSAGES = {m.name: m for mod in MODEL.messaging.values() for m in mod.messages.values()}
SERVICES = sorted(m for m in MODEL.messaging if m != "common")


def front(path: str) -> dict[str, Any]:
    text = FILES[path]
    _, head, _ = text.split("---\n", 2)
    loaded: dict[str, Any] = yaml.safe_load(head)
    return loaded


def message_folder(name: str) -> str:
    (folder,) = [
        p.rsplit("/", 1)[0]
        for p in FILES
        if p.endswith(f"/{name}/index.mdx") and "/flows/" not in p
    ]
    return folder


def test_generation_is_deterministic() -> None:
    assert emit_catalog(Model.read(ROOT)) == FILES


def test_every_module_is_a_service_with_its_operations() -> None:
    services = {p.split("/")[2] for p in FILES if p.startswith("catalog/services/")}
    assert services == set(SERVICES)
    for module in SERVICES:
        service = front(f"catalog/services/{module}/index.mdx")
        sent = {s["id"] for s in service.get("sends", [])}
        received = {r["id"] for r in service.get("receives", [])}
        for op in MODEL.messaging[module].operations:
            names = {m.name for m in op.messages}
            assert names <= (sent if op.action == "send" else received), (module, op.key)
    domain = front("catalog/domains/intellimall/index.mdx")
    assert [s["id"] for s in domain["services"]] == SERVICES


def test_a_service_names_the_channel_of_each_message() -> None:
    cosec = front("catalog/services/cosec/index.mdx")
    sends = {s["id"]: [c["id"] for c in s["to"]] for s in cosec["sends"]}
    assert sends["customersapi.AuthorizeCustomer"] == ["intellimall.customers.commands"]
    customers = front("catalog/services/customers/index.mdx")
    replies = {s["id"]: [c["id"] for c in s.get("to", [])] for s in customers["sends"]}
    assert replies["am.Success"] == ["intellimall.cosec.replies.CreateOrder"]
    channel = front("catalog/channels/intellimall.customers.commands/index.mdx")
    assert channel["address"] == "intellimall.customers.commands"
    assert channel["protocols"] == ["nats"]


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_every_message_has_a_schema_and_an_example_its_struct_accepts(name: str) -> None:
    folder = message_folder(name)
    page = front(f"{folder}/index.mdx")
    assert page["id"] == name
    assert page["schemaPath"] == "schema.json"
    assert page["owners"]
    schema = msgspec.json.decode(FILES[f"{folder}/schema.json"])
    example = msgspec.json.decode(FILES[f"{folder}/example.json"])
    struct = MODEL.structs[MESSAGES[name].payload]
    assert schema["title"] == struct.ref.name
    assert set(schema.get("properties", {})) == {f.wire_name for f in struct.fields}
    cls = getattr(importlib.import_module(struct.ref.import_path), struct.ref.name)
    decoded = msgspec.json.decode(FILES[f"{folder}/example.json"], type=cls)
    assert msgspec.to_builtins(decoded) == example
    assert FILES[f"{folder}/example.json"].strip() in FILES[f"{folder}/index.mdx"]


def test_commands_and_queries_are_filed_by_kind() -> None:
    assert message_folder("customersapi.AuthorizeCustomer").startswith("catalog/commands/")
    assert message_folder("storesapi.GetStore").startswith("catalog/queries/")
    assert message_folder("ordersapi.OrderCreated").startswith("catalog/events/")


def saga_commands() -> list[str]:
    """The commands the saga's definition issues, step by step, for a sample order."""
    data = CreateOrderData("o-1", "c-1", "p-1", (Item("pr-1", "s-1", 1.0, 1),), 1.0, "sl-1")
    return [s.action(data).name for s in CREATE_ORDER.steps if s.action]


def compensations() -> dict[str, str]:
    data = CreateOrderData("o-1", "c-1", "p-1", (), 0.0, "sl-1")
    return {s.name: s.compensation(data).name for s in CREATE_ORDER.steps if s.compensation}


def flow_messages(flow_id: str) -> list[str]:
    steps = front(f"catalog/flows/{flow_id}/index.mdx")["steps"]
    return [s["message"]["id"] for s in steps if "message" in s]


def test_the_saga_steps_of_the_flows_are_the_saga_definition() -> None:
    assert [s.command for s in SAGA_STEPS] == saga_commands()
    declared = {s.name: s.compensated_by for s in SAGA_STEPS if s.compensated_by}
    undoes = compensations()
    assert undoes.pop("reject order") == "ordersapi.RejectOrder"
    assert declared == undoes


def test_the_happy_path_flow_issues_every_command_in_order() -> None:
    messages = flow_messages("create-order-saga")
    commands = [m for m in messages if m in saga_commands()]
    assert commands == saga_commands()
    assert messages[0] == "ordersapi.OrderCreated"
    assert messages[-1] == "ordersapi.OrderApproved"


@pytest.mark.parametrize("index", range(len(SAGA_STEPS)), ids=lambda i: SAGA_STEPS[i].name)
def test_each_failing_step_has_a_compensation_flow(index: int) -> None:
    failing = SAGA_STEPS[index]
    messages = flow_messages(f"create-order-saga-{failing.name.replace(' ', '-')}-fails")
    issued = [m for m in messages if m in saga_commands()]
    assert issued == saga_commands()[: index + 1]
    failure = messages.index("am.Failure")
    undo = [s.compensated_by for s in reversed(SAGA_STEPS[:index]) if s.compensated_by]
    assert messages[failure + 1 :] == [*undo, "ordersapi.RejectOrder", "ordersapi.OrderRejected"]


def test_the_order_lifecycle_flow_runs_from_checkout_to_completion() -> None:
    messages = flow_messages("order-lifecycle")
    assert messages[0] == "basketsapi.BasketCheckedOut"
    assert messages[-1] == "ordersapi.OrderCompleted"
