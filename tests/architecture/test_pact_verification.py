"""Every pact file is verified on the provider side.

A provider verification is a contract test module named as one (`…_provides_…` or
`…_provider`, the rule the contract conftest orders by) that names the pact file it verifies,
quoted (`"baskets-stores.json"`). HTTP pacts and message pacts alike: a new
`<x>-ui-<x>-api.json` verified by its `test_<x>_api_provider.py` needs no change here.
"""

from __future__ import annotations

from tests.architecture.test_pact_matrix import PACTS, ROOT
from tests.support.contract_pacts import is_provider_module

CONTRACT_TESTS = ROOT / "tests" / "contract"


def verifiers() -> dict[str, str]:
    """Provider verification module name -> its source."""
    return {
        module.stem: module.read_text(encoding="utf-8")
        for module in CONTRACT_TESTS.glob("test_*.py")
        if is_provider_module(module.stem)
    }


def verified(pact: str, modules: dict[str, str]) -> list[str]:
    return sorted(name for name, source in modules.items() if f'"{pact}"' in source)


def test_every_pact_file_is_verified_by_its_provider() -> None:
    modules = verifiers()
    pacts = sorted(file.name for file in PACTS.glob("*.json"))
    unverified = [p for p in pacts if not verified(p, modules)]
    assert not unverified, (
        "no provider verification (tests/contract/test_<provider>_provides_<what>.py naming "
        f"the file) for: {unverified}"
    )


def test_a_provider_module_is_recognised_by_the_file_it_names() -> None:
    modules = {
        "test_stores_provides_messages": 'PACT_FILES = ("baskets-stores.json",)',
        "test_x_api_provider": 'PACTS_DIR / "x-ui-x-api.json"',
    }
    assert verified("baskets-stores.json", modules) == ["test_stores_provides_messages"]
    assert verified("x-ui-x-api.json", modules) == ["test_x_api_provider"]
    assert verified("ui-x-api.json", modules) == []  # a longer name is another file
    assert is_provider_module("test_x_api_provider")
    assert not is_provider_module("test_baskets_consumes_stores")
