"""Notifications: tells customers by SMS what happens to their orders.

How an SMS is sent exactly once per (order, kind), and never inside a transaction:

1. An order event arrives. The policy looks the customer up first (the customers cache; on
   a miss customers' `GetCustomer` over NATS), outside any unit of work.
2. One unit of work records the notification as `pending` in `notifications.sent` (unique
   per order and kind, so a redelivered or repeated event records nothing new), caches a
   customer the fallback returned, and records the message's inbox row. Nothing is sent yet:
   the table is the module's SMS outbox.
3. The `SmsDispatcher` (a background task, woken at once by the policy and polling for the
   rest) claims due pending rows in a short unit of work: each claim counts an attempt and
   pushes the row's due time to the end of a lease, so no other dispatcher (in this or any
   other process) takes it meanwhile. It sends each SMS through the `SmsSender` port with no
   transaction open, then marks the row `sent` in another short unit of work.
4. A failed send (the gateway refused or timed out) makes the row due again after a growing
   delay; after `max_attempts` it is marked `failed` with the error, so a broken gateway
   never holds other notifications back for long and never retries forever.

The one window left is a process dying after the gateway accepted an SMS and before the row
was marked sent: the lease expires and the SMS is sent again. No code path decides to send
twice; the webhook carries the notification id (`Idempotency-Key`) so a gateway can drop
that rare repeat.
"""
