"""Everything the specs say, read once: the input of every emitter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mall_adapters.codegen.asyncapi import AsyncApiReader, MessagingModule, Stream
from mall_adapters.codegen.loader import Node, SpecSet
from mall_adapters.codegen.openapi import HttpModule, OpenApiReader
from mall_adapters.codegen.schemas import SchemaReader, StructDef, StructRef


def pascal(module: str) -> str:
    return "".join(part.capitalize() for part in module.split("_"))


@dataclass
class Model:
    specs: SpecSet
    stream: Stream
    messaging: dict[str, MessagingModule]
    http: dict[str, HttpModule]
    structs: dict[StructRef, StructDef]

    @classmethod
    def read(cls, root: Path) -> Model:
        specs = SpecSet(root)
        schemas = SchemaReader(specs)
        asyncapi = AsyncApiReader(specs, schemas)
        messaging = {m.module: m for m in asyncapi.read()}
        http = {m.module: m for m in OpenApiReader(specs, schemas).read()}
        for module in messaging.values():  # named schemas no message uses are still contracts
            components = specs.document(module.file).get("components")
            named = components.get("schemas") if components else None
            for _key, node in named.items() if named else []:
                schemas.struct(Node({"$ref": f"#{node.at.pointer}"}, node.at))
        return cls(specs, asyncapi.stream, messaging, http, schemas.structs)

    def modules(self) -> list[str]:
        names = set(self.messaging) | set(self.http)
        return sorted(names, key=lambda m: (m != "common", m))

    def structs_of(self, module: str, kind: str) -> list[StructDef]:
        """The module's Structs of one kind, in the order the spec lists them."""
        chosen = [s for s in self.structs.values() if s.ref.module == module and s.ref.kind == kind]
        if not chosen:
            return []
        doc = self.specs.document(chosen[0].at.file)
        order = [k for k, _ in doc.need("components").need("schemas").items()]
        return sorted(chosen, key=lambda s: order.index(s.ref.name))
