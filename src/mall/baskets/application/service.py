"""`BasketsService`: the REST port of Shopping Baskets."""

from __future__ import annotations

from mall.baskets.application.basket_use_cases import BasketUseCases
from mall.baskets.application.deps import BasketsDeps
from mall.baskets.application.item_use_cases import ItemUseCases
from mall_contracts.baskets.ports import BasketsApi


class BasketsService(BasketUseCases, ItemUseCases, BasketsApi):
    def __init__(self, deps: BasketsDeps) -> None:
        self.deps = deps
