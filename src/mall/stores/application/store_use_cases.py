"""Store use cases: create, rebrand, toggle participation, and the mall queries."""

from __future__ import annotations

from mall.kernel.errors import NotFoundError
from mall.stores.application.deps import STORE_NOT_FOUND, StoresDeps, store_view
from mall.stores.domain.store import Store
from mall_contracts.common.http import Empty
from mall_contracts.stores import http


class StoreUseCases:
    deps: StoresDeps

    async def create_store(self, body: http.CreateStoreRequest) -> http.CreateStoreResponse:
        store = Store.create(self.deps.ids.new_id(), body.name, body.location)
        await self.deps.stores.save(store)
        return http.CreateStoreResponse(id=store.id)

    async def rebrand_store(self, id: str, body: http.RebrandStoreRequest) -> Empty:
        store = await self.deps.store(id)
        store.rebrand(body.name)
        await self.deps.stores.save(store)
        return Empty()

    async def enable_participation(self, id: str) -> Empty:
        store = await self.deps.store(id)
        store.enable_participation()
        await self.deps.stores.save(store)
        return Empty()

    async def disable_participation(self, id: str) -> Empty:
        store = await self.deps.store(id)
        store.disable_participation()
        await self.deps.stores.save(store)
        return Empty()

    async def get_store(self, id: str) -> http.GetStoreResponse:
        store = await self.deps.mall.find(id)
        if store is None:
            raise NotFoundError(STORE_NOT_FOUND)
        return http.GetStoreResponse(store=store_view(store))

    async def get_stores(self) -> http.GetStoresResponse:
        return http.GetStoresResponse(stores=[store_view(s) for s in await self.deps.mall.all()])

    async def get_participating_stores(self) -> http.GetStoresResponse:
        stores = await self.deps.mall.participating()
        return http.GetStoresResponse(stores=[store_view(s) for s in stores])
