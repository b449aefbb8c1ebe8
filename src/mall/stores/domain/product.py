"""The Product aggregate: a store's catalog entry and its price."""

from __future__ import annotations

from dataclasses import dataclass

from mall.kernel.aggregate import EventSourced
from mall.kernel.errors import BadRequestError
from mall.kernel.events import DomainEvent, Snapshot

PRICE_DIGITS = 4
"""Prices are kept to four decimal places (the reference's numeric(9,4))."""


@dataclass(frozen=True)
class ProductAdded(DomainEvent):
    NAME = "stores.ProductAdded"
    store_id: str
    name: str
    description: str
    sku: str
    price: float


@dataclass(frozen=True)
class ProductRebranded(DomainEvent):
    NAME = "stores.ProductRebranded"
    name: str
    description: str


@dataclass(frozen=True)
class ProductPriceIncreased(DomainEvent):
    NAME = "stores.ProductPriceIncreased"
    delta: float
    price: float  # the price after the change


@dataclass(frozen=True)
class ProductPriceDecreased(DomainEvent):
    NAME = "stores.ProductPriceDecreased"
    delta: float  # negative
    price: float  # the price after the change


@dataclass(frozen=True)
class ProductRemoved(DomainEvent):
    NAME = "stores.ProductRemoved"


@dataclass(frozen=True)
class ProductV1(Snapshot):
    NAME = "stores.ProductV1"
    store_id: str
    name: str
    description: str
    sku: str
    price: float
    removed: bool


def require_product_name(name: str) -> None:
    if not name.strip():
        raise BadRequestError("the product name cannot be blank")


def require_price(price: float) -> None:
    if price < 0:
        raise BadRequestError("the product price cannot be negative")


class Product(EventSourced[ProductV1]):
    NAME = "stores.Product"
    EVENTS = (
        ProductAdded,
        ProductRebranded,
        ProductPriceIncreased,
        ProductPriceDecreased,
        ProductRemoved,
    )
    SNAPSHOT = ProductV1

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.store_id = ""
        self.name = ""
        self.description = ""
        self.sku = ""
        self.price = 0.0
        self.removed = False

    @classmethod
    def add(
        cls, product_id: str, store_id: str, name: str, description: str, sku: str, price: float
    ) -> Product:
        try:
            require_product_name(name)
            require_price(price)
        except BadRequestError as error:
            raise error.wrap("initializing product") from None
        product = cls(product_id)
        product.record(
            ProductAdded(
                store_id=store_id,
                name=name,
                description=description,
                sku=sku,
                price=round(price, PRICE_DIGITS),
            )
        )
        return product

    def rebrand(self, name: str, description: str) -> None:
        require_product_name(name)
        self.record(ProductRebranded(name=name, description=description))

    def increase_price(self, price: float) -> None:
        """`price` is the new absolute price; equal to the current one is allowed."""
        price = round(price, PRICE_DIGITS)
        if price < self.price:
            raise BadRequestError("the price change would be a decrease")
        self.record(ProductPriceIncreased(delta=self._delta_to(price), price=price))

    def decrease_price(self, price: float) -> None:
        """`price` is the new absolute price; it may not go below zero."""
        price = round(price, PRICE_DIGITS)
        if price > self.price:
            raise BadRequestError("the price change would be an increase")
        require_price(price)
        self.record(ProductPriceDecreased(delta=self._delta_to(price), price=price))

    def _delta_to(self, price: float) -> float:
        return round(price - self.price, PRICE_DIGITS)

    def remove(self) -> None:
        self.record(ProductRemoved())

    def apply(self, event: DomainEvent) -> None:
        match event:
            case ProductAdded():
                self.store_id, self.name, self.description = (
                    event.store_id,
                    event.name,
                    event.description,
                )
                self.sku, self.price = event.sku, event.price
            case ProductRebranded(name=name, description=description):
                self.name, self.description = name, description
            case ProductPriceIncreased(price=price) | ProductPriceDecreased(price=price):
                self.price = price
            case ProductRemoved():
                self.removed = True
            case _:
                raise TypeError(f"{self.NAME} cannot apply {type(event).__name__}")

    def snapshot(self) -> ProductV1:
        return ProductV1(
            store_id=self.store_id,
            name=self.name,
            description=self.description,
            sku=self.sku,
            price=self.price,
            removed=self.removed,
        )

    def restore(self, snapshot: ProductV1) -> None:
        self.store_id, self.name = snapshot.store_id, snapshot.name
        self.description, self.sku = snapshot.description, snapshot.sku
        self.price, self.removed = snapshot.price, snapshot.removed
