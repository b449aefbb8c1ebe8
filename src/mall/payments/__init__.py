"""Payments: authorized payments, their confirmation for the create-order saga, and the
invoices of ready orders."""
