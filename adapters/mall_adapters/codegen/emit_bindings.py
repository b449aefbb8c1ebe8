"""Emit the adapter bindings: FastStream/NATS per AsyncAPI module, Litestar per OpenAPI module."""

from __future__ import annotations

from mall_adapters.codegen.asyncapi import Message, MessagingModule, Operation, method_name
from mall_adapters.codegen.model import Model, pascal
from mall_adapters.codegen.openapi import IDEMPOTENCY_KEY, HttpModule, HttpOperation
from mall_adapters.codegen.pysource import Imports, docstring, header
from mall_adapters.codegen.schemas import StructRef, lit, upper_snake

MESSAGING = "adapters/mall_adapters/messaging/generated"
HTTP = "adapters/mall_adapters/http/generated"
PACKAGE_DOC = "Code generated from specs/ by `intellimall codegen`."


def emit_bindings(model: Model) -> dict[str, str]:
    files = {
        f"{MESSAGING}/__init__.py": header(["specs/asyncapi/"], PACKAGE_DOC),
        f"{HTTP}/__init__.py": header(["specs/openapi/"], PACKAGE_DOC),
    }
    for module, mod in model.messaging.items():
        if mod.operations:
            files[f"{MESSAGING}/{module}.py"] = _messaging(mod)
    for module, http in model.http.items():
        if http.operations:
            files[f"{HTTP}/{module}.py"] = _http(http)
    return files


class _Names:
    """Qualified references like `stores_messages.StoreCreated`, recording the imports."""

    def __init__(self, imports: Imports) -> None:
        self.imports = imports

    def module(self, module: str, kind: str) -> str:
        alias = f"{module}_{kind}"
        self.imports.name(f"mall_contracts.{module}", f"{kind} as {alias}")
        return alias

    def struct(self, ref: StructRef) -> str:
        return f"{self.module(ref.module, ref.kind)}.{ref.name}"

    def name(self, message: Message) -> str:
        return f"{self.module(message.module, 'messages')}.{upper_snake(message.key)}"

    def subject(self, op: Operation) -> str:
        return f"{self.module(op.channel.module, 'subjects')}.{upper_snake(op.channel.key)}"

    def queue(self, module: str, queue: str) -> str:
        return f"{self.module(module, 'subjects')}.{upper_snake(queue)}"


def _messaging(mod: MessagingModule) -> str:
    imports = Imports()
    names = _Names(imports)
    ports = f"mall_contracts.{mod.module}.ports"
    prefix = pascal(mod.module)
    parts: list[str] = []
    sends = [op for op in mod.operations if op.action == "send" and op.kind != "query"]
    if sends:
        imports.name(ports, f"{prefix}Publisher")
        imports.name("mall_adapters.messaging.binding", "MessageSink")
        parts.append(_publisher(prefix, sends, names))
    requests = [op for op in mod.operations if op.action == "send" and op.kind == "query"]
    if requests:
        imports.name(ports, f"{prefix}Requests")
        imports.name("mall_adapters.messaging.binding", "Requester")
        imports.name("typing", "cast")
        parts.append(_requests(prefix, requests, names))
    receives = [op for op in mod.operations if op.action == "receive"]
    if receives:
        imports.name(ports, f"{prefix}Handlers")
        imports.name("mall_adapters.messaging.binding", "Consumer")
        imports.name("faststream.nats", "NatsRouter")
        parts.append(_router(mod, prefix, receives, names))
    summary = f"NATS bindings of {mod.title}: outbox publisher, query requester and router."
    return f"{header([mod.file], summary)}\n{imports.render()}\n\n" + "\n\n".join(parts)


def _publisher(prefix: str, ops: list[Operation], names: _Names) -> str:
    lines = [
        f"class Outbox{prefix}Publisher({prefix}Publisher):\n",
        docstring(
            f"`{prefix}Publisher` that writes every message to the outbox (a `MessageSink`).",
            "    ",
        ),
        "\n    def __init__(self, sink: MessageSink) -> None:\n        self._sink = sink\n",
    ]
    for op in ops:
        for message in op.messages:
            params, call = f"message: {names.struct(message.payload)}", "send"
            if op.kind == "command":
                names.imports.name("mall_contracts.common.messages", "CommandOrigin")
                params, call = f"{params}, origin: CommandOrigin", "command"
            args = f"{names.subject(op)}, {names.name(message)}, message"
            lines.append(
                f"\n    async def {method_name(message)}(self, {params}) -> None:\n"
                f"        await self._sink.{call}({args}{', origin' if call == 'command' else ''})\n"
            )
    return "".join(lines)


def _requests(prefix: str, ops: list[Operation], names: _Names) -> str:
    lines = [
        f"class Nats{prefix}Requests({prefix}Requests):\n",
        docstring(f"`{prefix}Requests` over NATS request/reply (a `Requester`).", "    "),
        "\n    def __init__(self, requester: Requester) -> None:\n        self._requester = requester\n",
    ]
    for op in ops:
        union = " | ".join(names.struct(r.payload) for r in op.replies)
        table = "".join(
            f"                {names.name(r)}: {names.struct(r.payload)},\n" for r in op.replies
        )
        for message in op.messages:
            lines.append(
                f"\n    async def {method_name(message)}(\n"
                f"        self, query: {names.struct(message.payload)}\n"
                f"    ) -> {union}:\n"
                f"        reply = await self._requester.request(\n"
                f"            {names.subject(op)},\n"
                f"            {names.name(message)},\n"
                f"            query,\n"
                f"            {{\n{table}            }},\n"
                f"        )\n"
                f"        return cast({union}, reply)\n"
            )
    return "".join(lines)


def _router(mod: MessagingModule, prefix: str, ops: list[Operation], names: _Names) -> str:
    lines = [
        f"def build_{mod.module}_router(handlers: {prefix}Handlers, consumer: Consumer) -> NatsRouter:\n",
        docstring(f"Bind every receive operation of {mod.file} to `handlers`.", "    "),
        "    router = NatsRouter()\n",
    ]
    for op in ops:
        assert op.queue is not None  # checked by the reader
        queue = names.queue(mod.module, op.queue)
        head = f"        router,\n        {names.subject(op)},\n        {queue},\n"
        if op.kind == "query":
            (message,) = op.messages
            table = "".join(
                f"            {names.struct(r.payload)}: {names.name(r)},\n" for r in op.replies
            )
            lines.append(
                f"    consumer.answer(\n{head}"
                f"        {names.struct(message.payload)},\n        handlers.{method_name(message)},\n"
                f"        {{\n{table}        }},\n    )\n"
            )
        elif op.kind == "command":
            names.imports.name("mall_adapters.messaging.binding", "command")
            table = "".join(
                f"            {names.name(m)}: command({names.struct(m.payload)}, handlers.{method_name(m)}),\n"
                for m in op.messages
            )
            replies = "".join(
                f"            {names.struct(r.payload)}: {names.name(r)},\n" for r in op.replies
            )
            lines.append(
                f"    consumer.execute(\n{head}        {{\n{table}        }},\n"
                f"        {{\n{replies}        }},\n    )\n"
            )
        else:
            wrap = "reply" if op.kind == "reply" else "route"
            names.imports.name("mall_adapters.messaging.binding", wrap)
            table = "".join(
                f"            {names.name(m)}: {wrap}({names.struct(m.payload)}, handlers.on_{method_name(m)}),\n"
                for m in op.messages
            )
            lines.append(f"    consumer.subscribe(\n{head}        {{\n{table}        }},\n    )\n")
    lines.append("    return router\n")
    return "".join(lines)


def _http(mod: HttpModule) -> str:
    imports = Imports()
    names = _Names(imports)
    prefix = pascal(mod.module)
    imports.name(f"mall_contracts.{mod.module}.ports", f"{prefix}Api")
    imports.name("litestar.handlers", "HTTPRouteHandler")
    handlers = [_route(op, names) for op in mod.operations]
    listing = "".join(f"        {op.py_name},\n" for op in mod.operations)
    params, doc = f"api: {prefix}Api", "each calling the same-named `api` method"
    if any(op.idempotency_key for op in mod.operations):
        imports.name("mall_adapters.http.idempotency", "IdempotentRequests")
        params += ", idempotency: IdempotentRequests"
        doc += "; the creates that accept an `Idempotency-Key` go through `idempotency`"
    body = (
        f"def build_{mod.module}_routes({params}) -> list[HTTPRouteHandler]:\n"
        + docstring(f"The REST operations of {mod.file}, {doc}.", "    ")
        + "\n"
        + "\n".join(handlers)
        + f"\n    return [\n{listing}    ]\n"
    )
    summary = f"Litestar routes of {mod.title}, one per OpenAPI operation."
    return f"{header([mod.file], summary)}\n{imports.render()}\n\n{body}"


def _route(op: HttpOperation, names: _Names) -> str:
    names.imports.name("litestar", op.method)
    args = [f"{p.py_name}: FromPath[str]" for p in op.params]
    call = [p.py_name for p in op.params]
    if op.params:
        names.imports.name("litestar.params", "FromPath")
    for q in op.query:  # Litestar refuses a missing or over-long one with a 400
        names.imports.name("typing", "Annotated")
        names.imports.name("litestar.params", "QueryParameter")
        args.append(
            f"{q.py_name}: Annotated[str, QueryParameter(name={lit(q.wire_name)},"
            f" max_length={q.max_length})]"
        )
        call.append(q.py_name)
    if op.body is not None:
        names.imports.name("litestar.params", "JSONBody")
        args.append(f"data: JSONBody[{names.struct(op.body)}]")
        call.append("data")
    result = names.struct(op.response)
    invoke = f"api.{op.py_name}({', '.join(call)})"
    body = f"        return await {invoke}\n"
    if op.idempotency_key is not None:
        result, body = _idempotent(op, names, args, invoke)
    limits = {p.py_name: (p.wire_name, p.max_length) for p in op.params if p.max_length}
    opt = ""
    if limits:  # the input guard reads them: an id longer than its bound names nothing
        names.imports.name("mall_adapters.http.guard", "PATH_LIMITS")
        opt = f"        opt={{PATH_LIMITS: {lit(limits)}}},\n"
    return (
        f"    @{op.method}(\n        {lit(op.route)},\n        operation_id={lit(op.operation_id)},\n"
        f"        summary={lit(op.summary)},\n        status_code=200,\n{opt}    )\n"
        f"    async def {op.py_name}({', '.join(args)}) -> {result}:\n{body}"
    )


def _idempotent(op: HttpOperation, names: _Names, args: list[str], invoke: str) -> tuple[str, str]:
    """An optional `Idempotency-Key` header argument, and a body that runs the call through
    `idempotency` (which answers with the encoded response)."""
    assert op.idempotency_key is not None
    low, high = op.idempotency_key
    for module, name in (
        ("typing", "Annotated"),
        ("litestar", "Response"),
        ("litestar.params", "HeaderParameter"),
        ("mall_adapters.http.idempotency", "fingerprint"),
    ):
        names.imports.name(module, name)
    args.append(
        f"idempotency_key: Annotated[str | None, HeaderParameter(name={lit(IDEMPOTENCY_KEY)},"
        f" min_length={low}, max_length={high})] = None"
    )
    params = ", ".join(p.py_name for p in op.params)
    body = (
        f"        request = fingerprint({lit(op.operation_id)}, [{params}], data)\n"
        f"        return await idempotency.run(idempotency_key, request, lambda: {invoke})\n"
    )
    return "Response[bytes]", body
