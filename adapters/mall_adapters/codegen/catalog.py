"""The EventCatalog project in `catalog/`, written from the specs (no paid generator).

One domain (`intellimall`), each module as a service with what it sends and receives, every
event, command and query (replies are listed as events) with its JSON schema and an example,
each channel with its NATS subject, a team per module as owner, and the flows of
`catalog_flows`. The files are plain `.mdx` with YAML frontmatter, as EventCatalog 3 reads
them; `catalog/package.json` and `catalog/eventcatalog.config.js` are hand-written.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import yaml

from mall_adapters.codegen.asyncapi import Message, Operation
from mall_adapters.codegen.catalog_flows import Flow, all_flows
from mall_adapters.codegen.catalog_schema import example, json_schema
from mall_adapters.codegen.loader import Location, SpecError
from mall_adapters.codegen.model import Model

CATALOG = "catalog"
GENERATED_DIRS = tuple(
    f"{CATALOG}/{d}"
    for d in ("domains", "services", "events", "commands", "queries", "channels", "flows", "teams")
)
DOMAIN = "intellimall"
SHARED = "common"  # the shapes every module uses; not a service
KIND_DIRS = {"event": "events", "command": "commands", "query": "queries"}


@dataclass
class Usage:
    """What one service does with messages: message name -> channel addresses."""

    sends: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    receives: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def page(front: dict[str, Any], body: str) -> str:
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{head}---\n\n{body.strip()}\n"


def as_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


class CatalogWriter:
    def __init__(self, model: Model) -> None:
        self.model = model
        self.services = sorted(m for m in model.messaging if m != SHARED)
        self.messages: dict[str, Message] = {}
        self.kinds: dict[str, str] = {}
        self.channels: dict[str, tuple[str, str, str, bool]] = {}  # address -> key, owner, ...
        self.usage: dict[str, Usage] = {s: Usage() for s in self.services}
        self._collect()

    def version(self, module: str) -> str:
        return str(
            self.model.specs.document(f"specs/asyncapi/{module}.yaml")
            .need("info")
            .need("version")
            .value
        )

    def _collect(self) -> None:
        reply_channels = self._reply_channels()
        for module in self.services:
            usage = self.usage[module]
            for op in self.model.messaging[module].operations:
                self._channel(op)
                out, back = (usage.sends, usage.receives)
                if op.action == "receive":
                    out, back = back, out
                for message in op.messages:
                    self._message(message, op.kind)
                    out[message.name].add(op.channel.address)
                for reply in op.replies:  # answered on the asker's inbox, or the saga's channel
                    self._message(reply, "event")
                    targets = reply_channels[op.channel.address] if op.kind == "command" else set()
                    back[reply.name] |= targets

    def _reply_channels(self) -> dict[str, set[str]]:
        """A command's address -> the reply channels of the modules that send it."""
        replies_of = {
            m.module: {op.channel.address for op in m.operations if op.kind == "reply"}
            for m in self.model.messaging.values()
        }
        found: dict[str, set[str]] = defaultdict(set)
        for m in self.model.messaging.values():
            for op in m.operations:
                if op.action == "send" and op.kind == "command":
                    found[op.channel.address] |= replies_of[m.module]
        return found

    def _channel(self, op: Operation) -> None:
        ch = op.channel
        self.channels[ch.address] = (ch.key, ch.module, ch.description, ch.jetstream)

    def _message(self, message: Message, kind: str) -> None:
        self.messages[message.name] = message
        kind = {"reply": "event"}.get(kind, kind)
        if self.kinds.get(message.name, "event") == "event":
            self.kinds[message.name] = kind

    # ------------------------------------------------------------------ output

    def files(self) -> dict[str, str]:
        out: dict[str, str] = {}
        out |= self._domain()
        for module in self.services:
            out |= self._service(module)
        for name in sorted(self.messages):
            out |= self._message_files(name)
        for address in sorted(self.channels):
            out |= self._channel_file(address)
        for module in sorted({*self.services, SHARED}):
            out |= self._team(module)
        for flow in all_flows():
            out |= self._flow(flow)
        return out

    def _domain(self) -> dict[str, str]:
        front = {
            "id": DOMAIN,
            "name": "IntelliMall",
            "version": self.version(SHARED),
            "summary": "An event-driven shopping mall: stores, baskets, orders, a depot of "
            "shopping bots, payments, notifications and search, kept consistent by the "
            "CreateOrder saga.",
            "owners": [f"{m}-team" for m in self.services],
            "services": [{"id": m, "version": self.version(m)} for m in self.services],
            "flows": [{"id": f.id} for f in all_flows()],
        }
        body = "## Architecture\n\n<NodeGraph />\n\n" + self._stream_notes()
        return {f"{CATALOG}/domains/{DOMAIN}/index.mdx": page(front, body)}

    def _stream_notes(self) -> str:
        stream = self.model.stream
        subjects = ", ".join(f"`{s}`" for s in stream.subjects)
        return (
            "## Transport\n\n"
            f"Events, commands and replies travel on the NATS JetStream stream `{stream.name}` "
            f"(subjects {subjects}; at most {stream.max_deliver} deliveries, "
            f"{stream.ack_wait_seconds} s ack wait). Queries are request/reply on core NATS.\n"
        )

    def _service(self, module: str) -> dict[str, str]:
        spec = self.model.messaging[module]
        usage = self.usage[module]
        front = {
            "id": module,
            "name": spec.title,
            "version": self.version(module),
            "summary": " ".join(spec.description.split()),
            "owners": [f"{module}-team"],
            "sends": self._pointers(usage.sends, "to"),
            "receives": self._pointers(usage.receives, "from"),
        }
        body = (
            f"{spec.description}\n\n## Messages\n\n<NodeGraph />\n\n"
            f"The module's AsyncAPI document is `specs/asyncapi/{module}.yaml`.\n"
        )
        return {f"{CATALOG}/services/{module}/index.mdx": page(front, body)}

    def _pointers(self, used: dict[str, set[str]], direction: str) -> list[dict[str, Any]]:
        out = []
        for name in sorted(used):
            pointer: dict[str, Any] = {"id": name, "version": self._message_version(name)}
            if used[name]:
                pointer[direction] = [
                    {"id": a, "version": self._channel_version(a)} for a in sorted(used[name])
                ]
            out.append(pointer)
        return out

    def _message_version(self, name: str) -> str:
        return self.version(self.messages[name].module)

    def _channel_version(self, address: str) -> str:
        return self.version(self.channels[address][1])

    def _message_files(self, name: str) -> dict[str, str]:
        message = self.messages[name]
        struct = self.model.structs[message.payload]
        schema = json_schema(self.model.specs, struct)
        sample = example(schema)
        front: dict[str, Any] = {
            "id": name,
            "name": message.key,
            "version": self._message_version(name),
            "summary": message.summary or struct.description or message.key,
            "owners": [f"{message.module}-team"],
            "schemaPath": "schema.json",
        }
        body = (
            f"{message.summary}\n\nWire name `{name}`; payload `{struct.ref.name}`, defined in "
            f"`specs/asyncapi/{message.module}.yaml`.\n\n<NodeGraph />\n\n## Schema\n\n"
            '<SchemaViewer file="schema.json" title="Payload" maxHeight="500" />\n\n'
            f'## Example\n\n```json title="{message.key}"\n{as_json(sample)}```\n'
        )
        folder = f"{CATALOG}/{KIND_DIRS[self.kinds[name]]}/{name}"
        return {
            f"{folder}/index.mdx": page(front, body),
            f"{folder}/schema.json": as_json(schema),
            f"{folder}/example.json": as_json(sample),
        }

    def _channel_file(self, address: str) -> dict[str, str]:
        key, owner, description, jetstream = self.channels[address]
        transport = (
            f"JetStream stream `{self.model.stream.name}` (at-least-once, deduplicated by "
            "message id)"
            if jetstream
            else "core NATS request/reply (the reply goes to the asker's inbox)"
        )
        front = {
            "id": address,
            "name": key,
            "version": self._channel_version(address),
            "summary": description or key,
            "owners": [f"{owner}-team"],
            "address": address,
            "protocols": ["nats"],
        }
        body = (
            f"{description}\n\nNATS subject `{address}`, carried by {transport}.\n\n"
            "<ChannelInformation />\n\n<NodeGraph />\n"
        )
        return {f"{CATALOG}/channels/{address}/index.mdx": page(front, body)}

    def _team(self, module: str) -> dict[str, str]:
        spec = self.model.messaging[module]
        front = {
            "id": f"{module}-team",
            "name": f"{spec.title} team",
            "summary": f"Owns the {module} module, its specs and its messages.",
        }
        body = f"Owns `src/mall/{module}/` and `specs/asyncapi/{module}.yaml`.\n"
        if module == SHARED:
            body = "Owns the shapes every module shares (`specs/asyncapi/common.yaml`).\n"
        return {f"{CATALOG}/teams/{module}-team.mdx": page(front, body)}

    def _flow(self, flow: Flow) -> dict[str, str]:
        steps: list[dict[str, Any]] = []
        for index, step in enumerate(flow.steps):
            item: dict[str, Any] = {"id": f"step-{index + 1}", "title": step.title}
            if step.message:
                if step.message not in self.messages:
                    raise SpecError(
                        Location("catalog flows"), f"{flow.id}: no message {step.message}"
                    )
                item["message"] = {
                    "id": step.message,
                    "version": self._message_version(step.message),
                }
            else:
                if step.service not in self.usage:
                    raise SpecError(
                        Location("catalog flows"), f"{flow.id}: no module {step.service}"
                    )
                item["service"] = {"id": step.service, "version": self.version(step.service)}
            if index + 1 < len(flow.steps):
                item["next_step"] = {"id": f"step-{index + 2}"}
            steps.append(item)
        front = {
            "id": flow.id,
            "name": flow.name,
            "version": self.version("cosec"),
            "summary": flow.summary,
            "owners": [f"{flow.owner}-team"],
            "steps": steps,
        }
        body = f"{flow.summary}\n\n<NodeGraph />\n"
        return {f"{CATALOG}/flows/{flow.id}/index.mdx": page(front, body)}


def emit_catalog(model: Model) -> dict[str, str]:
    return CatalogWriter(model).files()
