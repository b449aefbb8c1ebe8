"""Cosec: the create-order saga execution coordinator.

For each new order it authorizes the customer, creates the shopping list, confirms the
payment, makes the list available and approves the order; a failure or a missing reply
compensates (cancel the list, reject the order). The generic engine is
`mall.kernel.saga`; this module holds the CreateOrder definition and its bindings.
"""
