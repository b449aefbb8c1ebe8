"""The made-up words of the simulation: people, phone numbers, companies, departments and
products (the reference drew them from a fake-data library)."""

from __future__ import annotations

import random


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "Mary John Ava Liam Noah Emma Olivia Mateo Sofia Yuki Amara Lucas Ines Omar Priya "
    "Chen Hana Jonas Lena Diego"
)
LAST = _words(
    "Smith Garcia Okafor Nguyen Muller Rossi Kowalski Silva Tanaka Haddad Johansson "
    "Dubois Patel Kim Novak Moreau"
)
COMPANY_HEAD = _words(
    "Acme Globex Initech Umbrella Stark Wayne Cyberdyne Hooli Vandelay Wonka Soylent "
    "Tyrell Aperture Gringotts Oscorp"
)
COMPANY_TAIL = _words("Inc LLC Group Traders Supply Goods Outlet Co")
DEPARTMENTS = _words(
    "Books Games Toys Garden Kitchen Sports Music Outdoors Tools Crafts Electronics "
    "Shoes Jewelry Beauty Grocery Baby"
)
ADJECTIVES = _words(
    "Ergonomic Rustic Sleek Handcrafted Gorgeous Practical Refined Licensed Small "
    "Durable Lightweight Intelligent Fantastic Awesome"
)
MATERIALS = _words("Wooden Steel Cotton Granite Plastic Rubber Bronze Wool")
THINGS = _words(
    "Chair Lamp Wizard Dragon Robot Kite Mug Scarf Clock Drum Puzzle Telescope Teapot "
    "Backpack Candle Hat"
)
PHRASES = (
    "Synergize scalable supply-chains",
    "Empower next-generation experiences",
    "Revolutionize seamless delight",
    "Deliver world-class comfort",
    "Reinvent bleeding-edge fun",
    "Leverage robust value",
    "Unleash frictionless joy",
)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def phone(rng: random.Random) -> str:
    return f"555-{rng.randrange(100, 1000)}-{rng.randrange(1000, 10000)}"


def company(rng: random.Random) -> str:
    return f"{rng.choice(COMPANY_HEAD)} {rng.choice(COMPANY_TAIL)}"


def department(rng: random.Random) -> str:
    return rng.choice(DEPARTMENTS)


def product_name(rng: random.Random) -> str:
    return f"{rng.choice(ADJECTIVES)} {rng.choice(MATERIALS)} {rng.choice(THINGS)}"


def phrase(rng: random.Random) -> str:
    return rng.choice(PHRASES)


def sku(rng: random.Random) -> str:
    return rng.choice(ADJECTIVES).lower()


def price(rng: random.Random) -> float:
    """5.00 to 11.99, as the reference: (500 + random(0-699)) / 100."""
    return (500 + rng.randrange(700)) / 100
