"""Use cases of Payments: REST commands and queries, the saga's payment confirmation, and
the policies for ordering's events."""
