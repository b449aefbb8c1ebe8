"""The CreateOrder saga: its data and its steps."""
