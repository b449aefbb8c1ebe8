"""The opaque `next` of a search page: base64url of the JSON `[created_at, order_id]` of the
page's last order. Searches resume strictly after it (keyset paging, never an offset)."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime

from mall.kernel.errors import BadRequestError
from mall.search.ports import Position

MALFORMED = "the next cursor is malformed; pass the next of a previous page, or none"


def encode(position: Position) -> str:
    text = json.dumps([position.created_at.isoformat(), position.order_id])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor: str) -> Position | None:
    """The position `cursor` names; None for an empty one. A `BadRequestError` when `cursor`
    is not a `next` this module made."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        created_at, order_id = json.loads(raw)
        position = Position(datetime.fromisoformat(created_at), order_id)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise BadRequestError(MALFORMED) from None
    if position.created_at.tzinfo is None or not isinstance(position.order_id, str):
        raise BadRequestError(MALFORMED)
    return position
