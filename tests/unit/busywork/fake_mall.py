"""`FakeMall`: the part of IntelliMall's REST API the simulator calls, in memory, behind an
`httpx.MockTransport`, so the simulator's own transport and API client run unchanged.

It answers as the mall does for those calls: JSON bodies in the mall's (camelCase) shapes,
201 for creates, 404 for an unknown id, 409 for a change the order's state forbids. Orders
move as their `Plan` says, one step per look, and every request is kept in `requests` as
`METHOD path` (up to `RUNAWAY` of them). `refuse` makes the next request to a `METHOD path` answer a given status.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

import httpx

Handler = Any  # a bound method of FakeMall taking the path's groups and the JSON body
RUNAWAY = 10_000
"""More requests than any test makes: a client polling without pausing, stopped here."""


@dataclass
class Plan:
    """How an order moves: looks answered 404 before ordering has made it, looks still
    `pending` before the saga approves (or rejects) it, looks still `approved` after its
    list is completed, and payments of its invoice answered 404 before payments made it."""

    unknown_looks: int = 0
    pending_looks: int = 0
    approve: bool = True
    approved_looks: int = 0
    invoice_missing: int = 0


@dataclass
class FakeOrder:
    plan: Plan
    status: str = "pending"
    bot: str = ""
    completed: bool = False


@dataclass
class FakeMall:
    plan: Plan = field(default_factory=Plan)  # for every order checked out
    stores: dict[str, str] = field(default_factory=dict)  # id -> name
    products: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> product
    orders: dict[str, FakeOrder] = field(default_factory=dict)
    baskets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    payments: dict[str, float] = field(default_factory=dict)  # id -> amount
    requests: list[str] = field(default_factory=list)
    refuse: dict[str, deque[int]] = field(default_factory=lambda: defaultdict(deque))
    _made: int = 0

    def store(self, name: str, *prices: float) -> str:
        """A store with a product of each price; its id."""
        store_id = self._new("store")
        self.stores[store_id] = name
        for price in prices:
            self._product(store_id, f"{name} ware", price)
        return store_id

    def checked_out(self, plan: Plan) -> str:
        """An order (of a basket checked out) that moves as `plan` says; its id."""
        order_id = self._new("basket")
        self.orders[order_id] = FakeOrder(plan)
        return order_id

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        method, path = request.method, request.url.path
        if len(self.requests) >= RUNAWAY:
            raise RuntimeError(f"a runaway client: {RUNAWAY} requests")
        self.requests.append(f"{method} {path}")
        if refusals := self.refuse.get(f"{method} {path}"):
            return _error(refusals.popleft(), "refused as the test asked")
        body = json.loads(request.content) if request.content else None
        for route_method, pattern, handler in self._routes():
            if method == route_method and (match := re.fullmatch(pattern, path)):
                status, answer = handler(*match.groups(), body)
                if status >= 400:
                    return _error(status, answer)
                return httpx.Response(status, json=answer)
        return _error(404, f"no route {method} {path}")

    def _routes(self) -> list[tuple[str, str, Handler]]:
        return [
            ("POST", r"/api/customers", self._create_customer),
            ("POST", r"/api/baskets", self._start_basket),
            ("PUT", r"/api/baskets/([^/]+)/addItem", self._add_item),
            ("DELETE", r"/api/baskets/([^/]+)", self._cancel_basket),
            ("PUT", r"/api/baskets/([^/]+)/checkout", self._checkout),
            ("POST", r"/api/payments", self._authorize),
            ("PUT", r"/api/payments/invoices/([^/]+)/pay", self._pay),
            ("GET", r"/api/stores", self._get_stores),
            ("POST", r"/api/stores", self._create_store),
            ("GET", r"/api/stores/products/([^/]+)", self._get_product),
            ("PUT", r"/api/stores/products/([^/]+)/rebrand", self._rebrand_product),
            ("GET", r"/api/stores/([^/]+)", self._get_store),
            ("PUT", r"/api/stores/([^/]+)/rebrand", self._rebrand_store),
            ("GET", r"/api/stores/([^/]+)/products", self._catalog),
            ("POST", r"/api/stores/([^/]+)/products", self._add_product),
            ("GET", r"/api/ordering/([^/]+)", self._get_order),
            ("DELETE", r"/api/ordering/([^/]+)", self._cancel_order),
            ("PUT", r"/api/depot/shopping/list-([^/]+)/assign", self._assign),
            ("PUT", r"/api/depot/shopping/list-([^/]+)/complete", self._complete),
        ]

    # ------------------------------------------------------------------ customers, baskets

    def _create_customer(self, body: Any) -> tuple[int, Any]:
        return 201, {"id": self._new("customer")}

    def _start_basket(self, body: Any) -> tuple[int, Any]:
        basket_id = self._new("basket")
        self.baskets[basket_id] = []
        return 201, {"id": basket_id}

    def _add_item(self, basket_id: str, body: Any) -> tuple[int, Any]:
        if basket_id not in self.baskets or body["productId"] not in self.products:
            return 404, "no such basket or product"
        self.baskets[basket_id].append((body["productId"], body["quantity"]))
        return 200, {}

    def _cancel_basket(self, basket_id: str, body: Any) -> tuple[int, Any]:
        if self.baskets.pop(basket_id, None) is None:
            return 404, "no such basket"
        return 200, {}

    def _checkout(self, basket_id: str, body: Any) -> tuple[int, Any]:
        if basket_id not in self.baskets:
            return 404, "no such basket"
        self.orders[basket_id] = FakeOrder(Plan(**vars(self.plan)))
        return 200, {}

    def _authorize(self, body: Any) -> tuple[int, Any]:
        payment_id = self._new("payment")
        self.payments[payment_id] = body["amount"]
        return 201, {"id": payment_id}

    # ------------------------------------------------------------------ stores

    def _get_stores(self, body: Any) -> tuple[int, Any]:
        return 200, {"stores": [self._store(i) for i in self.stores]}

    def _create_store(self, body: Any) -> tuple[int, Any]:
        store_id = self._new("store")
        self.stores[store_id] = body["name"]
        return 201, {"id": store_id}

    def _get_store(self, store_id: str, body: Any) -> tuple[int, Any]:
        if store_id not in self.stores:
            return 404, "no such store"
        return 200, {"store": self._store(store_id)}

    def _rebrand_store(self, store_id: str, body: Any) -> tuple[int, Any]:
        if store_id not in self.stores:
            return 404, "no such store"
        self.stores[store_id] = body["name"]
        return 200, {}

    def _catalog(self, store_id: str, body: Any) -> tuple[int, Any]:
        if store_id not in self.stores:
            return 404, "no such store"
        found = [p for p in self.products.values() if p["storeId"] == store_id]
        return 200, {"products": found}

    def _add_product(self, store_id: str, body: Any) -> tuple[int, Any]:
        if store_id not in self.stores:
            return 404, "no such store"
        return 201, {"id": self._product(store_id, body["name"], body["price"])}

    def _get_product(self, product_id: str, body: Any) -> tuple[int, Any]:
        if product_id not in self.products:
            return 404, "no such product"
        return 200, {"product": self.products[product_id]}

    def _rebrand_product(self, product_id: str, body: Any) -> tuple[int, Any]:
        if product_id not in self.products:
            return 404, "no such product"
        self.products[product_id]["name"] = body["name"]
        return 200, {}

    # ------------------------------------------------------------------ an order's life

    def _get_order(self, order_id: str, body: Any) -> tuple[int, Any]:
        order = self.orders.get(order_id)
        if order is None or order.plan.unknown_looks > 0:
            if order is not None:
                order.plan.unknown_looks -= 1
            return 404, "no such order"
        plan = order.plan
        if order.status == "pending":
            if plan.pending_looks > 0:
                plan.pending_looks -= 1
            else:
                order.status = "approved" if plan.approve else "rejected"
        elif order.status == "approved" and order.completed:
            if plan.approved_looks > 0:
                plan.approved_looks -= 1
            else:
                order.status = "ready"
        answer = {"id": order_id, "status": order.status, "shoppingId": f"list-{order_id}"}
        return 200, {"order": answer}

    def _cancel_order(self, order_id: str, body: Any) -> tuple[int, Any]:
        order = self.orders.get(order_id)
        if order is None:
            return 404, "no such order"
        if order.status not in ("pending", "approved") or order.bot:
            return 409, f"the order is {order.status}"
        order.status = "cancelled"
        return 200, {}

    def _assign(self, order_id: str, body: Any) -> tuple[int, Any]:
        order = self.orders.get(order_id)
        if order is None:
            return 404, "no such shopping list"
        if order.status != "approved" or order.bot:
            return 409, "the shopping list cannot be assigned"
        order.bot = body["botId"]
        return 200, {}

    def _complete(self, order_id: str, body: Any) -> tuple[int, Any]:
        order = self.orders.get(order_id)
        if order is None:
            return 404, "no such shopping list"
        if not order.bot or order.completed:
            return 409, "the shopping list is not assigned"
        order.completed = True
        return 200, {}

    def _pay(self, order_id: str, body: Any) -> tuple[int, Any]:
        order = self.orders.get(order_id)
        if order is not None and order.status == "completed":
            return 409, "the invoice is paid"
        if order is None or order.status != "ready":
            return 404, "no such invoice"
        if order.plan.invoice_missing > 0:
            order.plan.invoice_missing -= 1
            return 404, "no such invoice"
        order.status = "completed"
        return 200, {}

    # ------------------------------------------------------------------ helpers

    def _new(self, kind: str) -> str:
        self._made += 1
        return f"{kind}-{self._made}"

    def _store(self, store_id: str) -> dict[str, Any]:
        return {"id": store_id, "name": self.stores[store_id], "location": "Row 1"}

    def _product(self, store_id: str, name: str, price: float) -> str:
        product_id = self._new("product")
        self.products[product_id] = {
            "id": product_id,
            "storeId": store_id,
            "name": name,
            "description": "",
            "sku": "SKU",
            "price": price,
        }
        return product_id


def _error(status: int, message: str) -> httpx.Response:
    return httpx.Response(status, json={"message": message})
