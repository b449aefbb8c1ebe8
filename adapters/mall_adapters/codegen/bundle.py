"""One self-contained AsyncAPI document per module, for tools that read a single file.

Every cross-file `$ref` is replaced by a local one: a foreign channel (one that an operation
receives from) is copied into `channels`, a foreign component (a message, a trait, a schema)
into `components`, under its own name or, when the module already uses that name, under the
name prefixed with its module (`CommonSuccess`). A `$ref` to anything else is inlined. The
module's own local `$ref`s stay as they are, so the document keeps its structure.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from mall_adapters.codegen.loader import Location, Node, SpecSet, module_of

BUNDLED = "specs/bundled/asyncapi"

TOP_LEVEL = ("channels", "servers", "operations")


def emit_bundles(specs: SpecSet) -> dict[str, str]:
    """`specs/bundled/asyncapi/<module>.json` for every module's document (not `common`)."""
    files = {}
    for file in specs.files("asyncapi"):
        module = module_of(file)
        if module != "common":
            text = json.dumps(bundle(specs, file), indent=2, ensure_ascii=False)
            files[f"{BUNDLED}/{module}.json"] = text + "\n"
    return files


def bundle(specs: SpecSet, file: str) -> dict[str, Any]:
    return _Bundler(specs, file).run()


def _pascal(module: str) -> str:
    return "".join(part.capitalize() for part in module.split("_"))


class _Bundler:
    def __init__(self, specs: SpecSet, file: str) -> None:
        self.specs = specs
        self.file = file
        self.own: dict[str, Any] = specs.document(file).value
        # (container, origin file, name) -> local name; container: ("channels",) etc.
        self.names: dict[tuple[tuple[str, ...], str, str], str] = {}
        self.imported: dict[tuple[str, ...], dict[str, Any]] = {}

    def run(self) -> dict[str, Any]:
        result: dict[str, Any] = self._copy(self.own, Location(self.file))
        for container, entries in self.imported.items():
            parent = result
            for key in container:
                parent = parent.setdefault(key, {})
            parent.update(entries)
        return result

    def _copy(self, value: Any, at: Location) -> Any:
        if isinstance(value, dict):
            if "$ref" in value:
                return {"$ref": self._local_ref(Node(value, at))}
            return {k: self._copy(v, at.child(str(k))) for k, v in value.items()}
        if isinstance(value, list):
            return [self._copy(v, at.child(i)) for i, v in enumerate(value)]
        return value

    def _local_ref(self, node: Node) -> str:
        ref: str = node.value["$ref"]
        file_part, _, pointer = ref.partition("#")
        origin = self._file_of(file_part, node.at.file)
        if origin == self.file:
            return f"#{pointer}"
        parts = [p for p in pointer.split("/") if p]
        if len(parts) >= 2 and parts[0] in TOP_LEVEL:
            container, name, rest = tuple(parts[:1]), parts[1], parts[2:]
        elif len(parts) >= 3 and parts[0] == "components":
            container, name, rest = tuple(parts[:2]), parts[2], parts[3:]
        else:
            raise ValueError(f"{node.at}: cannot bundle $ref {ref}")
        local = self._import(container, origin, name)
        return "#/" + "/".join([*container, local, *rest])

    def _file_of(self, file_part: str, base: str) -> str:
        if not file_part:
            return base
        parts: list[str] = []
        for part in (PurePosixPath(base).parent / file_part).parts:
            if part == "..":
                parts = parts[:-1]
            elif part != ".":
                parts.append(part)
        return "/".join(parts)

    def _import(self, container: tuple[str, ...], origin: str, name: str) -> str:
        key = (container, origin, name.replace("~1", "/").replace("~0", "~"))
        if key in self.names:
            return self.names[key]
        local = self._free_name(container, origin, key[2])
        self.names[key] = local
        source = self.specs.document(origin)
        node = source
        for part in (*container, key[2]):
            node = node.need(part)
        entries = self.imported.setdefault(container, {})
        entries[local] = None  # reserve the slot (keeps the order of first use)
        entries[local] = self._copy(node.value, node.at)
        return local

    def _free_name(self, container: tuple[str, ...], origin: str, name: str) -> str:
        own = self.own
        for part in container:
            own = own.get(part, {}) if isinstance(own, dict) else {}
        taken = set(own) | set(self.imported.get(container, {}))
        if name not in taken:
            return name
        prefixed = _pascal(module_of(origin)) + name
        if prefixed in taken:
            raise ValueError(f"{origin}: {name} collides with {prefixed} in {self.file}")
        return prefixed
