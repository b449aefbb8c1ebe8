"""Use cases of Store Management: `StoresService` (REST) and `StoresQueryHandlers` (NATS)."""
