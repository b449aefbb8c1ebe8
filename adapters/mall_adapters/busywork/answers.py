"""What the simulator reads from the answers: its own shapes, holding only the members it
uses (members beyond them are ignored), so its pacts pin exactly those."""

from __future__ import annotations

import msgspec


class Shape(msgspec.Struct, rename="camel"):
    """Members beyond the simulator's are ignored."""


class Done(Shape):
    pass


class Created(Shape):
    id: str


class Store(Shape):
    id: str
    name: str


class Product(Shape):
    id: str
    name: str
    price: float


class Order(Shape):
    status: str
    shopping_id: str


class Stores(Shape):
    stores: list[Store]


class StoreAnswer(Shape):
    store: Store


class Catalog(Shape):
    products: list[Product]


class ProductAnswer(Shape):
    product: Product


class OrderAnswer(Shape):
    order: Order
