"""Depot: shopping lists of stops (one per store) that the mall's bots collect for orders."""
