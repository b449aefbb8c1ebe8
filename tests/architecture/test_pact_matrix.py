"""Every message a module consumes, and every query it sends, has a pact.

The matrix is derived from the AsyncAPI documents: who publishes each event and command
(`send` operations), who consumes it (`receive` operations), which modules answer the
saga's commands and with which replies, and who asks which query. For each
(consumer, provider, message) the pact file `pacts/<consumer>-<provider>.json` must hold an
interaction whose metadata names the message.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from mall_adapters.codegen.asyncapi import MessagingModule
from mall_adapters.codegen.model import Model

ROOT = Path(__file__).resolve().parents[2]
PACTS = ROOT / "pacts"

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
