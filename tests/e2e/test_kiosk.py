"""Features of kiosk/: an order's whole life, from the kiosk's basket to completed, as the
customer, the bots and the search read model see it."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then

from tests.e2e import observe
from tests.e2e.observe import eventually
from tests.e2e.world import World, money, table_rows

scenarios("kiosk")


@then(
    parsers.re(r'the search shows my order of "(?P<total>[^"]*)" with the lines'),
    converters={"total": money},
)
def search_shows_lines(world: World, total: float, datatable: list[list[str]]) -> None:
    """Search shows the order with the names the customer, store and products had."""
    order_id = world.my_order()
    shown = eventually(
        f"search to show order {order_id}",
        lambda: observe.searched_order(world.api, order_id),
        lambda found: found is not None,
    )
    assert shown is not None
    expected_lines = [
        (row["Store"], row["Product"], money(row["Price"]), int(row["Quantity"]))
        for row in table_rows(datatable)
    ]
    lines = [
        (line["storeName"], line["productName"], line["price"], line["quantity"])
        for line in shown["items"]
    ]
    assert (shown["customerId"], shown["customerName"], shown["total"]) == (
        world.customer_id,
        world.customer_name,
        total,
    ), shown
    assert sorted(lines) == sorted(expected_lines), shown
