"""The baskets UI's HTTP client (the reference's `baskets/ui` client, in Python): the consumer
side of `pacts/baskets-ui-baskets-api.json`."""

from __future__ import annotations

from typing import Any

import httpx

JSON = "application/json"


class BasketsApiError(Exception):
    """A non-2xx answer; `message` is the `message` member of its JSON body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class BasketsUiClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url.rstrip("/")

    def start_basket(self, customer_id: str) -> str:
        """Starts a basket for the customer; returns the basket's id."""
        body = self._send("POST", "/api/baskets", {"customerId": customer_id})
        return str(body["id"])

    def add_item(self, basket_id: str, product_id: str, quantity: int = 1) -> None:
        self._send(
            "PUT",
            f"/api/baskets/{basket_id}/addItem",
            {"productId": product_id, "quantity": quantity},
        )

    def _send(self, method: str, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        with httpx.Client(base_url=self._base_url, headers={"Accept": JSON}) as client:
            response = client.request(method, path, json=payload)
        if not response.is_success:
            raise BasketsApiError(response.status_code, error_message(response))
        body: dict[str, Any] = response.json()
        return body


def error_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text
    return str(body.get("message", "")) if isinstance(body, dict) else response.text
