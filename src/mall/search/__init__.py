"""Search: a denormalised read model of orders, with customer, store and product names."""
