"""`SmsSender` adapters: a logging one (the default) and an HTTP webhook."""
