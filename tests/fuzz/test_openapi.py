"""Schemathesis against every OpenAPI spec: no input gets a 5xx, and every response (status,
content type, body) is one the spec documents.

Examples, coverage (boundary and invalid values of every field) and fuzzing phases, positive
and negative data, deterministic (derandomized, fixed seed) and with no example database.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import schemathesis
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from tests.fuzz.records import Records
from tests.fuzz.tally import OPERATIONS, TALLY

if TYPE_CHECKING:  # schemathesis defines its OpenAPI case type for type checkers only
    from schemathesis.specs.openapi.schemas import OpenApiCase

SPECS = Path(__file__).resolve().parents[2] / "specs" / "openapi"
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 9457,
        "suppress-health-check": ["too_slow"],  # a loaded CI machine is not a failure
        "generation": {
            "mode": "all",
            "max-examples": 50,
            "deterministic": True,
            "database": "none",
        },
        "phases": {"stateful": {"enabled": False}},
    }
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    unsupported_method,
]


def load(module: str) -> schemathesis.BaseSchema:
    """The module's spec; `common.yaml` references resolve next to the file."""
    return schemathesis.openapi.from_path(SPECS / f"{module}.yaml", config=CONFIG)


def check_case(case: OpenApiCase, mall: Records) -> None:
    case.path_parameters = mall.aim(case.operation.path, case.path_parameters or {})
    response = case.call(base_url=mall.url, timeout=30)
    OPERATIONS.add(case.operation.label)
    TALLY[f"{response.status_code // 100}xx"] += 1
    case.validate_response(response, checks=CHECKS)


test_stores = load("stores").parametrize()(check_case)
test_customers = load("customers").parametrize()(check_case)
test_baskets = load("baskets").parametrize()(check_case)
test_payments = load("payments").parametrize()(check_case)
test_cosec = load("cosec").parametrize()(check_case)
test_search = load("search").parametrize()(check_case)
test_ordering = load("ordering").parametrize()(check_case)
test_depot = load("depot").parametrize()(check_case)
test_operations = load("operations").parametrize()(check_case)
test_notifications = load("notifications").parametrize()(check_case)
