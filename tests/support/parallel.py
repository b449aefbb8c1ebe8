"""How a pytest run spreads its tests over pytest-xdist workers (imported only when it does).

A work unit goes whole to one worker, which runs its tests in collection order. A unit is a
test file, but for two tiers:

- tests/contract: one unit per provider, its verifications together with the consumer tests
  that write the pacts they verify (told by the module names: `test_<c>_consumes_<p>`,
  `test_<c>_ui_consumer`, `test_busywork_<p>_api_consumer`, `test_<p>_..._provide…`), so a
  run verifies the pacts its consumer tests just wrote (the contract conftest puts consumer
  tests first). A module named otherwise is a unit of its own and reads the committed pacts.
- tests/browser: one unit, handed out first to a worker that then gets no other work:
  Playwright keeps an event loop running in the worker's main thread until the session ends,
  and a test calling `asyncio.run` after it there would fail.

Units are handed out in the workers' collection order, the longest tiers first (see
`pytest_collection_modifyitems` in tests/conftest.py), so the short ones fill the end.

Every worker is a pytest session of its own, with its own embedded servers, data directories
and tmp_path: workers share nothing but the checkout.
"""

from __future__ import annotations

import re
from typing import Any

from xdist.scheduler import LoadScopeScheduling

BROWSER = "tests/browser/"
CONTRACT = "tests/contract/"
CONTRACT_PROVIDER = (
    re.compile(r"test_\w+?_consumes_(?P<p>\w+)$"),
    re.compile(r"test_busywork_(?P<p>\w+?)_api_consumer$"),
    re.compile(r"test_(?P<p>\w+?)_ui_consumer$"),
    re.compile(r"test_(?P<p>\w+?)_(?:api_)?provide[sr]"),
)


def work_unit(nodeid: str) -> str:
    """The unit a test belongs to: its file, the browser tier, or a contract provider."""
    path = nodeid.split("::", 1)[0]
    if path.startswith(BROWSER):
        return BROWSER
    if path.startswith(CONTRACT):
        stem = path.removeprefix(CONTRACT).removesuffix(".py")
        for pattern in CONTRACT_PROVIDER:
            if named := pattern.match(stem):
                return f"{CONTRACT}{named['p']}"
    return path


class ByUnitScheduling(LoadScopeScheduling):  # type: ignore[misc]  # xdist has no types
    """`--dist loadscope` with `work_unit` as the scope, in collection order (xdist would
    otherwise hand out the units with the most tests first); the worker given the browser
    tier gets nothing else."""

    def __init__(self, config: object, log: object = None) -> None:
        super().__init__(config, log)
        self.config.option.loadscopereorder = False

    def _split_scope(self, nodeid: str) -> str:
        return work_unit(nodeid)

    def _assign_work_unit(self, node: Any) -> None:
        """xdist's, but sends every test of the unit: Schemathesis gives all operations of a
        spec (tests/fuzz) the node id of their test function, and xdist would send only the
        first test of each node id."""
        scope, unit = self.workqueue.popitem(last=False)
        self.assigned_work.setdefault(node, {})[scope] = unit
        collection = self.registered_collections[node]
        node.send_runtest_some(
            [i for i, nodeid in enumerate(collection) if unit.get(nodeid) is False]
        )

    def _reschedule(self, node: Any) -> None:
        work = self.assigned_work.get(node, {})
        if BROWSER not in work:
            super()._reschedule(node)
        elif not node.shutting_down and not self._pending_of(work):
            node.shutdown()
