"""`VersionedRows`, the versioned save every state-stored repository shares: the statements
it builds and what it refuses. Its behaviour through each repository (a stale version and a
taken id conflict) is in that repository's port suite."""

from __future__ import annotations

import pytest

from mall_adapters.postgres.customers import CUSTOMERS
from mall_adapters.postgres.database import Database
from mall_adapters.postgres.versioned_rows import VersionedRows

LISTS = VersionedRows(
    "depot.lists", ("order_id", "stops"), casts={"stops": "jsonb"}, conflict_on=()
)


def test_the_statements_insert_once_then_update_the_version_read() -> None:
    assert LISTS.insert == (
        "INSERT INTO depot.lists (id, order_id, stops, version)"
        " VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT DO NOTHING"
    )
    assert LISTS.update == (
        "UPDATE depot.lists SET order_id = $2, stops = $3::jsonb, version = $4"
        " WHERE id = $1 AND version = $5"
    )
    assert CUSTOMERS.insert.endswith(" ON CONFLICT (id) DO NOTHING")


@pytest.mark.parametrize(
    ("name", "columns", "casts"),
    [
        ("depot.lists; DROP TABLE x", ("order_id",), {}),
        ("lists", ("order_id",), {}),
        ("depot.lists", ("order_id = 1 --",), {}),
        ("depot.lists", ("id", "order_id"), {}),
        ("depot.lists", ("order_id", "version"), {}),
        ("depot.lists", ("order_id",), {"order_id": "text); --"}),
        ("depot.lists", ("order_id",), {"stops": "jsonb"}),
    ],
)
def test_names_that_are_not_plain_identifiers_or_columns_are_refused(
    name: str, columns: tuple[str, ...], casts: dict[str, str]
) -> None:
    with pytest.raises(ValueError, match=r"not plain SQL identifiers|schema\.table|has no column"):
        VersionedRows(name, columns, casts=casts)


async def test_a_write_says_whether_it_wrote_and_needs_every_column(db: Database) -> None:
    async with db.transaction():
        with pytest.raises(ValueError, match="takes"):
            await CUSTOMERS.write(db.connection(), "c1", {"name": "Ann"}, 0, 1)
        assert await db.fetchrow("SELECT 1 FROM customers.customers WHERE id = 'c1'") is None
        assert await CUSTOMERS.write(
            db.connection(), "c1", {"name": "Ann", "sms_number": "5", "enabled": True}, 0, 1
        )
        assert not await CUSTOMERS.write(
            db.connection(), "c1", {"name": "Bob", "sms_number": "5", "enabled": True}, 0, 1
        )
        assert not await CUSTOMERS.write(
            db.connection(), "c1", {"name": "Bob", "sms_number": "5", "enabled": True}, 2, 3
        )
        row = await db.fetchrow("SELECT name, version FROM customers.customers WHERE id = 'c1'")
        assert row is not None and (row["name"], row["version"]) == ("Ann", 1)
