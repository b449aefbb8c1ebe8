"""`DeadLetterOperations`: the Operations API over every module's dead letters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mall.kernel.errors import NotFoundError, UnavailableError
from mall_adapters.http.spec_bounds import cut, spec_max_length
from mall_adapters.messaging.consumer import NatsConsumer
from mall_adapters.postgres.dead_letters import DeadLetter, PostgresDeadLetters
from mall_contracts.common.http import Empty
from mall_contracts.operations import http
from mall_contracts.operations.ports import OperationsApi

ERROR_LIMIT = spec_max_length(http.DeadLetter, "error")


@dataclass(frozen=True)
class ModuleConsumers:
    dead_letters: PostgresDeadLetters
    consumer: NatsConsumer


class DeadLetterOperations(OperationsApi):
    def __init__(self, modules: Mapping[str, ModuleConsumers]) -> None:
        self._modules = dict(modules)

    async def list_dead_letters(self) -> http.DeadLettersResponse:
        letters = [
            _view(letter)
            for module in self._modules.values()
            for letter in await module.dead_letters.list()
        ]
        letters.sort(key=lambda letter: letter.failed_at)
        return http.DeadLettersResponse(dead_letters=letters)

    async def replay_dead_letter(self, module: str, consumer: str, id: str) -> Empty:
        owner = self._modules.get(module)
        missing = NotFoundError(f"no dead letter {id} of consumer {consumer} in module {module}")
        if owner is None:
            raise missing
        try:
            replayed = await owner.consumer.replay(id, consumer)
        except Exception as error:
            raise UnavailableError(
                f"the replay failed again: {type(error).__name__}: {error}"
            ) from error
        if not replayed:
            raise missing
        return Empty()


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
