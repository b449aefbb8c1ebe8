"""Customers: kiosk customers who register, get enabled or disabled, and are authorized."""
