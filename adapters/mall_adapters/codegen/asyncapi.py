"""AsyncAPI 3.0 documents to a model of messages, channels and operations per module."""

from __future__ import annotations

from dataclasses import dataclass, field

from mall_adapters.codegen.loader import Location, Node, SpecError, SpecSet, module_of
from mall_adapters.codegen.schemas import SchemaReader, StructRef, snake

SUPPORTED_VERSION = "3.0.0"


@dataclass(frozen=True)
class Message:
    key: str  # component key, e.g. ProductPriceIncreased
    name: str  # wire name, e.g. storesapi.ProductPriceIncreased
    module: str  # the module whose document defines it
    summary: str
    payload: StructRef


@dataclass(frozen=True)
class Channel:
    key: str
    address: str
    module: str
    description: str
    jetstream: bool  # True when the stream captures the address (events, commands, replies)

    @property
    def kind(self) -> str:
        """`events`, `commands`, `replies` or `queries`: the third token of the address
        (`intellimall.<module>.<kind>...`)."""
        tokens = self.address.split(".")
        return tokens[2] if len(tokens) > 2 else ""


@dataclass(frozen=True)
class Operation:
    key: str
    action: str  # send | receive
    channel: Channel
    messages: tuple[Message, ...]
    replies: tuple[Message, ...]  # empty unless the operation is request/reply
    queue: str | None  # NATS queue group / JetStream durable name
    summary: str

    @property
    def kind(self) -> str:
        """`query` (request/reply on core NATS), `command` (a saga command, or a handler
        answering one through the outbox), `reply` (a saga's replies) or `event`."""
        return {"queries": "query", "commands": "command", "replies": "reply"}.get(
            self.channel.kind, "event"
        )


@dataclass
class Stream:
    name: str
    subjects: tuple[str, ...]
    max_deliver: int
    ack_wait_seconds: int


@dataclass
class MessagingModule:
    module: str
    file: str
    title: str
    description: str
    operations: list[Operation] = field(default_factory=list)
    channels: dict[str, Channel] = field(default_factory=dict)  # owned channels with an address
    messages: dict[str, Message] = field(default_factory=dict)  # owned messages


class AsyncApiReader:
    def __init__(self, specs: SpecSet, schemas: SchemaReader) -> None:
        self.specs = specs
        self.schemas = schemas
        self.stream = self._stream()
        self._messages: dict[Location, Message] = {}

    def read(self) -> list[MessagingModule]:
        modules = [self._module(f) for f in self.specs.files("asyncapi")]
        for mod in modules:
            # In the order the module's document lists them, whoever referred to them first.
            components = self.specs.document(mod.file).get("components")
            listed = components.get("messages") if components else None
            order = [k for k, _ in listed.items()] if listed else []
            own = [m for m in self._messages.values() if m.module == mod.module]
            mod.messages = {m.key: m for m in sorted(own, key=lambda m: order.index(m.key))}
        return modules

    def _stream(self) -> Stream:
        common = self.specs.document("specs/asyncapi/common.yaml")
        js = common.need("x-jetstream")
        return Stream(
            name=js.need("stream").text(),
            subjects=tuple(n.text() for n in js.need("subjects").elements()),
            max_deliver=int(js.need("maxDeliver").value),
            ack_wait_seconds=int(js.need("ackWaitSeconds").value),
        )

    def _module(self, file: str) -> MessagingModule:
        doc = self.specs.document(file)
        version = doc.need("asyncapi").value
        if str(version) != SUPPORTED_VERSION:
            raise SpecError(
                doc.at.child("asyncapi"), f"only AsyncAPI {SUPPORTED_VERSION} is supported"
            )
        info = doc.need("info")
        description = info.get("description")
        mod = MessagingModule(
            module=module_of(file),
            file=file,
            title=info.need("title").text(),
            description=description.text().strip() if description else "",
        )
        channels = doc.get("channels")
        for _key, node in channels.items() if channels else []:
            channel = self._channel(node)
            if channel.address:
                mod.channels[channel.key] = channel
        components = doc.get("components")
        schemas = components.get("schemas") if components else None
        if mod.module == "common" and schemas:  # shared shapes, used by generated code
            for _key, node in schemas.items():
                self.schemas.struct(node)
        messages = components.get("messages") if components else None
        for _key, node in messages.items() if messages else []:
            self._message(node)
        operations = doc.get("operations")
        for key, node in operations.items() if operations else []:
            mod.operations.append(self._operation(key, node))
        return mod

    def _channel(self, node: Node) -> Channel:
        node = self.specs.resolve(node)
        address = node.need("address").value
        if address is not None and not isinstance(address, str):
            raise SpecError(node.at.child("address"), "address must be a string or null")
        description = node.get("description")
        return Channel(
            key=node.at.key,
            address=address or "",
            module=module_of(node.at.file),
            description=description.text().strip() if description else "",
            jetstream=any(subject_matches(s, address or "") for s in self.stream.subjects),
        )

    def _message(self, node: Node) -> Message:
        node = self.specs.resolve(node)
        if "/components/messages/" not in node.at.pointer:
            raise SpecError(node.at, "messages must be defined in components/messages")
        if node.at not in self._messages:
            summary = node.get("summary")
            self._messages[node.at] = Message(
                key=node.at.key,
                name=node.need("name").text(),
                module=module_of(node.at.file),
                summary=summary.text().strip() if summary else "",
                payload=self.schemas.struct(node.need("payload")),
            )
        return self._messages[node.at]

    def _operation(self, key: str, node: Node) -> Operation:
        action = node.need("action").text()
        if action not in ("send", "receive"):
            raise SpecError(node.at.child("action"), f"unknown action {action!r}")
        channel = self._channel(node.need("channel"))
        if not channel.address:
            raise SpecError(
                node.at.child("channel"), "an operation needs a channel with an address"
            )
        reply = node.get("reply")
        replies = (
            tuple(self._message(m) for m in reply.need("messages").elements()) if reply else ()
        )
        if reply and channel.jetstream and channel.kind != "commands":
            raise SpecError(
                node.at.child("reply"),
                "a reply is only supported for queries (core NATS) and commands",
            )
        if action == "receive" and channel.kind == "commands" and not replies:
            raise SpecError(node.at, "a command handler must declare its replies")
        bindings = node.get("bindings")
        nats = bindings.get("nats") if bindings else None
        queue = nats.get("queue") if nats else None
        if action == "receive" and queue is None:
            raise SpecError(
                node.at, "a receive operation needs bindings.nats.queue (its durable/queue name)"
            )
        summary = node.get("summary")
        return Operation(
            key=key,
            action=action,
            channel=channel,
            messages=tuple(self._message(m) for m in node.need("messages").elements()),
            replies=replies,
            queue=queue.text() if queue else None,
            summary=summary.text().strip() if summary else "",
        )


def subject_matches(pattern: str, subject: str) -> bool:
    """NATS subject matching: `*` is exactly one token, a final `>` one or more tokens."""
    want, have = pattern.split("."), subject.split(".")
    for i, token in enumerate(want):
        if token == ">":
            return len(have) > i
        if i >= len(have) or (token != "*" and token != have[i]):
            return False
    return len(have) == len(want)


def method_name(message: Message) -> str:
    return snake(message.key)
