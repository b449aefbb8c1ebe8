"""`ChosenIds`: sequential ids, except those a test chose for the next entities."""

from __future__ import annotations

from collections import deque

from mall_adapters.memory.system import SequentialIds


class ChosenIds(SequentialIds):
    """Hands out the ids queued with `choose` first, then sequential ones: a pact's provider
    state can create an entity under the id the pact names, through the real use case."""

    def __init__(self) -> None:
        super().__init__()
        self._chosen: deque[str] = deque()

    def choose(self, *ids: str) -> None:
        self._chosen.extend(ids)

    def new_id(self) -> str:
        return self._chosen.popleft() if self._chosen else super().new_id()
