"""Store Management: stores, their participation in bot shopping, and their product catalogs."""
