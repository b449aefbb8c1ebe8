"""Features of orders/: orders the create-order saga rejects (and what it undoes), and
orders their customer cancels (and what is canceled with them)."""

from __future__ import annotations

from pytest_bdd import given, scenarios, then, when

from tests.e2e import observe
from tests.e2e.world import World

scenarios("orders")


@given("my account is disabled")
def disable_account(world: World) -> None:
    assert world.customer_id is not None, "no customer to disable"
    world.succeed("disableCustomer", "PUT", f"/api/customers/{world.customer_id}/disable", {})


@then("my order has no shopping list")
def no_shopping_list(world: World) -> None:
    """Once the saga has ended, no shopping list was ever made for the order."""
    order_id = world.my_order()
    observe.ended_saga(world.api, order_id)
    lists = observe.shopping_lists(world.api, order_id)
    assert lists == [], f"order {order_id} has shopping lists: {lists}"


@when("I cancel my order")
def cancel_order(world: World) -> None:
    world.call("cancelOrder", "DELETE", f"/api/ordering/{world.my_order()}")
