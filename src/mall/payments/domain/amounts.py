"""Amounts of money: kept to four decimal places, like their `numeric(16,4)` columns."""

from __future__ import annotations

PLACES = 4


def amount(value: float) -> float:
    """`value` rounded to the four decimal places an amount keeps."""
    return round(value, PLACES)
