"""Each test tier (a folder of tests/) imports only its own modules and tests/support: what
two tiers share lives in tests/support, so a tier can be run, moved or dropped alone."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
SHARED = "support"


def imported_tiers(source: Path) -> set[str]:
    """The tiers (`tests.<tier>...`) the module imports from."""
    found = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found |= {n.split(".")[1] for n in names if n.startswith("tests.") and n.count(".") >= 1}
    return found


def test_no_tier_imports_another_tiers_modules() -> None:
    tiers = sorted(p for p in TESTS.iterdir() if (p / "__init__.py").exists())
    assert {t.name for t in tiers} >= {"unit", "ports", "e2e", "browser", SHARED}
    crossing = {
        f"{source.relative_to(TESTS)} -> tests.{other}"
        for tier in tiers
        for source in tier.rglob("*.py")
        for other in imported_tiers(source) - {tier.name, SHARED}
    }
    assert not crossing
