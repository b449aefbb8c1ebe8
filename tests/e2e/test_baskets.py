"""Features of baskets/: starting baskets, adding items, checking out."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then

from tests.e2e.world import World

scenarios("baskets")


@then(parsers.re(r"(?:I )?(?:ensure |expect )?the basket (?:was|is) started"))
def basket_started(world: World) -> None:
    world.expect_success("startBasket")


@then(parsers.re(r"(?:I )?(?:ensure |expect )?the items (?:were|are) added"))
def items_added(world: World) -> None:
    world.expect_success("addItem")


@then(parsers.re(r"(?:I )?(?:ensure |expect )?the basket (?:was|is) checked out"))
def basket_checked_out(world: World) -> None:
    world.expect_success("checkoutBasket")
