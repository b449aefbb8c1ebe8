"""An `Envelope` as the columns the outbox, inbox and dead-letter tables share:
(id, name, subject, data, metadata, sent_at), with the extra headers as JSON metadata."""

from __future__ import annotations

import json
from datetime import datetime

import asyncpg

from mall_adapters.reliability.envelope import Envelope

COLUMNS = "id, name, subject, data, metadata, sent_at"


def envelope_params(envelope: Envelope) -> tuple[str, str, str, bytes, str, datetime]:
    """Values for `COLUMNS`, in order (bind `metadata` as `$n::jsonb`)."""
    return (
        envelope.id,
        envelope.name,
        envelope.subject,
        envelope.data,
        json.dumps(dict(envelope.extra_headers)),
        envelope.occurred_at,
    )


def envelope_from_row(row: asyncpg.Record) -> Envelope:
    return Envelope(
        id=row["id"],
        name=row["name"],
        subject=row["subject"],
        data=bytes(row["data"]),
        occurred_at=row["sent_at"],
        extra_headers=json.loads(row["metadata"]),
    )
