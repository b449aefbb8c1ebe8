"""`DeadLetterOperations`: the Operations API over every module's dead letters (messages a
consumer gave up on, and messages the outbox relay could not publish)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mall.kernel.errors import NotFoundError, UnavailableError
from mall_adapters.http.spec_bounds import cut, spec_max_length
from mall_adapters.reliability.ports import DeadLetter, DeadLetters, Replayer
from mall_contracts.common.http import Empty
from mall_contracts.operations import http
from mall_contracts.operations.ports import OperationsApi

ERROR_LIMIT = spec_max_length(http.DeadLetter, "error")


@dataclass(frozen=True)
class ModuleDeadLetters:
    dead_letters: DeadLetters
    replayers: Sequence[Replayer]  # the module's consumers and its outbox relay


class DeadLetterOperations(OperationsApi):
    def __init__(self, modules: Mapping[str, ModuleDeadLetters]) -> None:
        self._modules = dict(modules)

    async def list_dead_letters(self) -> http.DeadLettersResponse:
        letters = [
            letter
            for module in self._modules.values()
            for letter in await module.dead_letters.list()
        ]
        letters.sort(key=lambda letter: (letter.failed_at, letter.envelope.id))
        return http.DeadLettersResponse(dead_letters=[_view(letter) for letter in letters])

    async def replay_dead_letter(self, module: str, consumer: str, id: str) -> Empty:
        owner = self._modules.get(module)
        letter = None if owner is None else await owner.dead_letters.get(id, consumer)
        if owner is None or letter is None:
            raise NotFoundError(f"no dead letter {id} of consumer {consumer} in module {module}")
        try:
            replayed = await _replay(owner.replayers, letter)
        except Exception as error:
            raise UnavailableError(
                f"the replay failed again: {type(error).__name__}: {error}"
            ) from error
        if not replayed:
            raise NotFoundError(f"nothing in module {module} replays consumer {consumer}")
        await owner.dead_letters.mark_replayed(id, consumer)
        return Empty()


async def _replay(replayers: Sequence[Replayer], letter: DeadLetter) -> bool:
    for replayer in replayers:
        if await replayer.replay(letter):
            return True
    return False


def _view(letter: DeadLetter) -> http.DeadLetter:
    return http.DeadLetter(
        module=letter.module,
        consumer=letter.consumer,
        id=letter.envelope.id,
        name=letter.envelope.name,
        subject=letter.envelope.subject,
        body=letter.envelope.data.decode("utf-8", errors="replace"),
        error=cut(letter.error, ERROR_LIMIT),
        deliveries=letter.deliveries,
        failed_at=letter.failed_at.isoformat(),
    )
