"""Reading what the mall did, through its API, and waiting for it.

The mall works asynchronously (outboxes, consumers, the saga), so a `Then` polls until what
it expects shows, with a deadline; when the deadline passes it fails naming what it waited
for and the last state it saw. No step sleeps for a fixed time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from tests.support.up_process import until

WAIT_SECONDS = 30.0  # a deadline for failures only: a passing wait ends when the state shows

T = TypeVar("T")


def eventually(what: str, probe: Callable[[], T], done: Callable[[T], bool]) -> T:
    """`probe()` until `done(result)`; after `WAIT_SECONDS`, fail saying `what` was awaited
    and the last result."""
    try:
        return until(probe, done, WAIT_SECONDS)
    except AssertionError as error:
        raise AssertionError(f"waited for {what}, in vain: {error}") from None


def found(api: httpx.Client, path: str, key: str) -> Any:
    """`body[key]` of a GET, or None when it answers 404; any other answer fails."""
    response = api.get(path)
    if response.status_code == 404:
        return None
    assert response.status_code == 200, (
        f"GET {path} answered {response.status_code} {response.text}"
    )
    return response.json()[key]


def order(api: httpx.Client, order_id: str) -> dict[str, Any] | None:
    found_order: dict[str, Any] | None = found(api, f"/api/ordering/{order_id}", "order")
    return found_order


def saga(api: httpx.Client, order_id: str) -> dict[str, Any] | None:
    found_saga: dict[str, Any] | None = found(api, f"/api/cosec/sagas/{order_id}", "saga")
    return found_saga


def ended_saga(api: httpx.Client, order_id: str) -> dict[str, Any]:
    """The order's saga once it is no longer running (completed, compensated or failed)."""
    ended = eventually(
        f"the saga of order {order_id} to end",
        lambda: saga(api, order_id),
        lambda found: found is not None and found["status"] != "running",
    )
    assert ended is not None
    return ended


def invoice(api: httpx.Client, order_id: str) -> dict[str, Any] | None:
    """The order's invoice (its id is the order's)."""
    found_invoice: dict[str, Any] | None = found(
        api, f"/api/payments/invoices/{order_id}", "invoice"
    )
    return found_invoice


def shopping_lists(api: httpx.Client, order_id: str) -> list[dict[str, Any]]:
    """Every shopping list of the order, canceled ones too, oldest first."""
    lists: list[dict[str, Any]] = found(
        api, f"/api/depot/shopping?orderId={order_id}", "shoppingLists"
    )
    return lists


def notifications(api: httpx.Client, customer_id: str) -> list[dict[str, Any]]:
    """The customer's notifications, newest first."""
    sent: list[dict[str, Any]] = found(
        api, f"/api/notifications?customerId={customer_id}", "notifications"
    )
    return sent


def searched_order(api: httpx.Client, order_id: str) -> dict[str, Any] | None:
    """The order as search shows it; None until search recorded it."""
    shown: dict[str, Any] | None = found(api, f"/api/search/orders/{order_id}", "order")
    return shown


def search_page(
    api: httpx.Client, filters: dict[str, Any], next_page: str = "", limit: int = 0
) -> dict[str, Any]:
    """One page of `POST /api/search/orders`: `{"orders": [...], "next": ...}`."""
    body = {"filters": filters, "next": next_page, "limit": limit}
    response = api.post("/api/search/orders", json=body)
    assert response.status_code == 200, (
        f"searching {body} answered {response.status_code} {response.text}"
    )
    page: dict[str, Any] = response.json()
    return page


def search_all(api: httpx.Client, filters: dict[str, Any], limit: int = 0) -> list[list[str]]:
    """The ids of every page of a search, following `next` until it is empty."""
    pages: list[list[str]] = []
    next_page = ""
    while True:
        page = search_page(api, filters, next_page, limit)
        pages.append([shown["orderId"] for shown in page["orders"]])
        next_page = page["next"]
        if not next_page:
            return pages
        assert len(pages) <= 1000, f"searching {filters} gives pages without end"
