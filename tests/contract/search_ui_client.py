"""The search UI's HTTP client: the consumer side of `pacts/search-ui-search-api.json`.

It searches orders with filters, a page at a time (passing each page's `next` back until
it is empty), and shows one order.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from tests.contract.ui_client import Shape, UiClient


class SearchFilters(Shape, omit_defaults=True):
    """What the orders must match; a filter left at its default is not sent."""

    customer_id: str = ""
    after: str = ""  # RFC 3339
    before: str = ""
    store_ids: list[str] = msgspec.field(default_factory=list)
    product_ids: list[str] = msgspec.field(default_factory=list)
    min_total: float = 0.0
    max_total: float = 0.0
    status: str = ""


class OrderItem(Shape):
    product_id: str
    store_id: str
    product_name: str
    store_name: str
    price: float
    quantity: int


class Order(Shape):
    order_id: str
    customer_id: str
    customer_name: str
    items: list[OrderItem]
    total: float
    status: str


class Page(Shape):
    orders: list[Order]
    next: str  # empty on the last page


class _Search(Shape, omit_defaults=True):
    filters: SearchFilters
    next: str = ""
    limit: int = 0


class _OrderAnswer(Shape):
    order: Order


class SearchUiClient(UiClient):
    def search(self, filters: SearchFilters, next_page: str = "", limit: int = 0) -> Page:
        """One page of matching orders, newest first; `next_page` is the previous page's
        `next` (empty for the first page)."""
        body = _Search(filters=filters, next=next_page, limit=limit)
        return self._api.call(Page, "POST", "/api/search/orders", body=body)

    def pages(self, filters: SearchFilters, limit: int = 0) -> Iterator[Page]:
        """Every page of the search, following `next` until it is empty."""
        page = self.search(filters, limit=limit)
        yield page
        while page.next:
            page = self.search(filters, page.next, limit)
            yield page

    def get_order(self, order_id: str) -> Order:
        return self._api.call(_OrderAnswer, "GET", f"/api/search/orders/{order_id}").order
