"""Shopping Baskets: customers fill baskets with store products and check them out."""
