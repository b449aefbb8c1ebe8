"""What the database must show about orders once their sagas ran, however often the system
was stopped meanwhile: each order decided once, as its customer and payment warrant, by real
replies; each command the saga sent handled once and answered once; its shopping list, its
notifications and its invoice once each; nothing left unpublished, nothing parked.

`Ledger.read` gathers the facts in a few queries; `violations` lists every one that is
wrong, one line each, so a failure names all of them at once.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mall_adapters.bootstrap.settings import ALL_MODULES
from tests.e2e.database import fetch

COMMAND_MODULES = ("customers", "depot", "payments", "ordering")  # whom the saga commands
AUTHORIZE = "customersapi.AuthorizeCustomer"
CREATE_LIST = "depotapi.CreateShoppingListCommand"
CONFIRM = "paymentsapi.ConfirmPayment"
INITIATE = "depotapi.InitiateShoppingCommand"
APPROVE = "ordersapi.ApproveOrder"
CANCEL_LIST = "depotapi.CancelShoppingListCommand"
REJECT = "ordersapi.RejectOrder"
OK, FAILED = "success", "failure"


@dataclass(frozen=True)
class Planned:
    """One order, and what its saga must decide."""

    order_id: str  # the basket's id
    payment_id: str
    customer_enabled: bool
    paid_enough: bool

    @property
    def approved(self) -> bool:
        return self.customer_enabled and self.paid_enough

    def history(self) -> list[tuple[str, str]]:
        """The commands its saga sends, with the outcome of each reply."""
        if not self.customer_enabled:
            return [(AUTHORIZE, FAILED), (REJECT, OK)]
        listed = [(AUTHORIZE, OK), (CREATE_LIST, OK)]
        if not self.paid_enough:
            return [*listed, (CONFIRM, FAILED), (CANCEL_LIST, OK), (REJECT, OK)]
        return [*listed, (CONFIRM, OK), (INITIATE, OK), (APPROVE, OK)]


@dataclass(frozen=True)
class Stop:
    """A stop of the system: how, and when it was signalled."""

    how: str
    at: datetime

    def cut(self, saga: dict[str, Any]) -> bool:
        """Whether the saga had sent a command whose reply had not come when it stopped."""
        return any(
            moment(entry["sent_at"]) < self.at
            and (entry["finished_at"] is None or moment(entry["finished_at"]) > self.at)
            for entry in saga["history"]
        )


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


@dataclass
class Ledger:
    orders: list[Planned]
    readied: set[str]  # orders whose shopping was done, so they are ready and invoiced
    sagas: dict[str, dict[str, Any]]  # id -> status, error, history
    events: Counter[tuple[str, str]]  # (order, event name) in ordering's event store
    lists: dict[str, list[str]]  # order -> statuses of its shopping lists
    notifications: dict[str, Counter[str]]  # order -> kinds
    invoices: Counter[str]  # order -> invoices
    handled: Counter[str]  # command id -> inbox rows in the modules commanded
    answered: Counter[str]  # command id -> replies in cosec's inbox
    unpublished: dict[str, int]  # module -> outbox rows
    dead_letters: dict[str, int]  # module -> parked messages

    @classmethod
    def read(cls, dsn: str, orders: list[Planned], readied: list[Planned]) -> Ledger:
        ids = [p.order_id for p in orders]

        def rows(sql: str, *args: object) -> list[Any]:
            return fetch(dsn, sql, *args)

        def count(sql: str) -> int:
            found: int = rows(sql)[0]["n"]
            return found

        sagas = {
            r["id"]: json.loads(r["state"])
            for r in rows("SELECT id, state FROM cosec.sagas WHERE id = ANY($1)", ids)
        }
        commands = [e["command_id"] for s in sagas.values() for e in s["history"]]
        lists: dict[str, list[str]] = {order: [] for order in ids}
        listed = "SELECT order_id, status FROM depot.shopping_lists WHERE order_id = ANY($1)"
        for r in rows(listed, ids):
            lists[r["order_id"]].append(r["status"])
        notifications: dict[str, Counter[str]] = {order: Counter() for order in ids}
        sent = "SELECT order_id, kind FROM notifications.sent WHERE order_id = ANY($1)"
        for r in rows(sent, ids):
            notifications[r["order_id"]][r["kind"]] += 1
        events = "SELECT stream_id, event_name FROM ordering.events WHERE stream_id = ANY($1)"
        invoices = "SELECT order_id FROM payments.invoices WHERE order_id = ANY($1)"
        handled = " UNION ALL ".join(
            f"SELECT id FROM {m}.inbox WHERE id = ANY($1)" for m in COMMAND_MODULES
        )
        answered = (
            "SELECT metadata->>'Intellimall-Command-Id' AS command FROM cosec.inbox"
            " WHERE metadata->>'Intellimall-Command-Id' = ANY($1)"
        )
        return cls(
            orders=orders,
            readied={p.order_id for p in readied},
            sagas=sagas,
            events=Counter((r["stream_id"], r["event_name"]) for r in rows(events, ids)),
            lists=lists,
            notifications=notifications,
            invoices=Counter(r["order_id"] for r in rows(invoices, ids)),
            handled=Counter(r["id"] for r in rows(handled, commands)),
            answered=Counter(r["command"] for r in rows(answered, commands)),
            unpublished={
                m: count(f"SELECT count(*) AS n FROM {m}.outbox WHERE published_at IS NULL")
                for m in ALL_MODULES
            },
            dead_letters={
                m: count(f"SELECT count(*) AS n FROM {m}.dead_letters") for m in ALL_MODULES
            },
        )

    def violations(self, stops: list[Stop]) -> list[str]:
        found = [f"{m}: {n} outbox rows not published" for m, n in self.unpublished.items() if n]
        found += [f"{m}: {n} dead letters" for m, n in self.dead_letters.items() if n]
        found += [
            f"no saga was waiting for a reply at the {stop.how}: it tested nothing"
            for stop in stops
            if not any(stop.cut(saga) for saga in self.sagas.values())
        ]
        for planned in self.orders:
            found += [f"order {planned.order_id}: {problem}" for problem in self._order(planned)]
        return found

    def _order(self, planned: Planned) -> Iterator[str]:
        order = planned.order_id
        saga = self.sagas.get(order)
        if saga is None:
            yield "no saga"
            return
        created, approved, rejected = (
            self.events[order, f"ordering.Order{what}"]
            for what in ("Created", "Approved", "Rejected")
        )
        decided = (1, 1, 0) if planned.approved else (1, 0, 1)
        if (created, approved, rejected) != decided:
            yield f"created {created}x, approved {approved}x, rejected {rejected}x; expected {decided}"
        status = "completed" if planned.approved else "compensated"
        if saga["status"] != status:
            yield f"saga {saga['status']} ({saga['error']}), expected {status}"
        history = [(e["command"], e["outcome"]) for e in saga["history"]]
        if history != planned.history():
            yield f"saga sent and got {history}, expected {planned.history()}"
        for entry in saga["history"]:
            command = entry["command_id"]
            if self.handled[command] != 1 or self.answered[command] != 1:
                yield (
                    f"{entry['command']} {command} handled {self.handled[command]}x,"
                    f" answered {self.answered[command]}x"
                )
        yield from self._effects(planned)

    def _effects(self, planned: Planned) -> Iterator[str]:
        order = planned.order_id
        readied = order in self.readied
        if planned.approved:
            lists = ["completed" if readied else "available"]
        else:
            lists = ["canceled"] if planned.customer_enabled else []
        if self.lists[order] != lists:
            yield f"shopping lists {self.lists[order]}, expected {lists}"
        kinds = Counter({"order_created": 1, "order_ready": int(readied)})
        if self.notifications[order] != +kinds:
            yield f"notifications {dict(self.notifications[order])}, expected {dict(+kinds)}"
        if (self.events[order, "ordering.OrderReadied"], self.invoices[order]) != (
            int(readied),
        ) * 2:
            yield (
                f"readied {self.events[order, 'ordering.OrderReadied']}x with"
                f" {self.invoices[order]} invoices, expected {int(readied)} of each"
            )
