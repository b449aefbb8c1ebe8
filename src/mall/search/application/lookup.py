"""Customer, store and product names for the orders: the local caches first, then the owning
module on a miss."""

from __future__ import annotations

from mall.kernel.unit_of_work import UnitOfWork
from mall.search.ports import (
    CachedCustomer,
    CachedProduct,
    CachedStore,
    CustomerCache,
    ProductCache,
    StoreCache,
)
from mall_contracts.customers.messages import GetCustomer, GetCustomerReply
from mall_contracts.search.ports import SearchRequests
from mall_contracts.stores.messages import GetProduct, GetProductReply, GetStore, GetStoreReply


class NameLookup:
    """Reads a cache; on a miss asks customers or stores, caches the answer (a unit of work of
    its own) and returns it. Call it before the handler's unit of work opens: a miss crosses
    the network. None when the owning module does not know the id either (an order is
    recorded anyway, without that name); the requester's `UnavailableError` goes through
    (the message is redelivered later)."""

    def __init__(
        self,
        uow: UnitOfWork,
        customers: CustomerCache,
        stores: StoreCache,
        products: ProductCache,
        requests: SearchRequests,
    ) -> None:
        self._uow = uow
        self._customers = customers
        self._stores = stores
        self._products = products
        self._requests = requests

    async def customer(self, customer_id: str) -> CachedCustomer | None:
        cached = await self._customers.find(customer_id)
        if cached is not None:
            return cached
        reply = await self._requests.get_customer(GetCustomer(id=customer_id))
        if not isinstance(reply, GetCustomerReply):
            return None
        found = reply.customer
        customer = CachedCustomer(found.id, found.name, found.version)
        await self._uow.run(lambda: self._customers.save(customer))
        return customer

    async def store(self, store_id: str) -> CachedStore | None:
        cached = await self._stores.find(store_id)
        if cached is not None:
            return cached
        reply = await self._requests.get_store(GetStore(id=store_id))
        if not isinstance(reply, GetStoreReply):
            return None
        store = CachedStore(reply.store.id, reply.store.name, reply.store.version)
        await self._uow.run(lambda: self._stores.save(store))
        return store

    async def product(self, product_id: str) -> CachedProduct | None:
        cached = await self._products.find(product_id)
        if cached is not None:
            return cached
        reply = await self._requests.get_product(GetProduct(id=product_id))
        if not isinstance(reply, GetProductReply):
            return None
        found = reply.product
        product = CachedProduct(found.id, found.store_id, found.name, found.version)
        await self._uow.run(lambda: self._products.save(product))
        return product
