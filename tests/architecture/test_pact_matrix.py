"""Every message a module consumes, and every query it sends, has a pact.

The matrix is derived from the AsyncAPI documents: who publishes each event and command
(`send` operations), who consumes it (`receive` operations), which modules answer the
saga's commands and with which replies, and who asks which query. For each
(consumer, provider, message) the pact file `pacts/<consumer>-<provider>.json` must hold an
interaction whose metadata names the message.

The REST operations `intellimall busywork` calls are derived from its client (the operation
each `call` names) and the OpenAPI documents (which module owns it): each must have an
interaction in `pacts/busywork-<module>-api.json`.
"""

from __future__ import annotations

import ast
import json
import re
from collections import defaultdict
from pathlib import Path

from mall_adapters.codegen.asyncapi import MessagingModule
from mall_adapters.codegen.model import Model

ROOT = Path(__file__).resolve().parents[2]
PACTS = ROOT / "pacts"

SIMULATOR = ROOT / "adapters" / "mall_adapters" / "busywork" / "mall_api.py"

Need = tuple[str, str, str]  # consumer, provider, message name


def matrix(modules: list[MessagingModule]) -> set[Need]:
    senders: dict[str, set[str]] = defaultdict(set)  # channel address -> modules sending
    answerers: dict[str, set[str]] = defaultdict(set)  # query address -> modules answering
    for mod in modules:
        for op in mod.operations:
            if op.action == "send" and op.kind != "query":
                senders[op.channel.address].add(mod.module)
            if op.action == "receive" and op.kind == "query":
                answerers[op.channel.address].add(mod.module)
    needs: set[Need] = set()
    for mod in modules:
        for op in mod.operations:
            address = op.channel.address
            if op.action == "send" and op.kind == "query":
                needs |= {(mod.module, p, m.name) for p in answerers[address] for m in op.messages}
            elif op.action == "receive" and op.kind in ("event", "command"):
                needs |= {(mod.module, p, m.name) for p in senders[address] for m in op.messages}
            if op.action == "receive" and op.kind == "command":
                # The saga (whoever sends these commands) consumes this module's replies.
                needs |= {(s, mod.module, r.name) for s in senders[address] for r in op.replies}
    return needs


def covered() -> set[Need]:
    found: set[Need] = set()
    for file in PACTS.glob("*.json"):
        pact = json.loads(file.read_text(encoding="utf-8"))
        consumer, provider = pact["consumer"]["name"], pact["provider"]["name"]
        for interaction in pact["interactions"]:
            metadata = interaction.get("metadata") or (interaction.get("request") or {}).get(
                "metadata"
            )  # a synchronous (request/reply) message keeps it on its request
            name = (metadata or {}).get("name")
            if name:
                found.add((consumer, provider, name))
    return found


def test_the_matrix_is_derived_from_the_specs() -> None:
    needs = matrix(list(Model.read(ROOT).messaging.values()))
    assert ("baskets", "stores", "storesapi.ProductAdded") in needs
    assert ("baskets", "stores", "storesapi.GetProduct") in needs
    assert ("ordering", "baskets", "basketsapi.BasketCheckedOut") in needs
    assert ("customers", "cosec", "customersapi.AuthorizeCustomer") in needs
    assert ("cosec", "depot", "depotapi.CreatedShoppingListReply") in needs
    assert ("cosec", "customers", "am.Failure") in needs


def test_every_consumed_message_has_a_pact() -> None:
    needs = matrix(list(Model.read(ROOT).messaging.values()))
    missing = sorted(needs - covered())
    assert not missing, "no pact for:\n" + "\n".join(
        f"  {c} <- {p}: {m}  (pacts/{c}-{p}.json)" for c, p, m in missing
    )


def simulator_calls() -> set[tuple[str, str]]:
    """(module, operation id) of each `call` of the simulator's client: the operation it
    names, the module its path is under (`/api/<module>/...`)."""
    tree = ast.parse(SIMULATOR.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "call" or len(node.args) < 4:
            continue
        operation, path = node.args[0], node.args[3]
        head = path.values[0] if isinstance(path, ast.JoinedStr) else path
        assert isinstance(operation, ast.Constant) and isinstance(head, ast.Constant), node.lineno
        found.add((str(head.value).split("/")[2], str(operation.value)))
    return found


def http_covered(model: Model, consumer: str) -> set[tuple[str, str]]:
    """(module, operation id) of every request in `consumer`'s pacts with `<module>-api`."""
    found: set[tuple[str, str]] = set()
    for module, api in model.http.items():
        file = PACTS / f"{consumer}-{module}-api.json"
        if not file.exists():
            continue
        templates = [
            (op, re.compile("^" + re.sub(r"\\{\w+\\}", "[^/]+", re.escape(op.path)) + "$"))
            for op in api.operations
        ]
        for interaction in json.loads(file.read_text(encoding="utf-8"))["interactions"]:
            method, path = interaction["request"]["method"], interaction["request"]["path"]
            found |= {
                (module, op.operation_id)
                for op, template in templates
                if op.method.upper() == method.upper() and template.match(path)
            }
    return found


def test_every_rest_operation_the_simulator_calls_has_a_pact() -> None:
    model = Model.read(ROOT)
    operations = {(m, op.operation_id) for m, api in model.http.items() for op in api.operations}
    calls = simulator_calls()
    assert len(calls) >= 19, calls  # the reference's calls plus the lifecycle's
    assert calls <= operations, f"not operations of specs/openapi: {calls - operations}"
    missing = sorted(calls - http_covered(model, "busywork"))
    assert not missing, "no pact for:\n" + "\n".join(
        f"  busywork -> {m}-api: {op}  (pacts/busywork-{m}-api.json)" for m, op in missing
    )
