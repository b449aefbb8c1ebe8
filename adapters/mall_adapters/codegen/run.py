"""Generate every output file, write them, or report drift against what is committed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mall_adapters.codegen.bundle import BUNDLED, emit_bundles
from mall_adapters.codegen.catalog import GENERATED_DIRS as CATALOG_DIRS
from mall_adapters.codegen.catalog import emit_catalog
from mall_adapters.codegen.emit_bindings import HTTP, MESSAGING, emit_bindings
from mall_adapters.codegen.emit_contracts import ROOT, emit_contracts
from mall_adapters.codegen.model import Model

OUTPUTS = ((ROOT, "*.py"), (MESSAGING, "*.py"), (HTTP, "*.py"), (BUNDLED, "*.json"))
"""Each folder the generator owns, and the files in it that it writes."""


@dataclass(frozen=True)
class Drift:
    changed: list[str]
    missing: list[str]
    stale: list[str]

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing or self.stale)

    def report(self) -> str:
        lines = [f"changed: {p}" for p in self.changed]
        lines += [f"missing: {p}" for p in self.missing]
        lines += [f"stale (no spec produces it): {p}" for p in self.stale]
        return "\n".join(lines)


def generate(root: Path) -> dict[str, str]:
    """Every generated file, by path relative to the project root."""
    model = Model.read(root)
    return {
        **emit_contracts(model),
        **emit_bindings(model),
        **emit_bundles(model.specs),
        **emit_catalog(model),
    }


def existing(root: Path) -> set[str]:
    found: set[str] = set()
    for folder, pattern in OUTPUTS:
        found |= {p.relative_to(root).as_posix() for p in (root / folder).rglob(pattern)}
    for folder in CATALOG_DIRS:  # every file there is generated
        found |= {p.relative_to(root).as_posix() for p in (root / folder).rglob("*") if p.is_file()}
    return found


def check(root: Path) -> Drift:
    wanted = generate(root)
    on_disk = existing(root)
    changed = sorted(
        p
        for p, text in wanted.items()
        if p in on_disk and (root / p).read_text(encoding="utf-8") != text
    )
    return Drift(changed, sorted(set(wanted) - on_disk), sorted(on_disk - set(wanted)))


def write(root: Path, only: str = "") -> list[str]:
    """Write the generated files (those under `only`, if given) and delete stale ones;
    returns what changed."""
    wanted = {p: text for p, text in generate(root).items() if p.startswith(only)}
    touched = []
    for rel in sorted(p for p in existing(root) - set(wanted) if p.startswith(only)):
        (root / rel).unlink()
        touched.append(f"deleted {rel}")
    for rel, text in sorted(wanted.items()):
        path = root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            touched.append(f"wrote {rel}")
    return touched
