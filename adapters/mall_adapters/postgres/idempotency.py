"""`PostgresIdempotencyRecords`: `<schema>.idempotency`, responses kept for a time to live."""

from __future__ import annotations

from mall_adapters.postgres.database import Database
from mall_adapters.reliability.ports import IdempotencyRecords, StoredResponse
from mall_adapters.reliability.receipts import AlreadyRecordedError

LIVE = "created_at > now() - make_interval(secs => $2)"


class PostgresIdempotencyRecords(IdempotencyRecords):
    def __init__(self, db: Database, module: str, ttl_seconds: float) -> None:
        self._db = db
        self.module = module
        self._ttl = ttl_seconds

    async def find(self, key: str) -> StoredResponse | None:
        row = await self._db.fetchrow(
            f"SELECT fingerprint, status, body FROM {self.module}.idempotency"
            f" WHERE key = $1 AND {LIVE}",
            key,
            self._ttl,
        )
        if row is None:
            return None
        return StoredResponse(row["fingerprint"], row["status"], bytes(row["body"]))

    async def record(self, key: str, response: StoredResponse) -> None:
        # A concurrent request's uncommitted row makes this insert wait for its outcome.
        status = await self._db.connection().execute(
            f"INSERT INTO {self.module}.idempotency AS r"
            " (key, fingerprint, status, body, created_at) VALUES ($1, $3, $4, $5, now())"
            " ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint,"
            " status = excluded.status, body = excluded.body, created_at = now()"
            f" WHERE NOT (r.{LIVE})",
            key,
            self._ttl,
            response.fingerprint,
            response.status,
            response.body,
        )
        if status != "INSERT 0 1":
            raise AlreadyRecordedError(f"the Idempotency-Key {key!r} was used by another request")

    async def purge_expired(self) -> int:
        status = await self._db.execute(
            f"DELETE FROM {self.module}.idempotency WHERE NOT ({LIVE.replace('$2', '$1')})",
            self._ttl,
        )
        return int(status.rsplit(" ", 1)[-1])
