"""Use cases of Cosec: start sagas from new orders, feed them replies, time out silent
steps, send their commands, and show a saga."""
