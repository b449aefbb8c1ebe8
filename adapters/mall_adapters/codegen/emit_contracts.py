"""Emit `mall_contracts`: messages.py, http.py, subjects.py and ports.py per module."""

from __future__ import annotations

from mall_adapters.codegen.asyncapi import Message, MessagingModule, Operation, Stream, method_name
from mall_adapters.codegen.model import Model, pascal
from mall_adapters.codegen.openapi import HttpModule, HttpOperation
from mall_adapters.codegen.pysource import Imports, docstring, header, ordered, struct_source
from mall_adapters.codegen.schemas import StructRef, lit, upper_snake

ROOT = "contracts/mall_contracts"
FAILURE = "am.Failure"  # the reply a command handler answers with by raising


def emit_contracts(model: Model) -> dict[str, str]:
    files: dict[str, str] = {
        f"{ROOT}/__init__.py": header(
            ["specs/"],
            "IntelliMall contracts: message and HTTP Structs, subjects and ports per module.",
        )
    }
    for module in model.modules():
        messaging, http = model.messaging.get(module), model.http.get(module)
        specs = [m.file for m in (messaging, http) if m is not None]
        title = (messaging or http).title  # type: ignore[union-attr]
        files[f"{ROOT}/{module}/__init__.py"] = header(specs, f"Contracts of {title}.")
        if messaging is not None and (messaging.messages or model.structs_of(module, "messages")):
            files[f"{ROOT}/{module}/messages.py"] = _messages(model, messaging)
        if messaging is not None:
            files[f"{ROOT}/{module}/subjects.py"] = _subjects(model, messaging)
        if http is not None:
            files[f"{ROOT}/{module}/http.py"] = "".join(
                _structs(model, module, "http", http.file, title)
            )
        ports = _ports(model, module, title, messaging, http)
        if ports:
            files[f"{ROOT}/{module}/ports.py"] = ports
    return files


def _structs(
    model: Model, module: str, kind: str, spec: str, title: str, imports: Imports | None = None
) -> tuple[str, str]:
    """The module's Structs of one kind: (header and imports, class definitions)."""
    imports = imports or Imports()
    imports.module("msgspec")
    structs = ordered(model.structs_of(module, kind))
    body = "\n\n".join(struct_source(s, imports) for s in structs)
    what = "Message payloads" if kind == "messages" else "HTTP request and response bodies"
    return f"{header([spec], f'{what} of {title}.')}\n{imports.render()}\n\n", body


def _messages(model: Model, mod: MessagingModule) -> str:
    imports = Imports()
    if mod.messages:
        imports.name("typing", "Final")
    head, body = _structs(model, mod.module, "messages", mod.file, mod.title, imports)
    if not mod.messages:
        return head + body
    names = "".join(f"{upper_snake(m.key)}: Final = {lit(m.name)}\n" for m in mod.messages.values())
    registry = "".join(
        f"    {upper_snake(m.key)}: {m.payload.name},\n" for m in mod.messages.values()
    )
    return (
        f"{head}{body}\n\n# Wire names (the `Intellimall-Message-Name` header).\n{names}\n"
        f"MESSAGE_TYPES: Final[dict[str, type[msgspec.Struct]]] = {{\n{registry}}}\n"
        '"""The payload type of every message this module defines, by wire name."""\n'
    )


def _subjects(model: Model, mod: MessagingModule) -> str:
    lines = [header([mod.file], f"Subjects and consumer names of {mod.title}."), "\n"]
    lines.append("from typing import Final\n\n")
    if mod.module == "common":
        lines.append(_stream(model.stream))
    for channel in mod.channels.values():
        lines.append(f"{upper_snake(channel.key)}: Final = {lit(channel.address)}\n")
        lines.append(docstring(channel.description, ""))
    queues = sorted({op.queue for op in mod.operations if op.action == "receive" and op.queue})
    if queues:
        gap = "\n" if len(lines) > 3 else ""
        lines.append(
            f"{gap}# Durable consumer / queue group names of this module's receive operations.\n"
        )
        lines.extend(f"{upper_snake(q)}: Final = {lit(q)}\n" for q in queues)
    return "".join(lines)


def _stream(stream: Stream) -> str:
    subjects = ", ".join(repr(s) for s in stream.subjects)
    return (
        f"STREAM: Final = {lit(stream.name)}\n"
        '"""The JetStream stream every module publishes events, commands and replies to."""\n'
        f"STREAM_SUBJECTS: Final = ({subjects})\n"
        f"MAX_DELIVER: Final = {stream.max_deliver}\n"
        '"""Deliveries of one message before the consumer parks it as a dead letter."""\n'
        f"ACK_WAIT_SECONDS: Final = {stream.ack_wait_seconds}\n\n"
    )


def _ports(
    model: Model, module: str, title: str, mod: MessagingModule | None, http: HttpModule | None
) -> str:
    imports = Imports()
    imports.name("typing", "Protocol")
    here = f"mall_contracts.{module}.ports"
    classes: list[str] = []
    if http is not None and http.operations:
        methods = [_http_method(op, imports, here) for op in http.operations]
        doc = (
            f"The REST operations of {title} ({http.file}); {http.implemented_by} implements them."
        )
        classes.append(_protocol(f"{pascal(module)}Api", doc, methods))
        if http.implemented_by_core:
            classes.append(_endpoints(module, http, imports, here))
    ops = mod.operations if mod else []
    groups = [
        (
            "Publisher",
            "send",
            False,
            "Integration messages {t} publishes; an outbox adapter implements it.",
        ),
        ("Handlers", "receive", None, "Messages {t} receives; the module's core implements it."),
        (
            "Requests",
            "send",
            True,
            "Queries {t} sends and the replies it gets; a NATS adapter implements it.",
        ),
    ]
    for suffix, action, with_reply, doc in groups:
        chosen = [
            op
            for op in ops
            if op.action == action and (with_reply is None or bool(op.replies) == with_reply)
        ]
        methods = [m for op in chosen for m in _message_methods(op, imports, here)]
        if methods:
            classes.append(_protocol(f"{pascal(module)}{suffix}", doc.format(t=title), methods))
    if not classes:
        return ""
    specs = [m.file for m in (mod, http) if m is not None]
    return f"{header(specs, f'Ports of {title}.')}\n{imports.render()}\n\n" + "\n\n".join(classes)


def _protocol(name: str, doc: str, methods: list[str]) -> str:
    return f"class {name}(Protocol):\n{docstring(doc, '    ')}\n" + "\n".join(methods)


def _struct(ref: StructRef, imports: Imports, here: str) -> str:
    imports.struct(ref, here)
    return ref.name


def _http_method(op: HttpOperation, imports: Imports, here: str) -> str:
    args = ["self", *(f"{name}: str" for name in op.arguments)]
    if op.body is not None:
        args.append(f"body: {_struct(op.body, imports, here)}")
    result = _struct(op.response, imports, here)
    doc = f"{op.summary} ({op.method.upper()} {op.path})."
    return (
        f"    async def {op.py_name}({', '.join(args)}) -> {result}:\n{docstring(doc, '        ')}"
    )


def _endpoints(module: str, http: HttpModule, imports: Imports, here: str) -> str:
    """`<Module>Endpoints`: the Api Protocol made of one handler per operation."""
    imports.name("collections.abc", "Awaitable")
    imports.name("collections.abc", "Callable")
    api = f"{pascal(module)}Api"
    params, assigns, methods = [], [], []
    for op in http.operations:
        args = [(name, "str") for name in op.arguments]
        if op.body is not None:
            args.append(("body", _struct(op.body, imports, here)))
        result = _struct(op.response, imports, here)
        kinds = ", ".join(kind for _, kind in args)
        params.append(f"        {op.py_name}: Callable[[{kinds}], Awaitable[{result}]],\n")
        assigns.append(f"        self._{op.py_name} = {op.py_name}\n")
        signature = ", ".join(["self", *(f"{name}: {kind}" for name, kind in args)])
        call = ", ".join(name for name, _ in args)
        methods.append(
            f"    async def {op.py_name}({signature}) -> {result}:\n"
            f"        return await self._{op.py_name}({call})\n"
        )
    doc = f"`{api}` made of one handler per operation (the core's command and query handlers)."
    return (
        f"class {pascal(module)}Endpoints({api}):\n{docstring(doc, '    ')}\n"
        f"    def __init__(\n        self,\n        *,\n{''.join(params)}    ) -> None:\n"
        f"{''.join(assigns)}\n" + "\n".join(methods)
    )


def _message_methods(op: Operation, imports: Imports, here: str) -> list[str]:
    methods = []
    for message in op.messages:
        payload = _struct(message.payload, imports, here)
        doc = _message_doc(message, op)
        name = method_name(message)
        if op.kind == "query" and op.replies:
            replies = " | ".join(_struct(r.payload, imports, here) for r in op.replies)
            signature = f"{name}(self, query: {payload}) -> {replies}"
        elif op.kind == "command" and op.action == "receive":
            answers = [r for r in op.replies if r.name != FAILURE]
            replies = " | ".join(_struct(r.payload, imports, here) for r in answers)
            signature = f"{name}(self, command: {payload}) -> {replies}"
        elif op.kind == "command":
            imports.name("mall_contracts.common.messages", "CommandOrigin")
            signature = f"{name}(self, message: {payload}, origin: CommandOrigin) -> None"
        elif op.kind == "reply":
            imports.name("mall_contracts.common.messages", "ReplyInfo")
            signature = f"on_{name}(self, message: {payload}, reply: ReplyInfo) -> None"
        elif op.action == "receive":
            signature = f"on_{name}(self, message: {payload}) -> None"
        else:
            signature = f"{name}(self, message: {payload}) -> None"
        methods.append(f"    async def {signature}:\n{docstring(doc, '        ')}")
    return methods


def _message_doc(message: Message, op: Operation) -> str:
    where = f"Message `{message.name}` on `{op.channel.address}`"
    if op.replies and op.kind == "command":
        answers = " or ".join(f"`{r.name}`" for r in op.replies if r.name != FAILURE)
        return (
            f"{message.summary} {where}. Runs in one unit of work whose value is the reply"
            f" ({answers}); a broken rule raises a `DomainError`, answered with `{FAILURE}`."
        )
    if op.replies:
        answers = " or ".join(f"`{r.name}`" for r in op.replies)
        return f"{op.summary} {where}, answered with {answers}."
    return f"{message.summary} {where}."
