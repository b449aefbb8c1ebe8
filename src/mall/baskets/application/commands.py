"""Command handlers of Shopping Baskets, one per REST command."""

from __future__ import annotations

from mall.baskets.application.lookup import CatalogLookup
from mall.baskets.domain.basket import Basket
from mall.baskets.domain.events import BasketItem
from mall.baskets.ports import BasketRepository
from mall.kernel.commands import AggregateCommand, create
from mall.kernel.ports import IdGenerator
from mall.kernel.unit_of_work import UnitOfWork
from mall_contracts.baskets import http
from mall_contracts.common.http import Empty

BASKET_NOT_FOUND = "basket with that ID does not exist"


class StartBasket:
    """The customer's existence is not checked (the reference's clients rely on that)."""

    def __init__(self, uow: UnitOfWork, baskets: BasketRepository, ids: IdGenerator) -> None:
        self._uow = uow
        self._baskets = baskets
        self._ids = ids

    async def __call__(self, body: http.StartBasketRequest) -> http.StartBasketResponse:
        basket = Basket.start(self._ids.new_id(), body.customer_id)
        response = http.StartBasketResponse(id=basket.id)
        return await create(self._uow, self._baskets, basket, response)


class _BasketChange(AggregateCommand[Basket]):
    MISSING = BASKET_NOT_FOUND


class CancelBasket(_BasketChange):
    async def __call__(self, basket_id: str) -> Empty:
        await self.change(basket_id, Basket.cancel)
        return Empty()


class CheckoutBasket(_BasketChange):
    async def __call__(self, basket_id: str, body: http.CheckoutBasketRequest) -> Empty:
        await self.change(basket_id, lambda basket: basket.checkout(body.payment_id))
        return Empty()


class AddItem(_BasketChange):
    """Looks the product and its store up first (a cache miss asks stores, outside the unit
    of work), then adds the line to the basket in its unit of work."""

    def __init__(self, uow: UnitOfWork, baskets: BasketRepository, catalog: CatalogLookup) -> None:
        super().__init__(uow, baskets)
        self._catalog = catalog

    async def __call__(self, basket_id: str, body: http.ItemQuantityRequest) -> Empty:
        product = await self._catalog.product(body.product_id)
        store = await self._catalog.store(product.store_id)
        line = BasketItem(
            store_id=store.id,
            product_id=product.id,
            store_name=store.name,
            product_name=product.name,
            price=product.price,
            quantity=body.quantity,
        )
        await self.change(basket_id, lambda basket: basket.add_item(line))
        return Empty()


class RemoveItem(_BasketChange):
    """No catalog look-up (the reference did one first): a line must stay removable after
    its product left the catalog, and a product not in the basket changes nothing."""

    async def __call__(self, basket_id: str, body: http.ItemQuantityRequest) -> Empty:
        await self.change(basket_id, lambda b: b.remove_item(body.product_id, body.quantity))
        return Empty()
