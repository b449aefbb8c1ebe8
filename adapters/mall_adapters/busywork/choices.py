"""The simulation's dice, as the reference threw them. Every choice takes the client's own
`random.Random`, so a seed replays the same choices."""

from __future__ import annotations

import enum
import random


class Action(enum.Enum):
    BROWSING = "just browsing"
    BUYING = "buying items"
    REGISTER_CUSTOMER = "register a customer"
    SET_UP_STORE = "set up a store"
    ADD_INVENTORY = "add new inventory"
    REBRAND_STORE = "rebrand a store"
    REBRAND_PRODUCT = "rebrand a product"


ADMIN_DRAW = {
    0: Action.REGISTER_CUSTOMER,
    5: Action.REGISTER_CUSTOMER,
    6: Action.REGISTER_CUSTOMER,
    7: Action.REGISTER_CUSTOMER,
    1: Action.SET_UP_STORE,
    2: Action.ADD_INVENTORY,
    8: Action.ADD_INVENTORY,
    9: Action.ADD_INVENTORY,
    3: Action.REBRAND_STORE,
    4: Action.REBRAND_PRODUCT,
}
"""An administrator draws 0-9."""


class Fate(enum.Enum):
    """What becomes of an approved order (the lifecycle the reference never reached)."""

    COMPLETE = "complete"  # a bot is assigned, completes the list; the invoice is paid
    CANCEL = "cancel"
    KEEP = "keep"  # left approved, as some orders are


def action(rng: random.Random) -> Action:
    """Half shoppers (a quarter of them buy), half administrators."""
    if rng.randrange(2) == 0:
        return Action.BUYING if rng.randrange(4) == 0 else Action.BROWSING
    return ADMIN_DRAW[rng.randrange(10)]


def fate(rng: random.Random) -> Fate:
    drawn = rng.randrange(20)
    if drawn < 12:
        return Fate.COMPLETE
    return Fate.CANCEL if drawn < 17 else Fate.KEEP


def interval(rng: random.Random) -> float:
    """Seconds between a client's ticks: 8 + random(0-3), fixed per client."""
    return 8.0 + rng.uniform(0.0, 3.0)


def pause(rng: random.Random) -> float:
    """Seconds between most calls: 0.5 + random(0-1.5)."""
    return 0.5 + rng.uniform(0.0, 1.5)


def store_visits(rng: random.Random) -> int:
    return rng.randint(1, 3)


def quantity(rng: random.Random) -> int:
    return rng.randint(1, 4)


def new_products(rng: random.Random) -> int:
    """Products of a new store."""
    return rng.randint(2, 5)


def more_products(rng: random.Random) -> int:
    """Products added as new inventory."""
    return rng.randint(1, 3)


def bot(rng: random.Random) -> str:
    return f"bot-{rng.randint(1, 9)}"
