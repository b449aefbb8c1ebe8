"""Features of baskets/: starting baskets, adding items, checking out."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from tests.e2e.mall import World, table_rows

scenarios("baskets")


@given("I start a new basket")
@when("I start a new basket")
def start_basket(world: World) -> None:
    assert world.customer_id is not None, "no customer to start the basket for"
    outcome = world.call("startBasket", "POST", "/api/baskets", {"customerId": world.customer_id})
    if outcome.ok:
        world.basket_id = outcome.response.json()["id"]


@then(parsers.re(r"(?:I )?(?:ensure |expect )?the basket (?:was|is) started"))
def basket_started(world: World) -> None:
    world.expect_success("startBasket")


@given("I add the items")
@when("I add the items")
def add_items(world: World, datatable: list[list[str]]) -> None:
    """Adds each named product; stops at the first error (kept for a later `Then`)."""
    assert world.basket_id is not None, "no basket to add the items to"
    for row in table_rows(datatable):
        outcome = world.call(
            "addItem",
            "PUT",
            f"/api/baskets/{world.basket_id}/addItem",
            {"productId": world.product_id_for(row["Name"]), "quantity": int(row["Quantity"])},
        )
        if not outcome.ok:
            break


@then(parsers.re(r"(?:I )?(?:ensure |expect )?the items (?:were|are) added"))
def items_added(world: World) -> None:
    world.expect_success("addItem")


@given(parsers.re(r'I check out the basket with the payment "(?P<payment_id>[^"]*)"'))
@when(parsers.re(r'I check out the basket with the payment "(?P<payment_id>[^"]*)"'))
def checkout_basket(world: World, payment_id: str) -> None:
    assert world.basket_id is not None, "no basket to check out"
    world.call(
        "checkoutBasket",
        "PUT",
        f"/api/baskets/{world.basket_id}/checkout",
        {"paymentId": payment_id},
    )


@then(parsers.re(r"(?:I )?(?:ensure |expect )?the basket (?:was|is) checked out"))
def basket_checked_out(world: World) -> None:
    world.expect_success("checkoutBasket")
