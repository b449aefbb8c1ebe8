"""Schemathesis against the search spec (see `test_openapi`): no input gets a 5xx, and every
response is one the spec documents."""

from __future__ import annotations

from tests.fuzz.test_openapi import check_case, load

test_search = load("search").parametrize()(check_case)
