"""The simulator's dice: the reference's shares of behaviours, its pacing and prices, and a
seed that replays the same choices."""

from __future__ import annotations

import random
from collections import Counter

from mall_adapters.busywork import choices, names
from mall_adapters.busywork.choices import Action, Fate

DRAWS = 40_000
SHARES = {
    Action.BROWSING: 0.375,
    Action.BUYING: 0.125,
    Action.REGISTER_CUSTOMER: 0.20,
    Action.SET_UP_STORE: 0.05,
    Action.ADD_INVENTORY: 0.15,
    Action.REBRAND_STORE: 0.05,
    Action.REBRAND_PRODUCT: 0.05,
}


def test_the_actions_are_drawn_in_the_reference_shares() -> None:
    rng = random.Random(8)
    drawn = Counter(choices.action(rng) for _ in range(DRAWS))
    assert set(drawn) == set(Action)
    for action, share in SHARES.items():
        assert abs(drawn[action] / DRAWS - share) < 0.01, (action, drawn[action] / DRAWS)


def test_the_admin_draw_covers_zero_to_nine() -> None:
    assert sorted(choices.ADMIN_DRAW) == list(range(10))


def test_approved_orders_are_mostly_completed_some_cancelled_a_few_kept() -> None:
    rng = random.Random(3)
    drawn = Counter(choices.fate(rng) for _ in range(DRAWS))
    shares = {fate: drawn[fate] / DRAWS for fate in Fate}
    assert abs(shares[Fate.COMPLETE] - 0.60) < 0.01
    assert abs(shares[Fate.CANCEL] - 0.25) < 0.01
    assert abs(shares[Fate.KEEP] - 0.15) < 0.01


def test_pacing_prices_and_counts_stay_in_the_reference_ranges() -> None:
    rng = random.Random(5)
    for _ in range(2_000):
        assert 8.0 <= choices.interval(rng) <= 11.0
        assert 0.5 <= choices.pause(rng) <= 2.0
        price = names.price(rng)
        assert 5.0 <= price <= 11.99
        assert price == round(price, 2)  # whole cents
        assert 1 <= choices.store_visits(rng) <= 3
        assert 1 <= choices.quantity(rng) <= 4
        assert 2 <= choices.new_products(rng) <= 5
        assert 1 <= choices.more_products(rng) <= 3


def test_a_seed_replays_the_same_choices() -> None:
    def run(seed: int) -> list[object]:
        rng = random.Random(seed)
        return [
            (choices.action(rng), choices.fate(rng), names.person(rng), names.price(rng))
            for _ in range(50)
        ]

    assert run(1) == run(1)
    assert run(1) != run(2)
