"""A search request's filters, checked and turned into `OrderFilters`."""

from __future__ import annotations

import re
from datetime import datetime

from mall.kernel.errors import BadRequestError
from mall.search.domain.status import OrderStatus
from mall.search.ports import OrderFilters
from mall_contracts.search import http

MAX_IDS = 100
RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)


def order_filters(given: http.SearchFilters) -> OrderFilters:
    """The filters; a `BadRequestError` saying which one is wrong."""
    min_total = given.min_total or None
    max_total = given.max_total or None  # 0, the zero value, sets no upper bound
    if min_total is not None and max_total is not None and min_total > max_total:
        raise BadRequestError("the minimum total cannot be more than the maximum total")
    return OrderFilters(
        customer_id=given.customer_id,
        after=_time("after", given.after),
        before=_time("before", given.before),
        store_ids=_ids("store", given.store_ids),
        product_ids=_ids("product", given.product_ids),
        min_total=min_total,
        max_total=max_total,
        status=OrderStatus.parse(given.status) if given.status else None,
    )


def _time(name: str, text: str) -> datetime | None:
    if not text:
        return None
    if RFC3339.fullmatch(text) is None:
        raise BadRequestError(
            f"the {name} time must be an RFC 3339 time with an offset, e.g. 2026-01-31T12:00:00Z"
        )
    normal = text.upper().replace(" ", "T").replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(normal)
    except ValueError:  # e.g. a 31st of February
        raise BadRequestError(f"the {name} time is not a valid date and time") from None


def _ids(kind: str, ids: list[str]) -> tuple[str, ...]:
    unique = tuple(dict.fromkeys(ids))
    if len(unique) > MAX_IDS:
        raise BadRequestError(f"a search takes at most {MAX_IDS} {kind} ids")
    return unique
