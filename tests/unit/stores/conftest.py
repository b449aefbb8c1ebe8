"""The stores core wired to in-memory adapters, as the composition root wires it to PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mall.kernel.repository import DispatchingRepository
from mall.stores.application.deps import StoresDeps
from mall.stores.application.service import StoresQueryHandlers, StoresService
from mall.stores.domain.product import Product
from mall.stores.domain.store import Store
from mall.stores.projections import CatalogProjection, MallProjection
from mall.stores.translate import ProductEventsTranslator, StoreEventsTranslator
from mall_adapters.memory.event_store import InMemoryEventStore
from mall_adapters.memory.messaging import RecordingSink
from mall_adapters.memory.stores import InMemoryCatalogReadModel, InMemoryMallReadModel
from mall_adapters.memory.system import SequentialIds
from mall_adapters.messaging.generated.stores import OutboxStoresPublisher


@dataclass
class StoresCore:
    service: StoresService
    queries: StoresQueryHandlers
    sink: RecordingSink
    mall: InMemoryMallReadModel
    catalog: InMemoryCatalogReadModel


def build_stores_core() -> StoresCore:
    sink = RecordingSink()
    publisher = OutboxStoresPublisher(sink)
    mall, catalog = InMemoryMallReadModel(), InMemoryCatalogReadModel()
    deps = StoresDeps(
        stores=DispatchingRepository(
            InMemoryEventStore(Store), [MallProjection(mall), StoreEventsTranslator(publisher)]
        ),
        products=DispatchingRepository(
            InMemoryEventStore(Product),
            [CatalogProjection(catalog), ProductEventsTranslator(publisher)],
        ),
        mall=mall,
        catalog=catalog,
        ids=SequentialIds(),
    )
    return StoresCore(StoresService(deps), StoresQueryHandlers(deps), sink, mall, catalog)


@pytest.fixture
def core() -> StoresCore:
    return build_stores_core()
