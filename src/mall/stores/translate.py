"""The one place where Store Management's domain events become integration messages.

Every message carries the aggregate's version after its event, and state rather than only
changes (a price change carries the new price), so consumers can keep the newest state
whatever order or how often messages reach them.
"""

from __future__ import annotations

from mall.kernel.events import DomainEvent
from mall.stores.domain.product import (
    Product,
    ProductAdded,
    ProductPriceDecreased,
    ProductPriceIncreased,
    ProductRebranded,
    ProductRemoved,
)
from mall.stores.domain.store import (
    Store,
    StoreCreated,
    StoreParticipationDisabled,
    StoreParticipationEnabled,
    StoreRebranded,
)
from mall_contracts.stores import messages as api
from mall_contracts.stores.ports import StoresPublisher


class StoreEventsTranslator:
    def __init__(self, publisher: StoresPublisher) -> None:
        self._publish = publisher

    async def __call__(self, event: DomainEvent, store: Store, version: int) -> None:
        match event:
            case StoreCreated(name=name, location=location):
                await self._publish.store_created(
                    api.StoreCreated(id=store.id, name=name, location=location, version=version)
                )
            case StoreParticipationEnabled() | StoreParticipationDisabled():
                participating = isinstance(event, StoreParticipationEnabled)
                await self._publish.store_participating_toggled(
                    api.StoreParticipationToggled(
                        id=store.id, participating=participating, version=version
                    )
                )
            case StoreRebranded(name=name):
                await self._publish.store_rebranded(
                    api.StoreRebranded(id=store.id, name=name, version=version)
                )


class ProductEventsTranslator:
    def __init__(self, publisher: StoresPublisher) -> None:
        self._publish = publisher

    async def __call__(self, event: DomainEvent, product: Product, version: int) -> None:
        match event:
            case ProductAdded():
                await self._publish.product_added(
                    api.ProductAdded(
                        id=product.id,
                        store_id=event.store_id,
                        name=event.name,
                        description=event.description,
                        sku=event.sku,
                        price=event.price,
                        version=version,
                    )
                )
            case ProductRebranded(name=name, description=description):
                await self._publish.product_rebranded(
                    api.ProductRebranded(
                        id=product.id, name=name, description=description, version=version
                    )
                )
            case ProductPriceIncreased(delta=delta, price=price):
                await self._publish.product_price_increased(
                    api.ProductPriceChanged(
                        id=product.id, delta=delta, price=price, version=version
                    )
                )
            case ProductPriceDecreased(delta=delta, price=price):
                await self._publish.product_price_decreased(
                    api.ProductPriceChanged(
                        id=product.id, delta=delta, price=price, version=version
                    )
                )
            case ProductRemoved():
                await self._publish.product_removed(
                    api.ProductRemoved(id=product.id, version=version)
                )
