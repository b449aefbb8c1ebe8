"""What search knows of an order's life: its statuses and how far along each is."""
