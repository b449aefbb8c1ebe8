"""Provider side of `pacts/busywork-customers-api.json`: the real app (real PostgreSQL and
NATS) verified against the simulator's pact. Registering needs no state; the customers
tables are emptied after each interaction."""

from __future__ import annotations

from mall_adapters.bootstrap.settings import Settings
from tests.support.contract_http_provider import ProviderStates, verify_http_pact

CUSTOMERS_STATES = ProviderStates(schemas=("customers",), setups={})


def test_customers_api_honours_the_busywork_pact(settings: Settings) -> None:
    verify_http_pact(settings, "customers-api", "busywork-customers-api.json", CUSTOMERS_STATES)
