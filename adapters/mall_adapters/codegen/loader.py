"""Reading the YAML specs and resolving `$ref` across files, with locations for errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml


class SpecError(Exception):
    """A spec the generator cannot turn into code; the message names the spec path."""

    def __init__(self, where: Location, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where


@dataclass(frozen=True)
class Location:
    """A node inside a spec file: `specs/asyncapi/stores.yaml#/components/schemas/X`."""

    file: str
    pointer: str = ""

    def __str__(self) -> str:
        return f"{self.file}#{self.pointer}" if self.pointer else self.file

    def child(self, *keys: str | int) -> Location:
        escaped = (str(k).replace("~", "~0").replace("/", "~1") for k in keys)
        return Location(self.file, "/".join([self.pointer, *escaped]))

    @property
    def key(self) -> str:
        """The last pointer segment (a component's name)."""
        return self.pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")


@dataclass(frozen=True)
class Node:
    """A resolved spec node and where it really lives (after following `$ref`)."""

    value: Any
    at: Location

    def get(self, key: str) -> Node | None:
        if not isinstance(self.value, dict) or key not in self.value:
            return None
        return Node(self.value[key], self.at.child(key))

    def need(self, key: str) -> Node:
        found = self.get(key)
        if found is None:
            raise SpecError(self.at, f"missing required key '{key}'")
        return found

    def items(self) -> list[tuple[str, Node]]:
        if not isinstance(self.value, dict):
            raise SpecError(self.at, "expected a mapping")
        return [(str(k), Node(v, self.at.child(str(k)))) for k, v in self.value.items()]

    def elements(self) -> list[Node]:
        if not isinstance(self.value, list):
            raise SpecError(self.at, "expected a list")
        return [Node(v, self.at.child(i)) for i, v in enumerate(self.value)]

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise SpecError(self.at, "expected a string")
        return self.value


class SpecSet:
    """Every YAML document under `specs/`, addressed by its path relative to the project."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._docs: dict[str, Any] = {}
        for path in sorted((root / "specs").rglob("*.yaml")):
            rel = path.relative_to(root).as_posix()
            try:
                self._docs[rel] = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError as exc:
                raise SpecError(Location(rel), f"not valid YAML: {exc}") from exc

    def files(self, kind: str) -> list[str]:
        """The documents of one kind (`asyncapi` or `openapi`), common first."""
        prefix = f"specs/{kind}/"
        names = [f for f in self._docs if f.startswith(prefix)]
        return sorted(names, key=lambda f: (not f.endswith("/common.yaml"), f))

    def document(self, file: str) -> Node:
        if file not in self._docs:
            raise SpecError(Location(file), "no such spec file")
        return Node(self._docs[file], Location(file))

    def resolve(self, node: Node) -> Node:
        """Follow `$ref` (possibly into another file) until a real node is reached."""
        seen: set[Location] = set()
        while isinstance(node.value, dict) and "$ref" in node.value:
            if len(node.value) > 1:
                extra = sorted(k for k in node.value if k != "$ref")
                raise SpecError(node.at, f"'$ref' with sibling keys {extra} is not supported")
            target = self._target(node)
            if target in seen:
                raise SpecError(node.at, "circular $ref")
            seen.add(target)
            node = Node(self._lookup(target, node.at), target)
        return node

    def _target(self, node: Node) -> Location:
        ref = node.value["$ref"]
        if not isinstance(ref, str):
            raise SpecError(node.at, "'$ref' must be a string")
        file_part, _, pointer = ref.partition("#")
        if file_part:
            base = PurePosixPath(node.at.file).parent
            file = _normalise(base / file_part)
        else:
            file = node.at.file
        return Location(file, pointer)

    def _lookup(self, target: Location, origin: Location) -> Any:
        if target.file not in self._docs:
            raise SpecError(origin, f"$ref points to a missing file {target.file}")
        value = self._docs[target.file]
        for raw in [p for p in target.pointer.split("/") if p]:
            key = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(value, list) and key.isdigit() and int(key) < len(value):
                value = value[int(key)]
            elif isinstance(value, dict) and key in value:
                value = value[key]
            else:
                raise SpecError(origin, f"$ref target {target} does not exist")
        return value


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def module_of(file: str) -> str:
    """`specs/asyncapi/stores.yaml` -> `stores`."""
    return PurePosixPath(file).stem
