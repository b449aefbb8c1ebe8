"""`SearchPolicies`: keep the caches in step with the customers and stores events, and the
orders read model with the ordering events.

Cache writes carry the customers or stores version (newest wins) and order statuses their
rank (furthest along wins), so handling is order- and repeat-proof. An order takes the names
its caches give when OrderCreated is handled; later renames do not change recorded orders.
"""

from __future__ import annotations

from mall.kernel.ports import Clock
from mall.kernel.unit_of_work import UnitOfWork
from mall.search.application.lookup import NameLookup
from mall.search.domain.status import OrderStatus
from mall.search.ports import (
    CachedCustomer,
    CachedProduct,
    CachedStore,
    CustomerCache,
    OrderLine,
    OrderReadModel,
    ProductCache,
    SearchedOrder,
    StoreCache,
)
from mall_contracts.customers import messages as customers
from mall_contracts.ordering import messages as ordering
from mall_contracts.search.ports import SearchHandlers
from mall_contracts.stores import messages as stores

TOTAL_DIGITS = 4  # as numeric(16,4)


class SearchPolicies(SearchHandlers):
    def __init__(
        self,
        uow: UnitOfWork,
        customers: CustomerCache,
        stores: StoreCache,
        products: ProductCache,
        orders: OrderReadModel,
        names: NameLookup,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._customers = customers
        self._stores = stores
        self._products = products
        self._orders = orders
        self._names = names
        self._clock = clock

    async def on_customer_registered(self, message: customers.CustomerRegistered) -> None:
        customer = CachedCustomer(message.id, message.name, message.version)
        await self._uow.run(lambda: self._customers.save(customer))

    async def on_store_created(self, message: stores.StoreCreated) -> None:
        store = CachedStore(message.id, message.name, message.version)
        await self._uow.run(lambda: self._stores.save(store))

    async def on_store_rebranded(self, message: stores.StoreRebranded) -> None:
        store = CachedStore(message.id, message.name, message.version)
        await self._uow.run(lambda: self._stores.save(store))

    async def on_product_added(self, message: stores.ProductAdded) -> None:
        product = CachedProduct(message.id, message.store_id, message.name, message.version)
        await self._uow.run(lambda: self._products.save(product))

    async def on_product_rebranded(self, message: stores.ProductRebranded) -> None:
        await self._uow.run(
            lambda: self._products.rename(message.id, message.name, message.version)
        )

    async def on_product_removed(self, message: stores.ProductRemoved) -> None:
        await self._uow.run(lambda: self._products.remove(message.id, message.version))

    async def on_order_created(self, message: ordering.OrderCreated) -> None:
        order = await self._named_order(message)  # look-ups first: they may cross the network
        await self._uow.run(lambda: self._orders.record(order), key=message.id)

    async def on_order_rejected(self, message: ordering.OrderRejected) -> None:
        await self._advance(message.id, message.customer_id, OrderStatus.REJECTED)

    async def on_order_approved(self, message: ordering.OrderApproved) -> None:
        await self._advance(message.id, message.customer_id, OrderStatus.APPROVED)

    async def on_order_readied(self, message: ordering.OrderReadied) -> None:
        await self._advance(message.id, message.customer_id, OrderStatus.READY)

    async def on_order_canceled(self, message: ordering.OrderCanceled) -> None:
        await self._advance(message.id, message.customer_id, OrderStatus.CANCELED)

    async def on_order_completed(self, message: ordering.OrderCompleted) -> None:
        await self._advance(message.id, message.customer_id, OrderStatus.COMPLETED)

    async def _advance(self, order_id: str, customer_id: str, status: OrderStatus) -> None:
        await self._uow.run(
            lambda: self._orders.advance(order_id, customer_id, status), key=order_id
        )

    async def _named_order(self, message: ordering.OrderCreated) -> SearchedOrder:
        customer = await self._names.customer(message.customer_id) if message.customer_id else None
        store_names: dict[str, str] = {}
        lines = []
        for item in message.items:
            if item.store_id not in store_names:
                store = await self._names.store(item.store_id) if item.store_id else None
                store_names[item.store_id] = store.name if store else ""
            product = await self._names.product(item.product_id) if item.product_id else None
            lines.append(
                OrderLine(
                    product_id=item.product_id,
                    store_id=item.store_id,
                    product_name=product.name if product else "",
                    store_name=store_names[item.store_id],
                    price=item.price,
                    quantity=item.quantity,
                )
            )
        return SearchedOrder(
            order_id=message.id,
            customer_id=message.customer_id,
            customer_name=customer.name if customer else "",
            lines=tuple(lines),
            total=round(sum(line.price * line.quantity for line in lines), TOTAL_DIGITS),
            status=OrderStatus.NEW,
            created_at=self._clock.now(),
        )
